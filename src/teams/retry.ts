/**
 * Patient retries for what the bot sends while a member waits (replies, card updates, nudges).
 * botbuilder's connector client gives up after three retries, and Teams throttles bursts with 429
 * (and sheds load with 503) for longer than that: the member's answer was lost. Here those two are
 * retried up to REPLY_RETRY.retries more times, waiting what Retry-After asks (capped) or else an
 * exponential backoff with jitter, within a total budget so a turn still ends. Other failures keep
 * botbuilder's behaviour: they are not retried here and reach the caller as before.
 */
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../server/log.js';

export const REPLY_RETRY = {
  /** Retries after the first try. */
  retries: 6,
  /** Backoff without Retry-After: 250 ms, 500 ms, 1 s … (with ±25 % jitter). */
  baseMs: 250,
  /** One wait is never longer than this, whatever Retry-After says. */
  maxWaitMs: 10_000,
  /** All waits of one send together stay under this; past it the failure is returned. */
  budgetMs: 30_000,
} as const;

const RETRIED = new Set([429, 503]);

/** Retry-After in seconds or as an HTTP date → milliseconds from now. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

interface PipelineResponse {
  status: number;
  headers: { get(name: string): string | undefined };
}
type Next = (request: unknown) => Promise<PipelineResponse>;

interface Pipeline {
  removePolicy(options: { name: string }): unknown;
  addPolicy(
    policy: { name: string; sendRequest(request: unknown, next: Next): Promise<PipelineResponse> },
    options?: { phase?: 'Retry' },
  ): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The wait before retry number `attempt` (0-based), or undefined when the budget does not allow it. */
export function waitBefore(
  attempt: number,
  retryAfter: number | undefined,
  spentMs: number,
  random = Math.random,
): number | undefined {
  if (attempt >= REPLY_RETRY.retries) return undefined;
  const backoff = REPLY_RETRY.baseMs * 2 ** attempt * (0.75 + random() / 2);
  const wait = Math.min(retryAfter ?? backoff, REPLY_RETRY.maxWaitMs);
  return spentMs + wait > REPLY_RETRY.budgetMs ? undefined : Math.round(wait);
}

/**
 * Puts the patient policy in place of the connector client's own retry policy for this turn's
 * client. botbuilder does not expose the pipeline, hence the guarded reach-in (as in sender.ts);
 * tests/teams/retry.test.ts notices if a new version moves it.
 */
export function patientReplies(ctx: TurnContext, log: Logger): void {
  const client = ctx.turnState.get(ctx.adapter.ConnectorClientKey) as { client?: { pipeline?: Pipeline } } | undefined;
  const pipeline = client?.client?.pipeline;
  if (!pipeline) {
    log.warn('teams.reply_pipeline_missing', { message: 'replies keep botbuilder’s three retries' });
    return;
  }
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  pipeline.addPolicy(
    {
      name: 'tutorPatientReplies',
      async sendRequest(request, next) {
        let spent = 0;
        for (let attempt = 0; ; attempt += 1) {
          const response = await next(request);
          if (!RETRIED.has(response.status)) return response;
          const wait = waitBefore(attempt, retryAfterMs(response.headers.get('retry-after')), spent);
          if (wait === undefined) {
            log.warn('teams.reply_gave_up', { status: response.status, attempts: attempt + 1 });
            return response;
          }
          log.info('teams.reply_retry', { status: response.status, attempt: attempt + 1, waitMs: wait });
          spent += wait;
          await sleep(wait);
        }
      },
    },
    { phase: 'Retry' },
  );
}
