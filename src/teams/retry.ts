/**
 * The Bot Connector client's retry policy, replaced per turn. botbuilder does not expose the
 * client's pipeline, hence the guarded reach-in; tests/teams/retry.test.ts and the daily-prompt test
 * notice if a new version moves it.
 */
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../server/log.js';
import { RETRIED_STATUSES, retryAfterMs, waitBefore } from '../server/retry-after.js';

interface PipelineResponse {
  status: number;
  headers: { get(name: string): string | undefined };
}
type Next = (request: { timeout: number }) => Promise<PipelineResponse>;
interface Policy {
  name: string;
  sendRequest(request: { timeout: number }, next: Next): Promise<PipelineResponse>;
}
interface Pipeline {
  removePolicy(options: { name: string }): unknown;
  addPolicy(policy: Policy, options?: { phase?: 'Retry' }): void;
}

/** Takes out the client's own retry policy and puts `policy` in; false when the pipeline was not found. */
export function replaceRetries(ctx: TurnContext, policy: Policy, options?: { phase?: 'Retry' }): boolean {
  const client = ctx.turnState.get(ctx.adapter.ConnectorClientKey) as { client?: { pipeline?: Pipeline } } | undefined;
  const pipeline = client?.client?.pipeline;
  if (!pipeline) return false;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  pipeline.addPolicy(policy, options);
  return true;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What the bot sends while a member waits (replies, card updates, nudges) survives more 429s and
 * 503s than the client's three retries (src/server/retry-after.ts); other failures reach the caller.
 */
export function patientReplies(ctx: TurnContext, log: Logger): void {
  const replaced = replaceRetries(
    ctx,
    {
      name: 'tutorPatientReplies',
      async sendRequest(request, next) {
        let spent = 0;
        for (let attempt = 0; ; attempt += 1) {
          const response = await next(request);
          if (!RETRIED_STATUSES.has(response.status)) return response;
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
  if (!replaced) log.warn('teams.reply_pipeline_missing', { message: 'replies keep botbuilder’s three retries' });
}
