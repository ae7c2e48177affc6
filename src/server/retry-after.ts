/**
 * Patient retries for what a bot sends while a member waits, against a service that throttles
 * bursts (429) or sheds load (503) for longer than an SDK's own few retries: wait what Retry-After
 * asks (capped) or else back off exponentially with jitter, within a total budget so a turn ends.
 */
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

/** The statuses worth waiting out. */
const RETRIED_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** Retry-After in seconds or as an HTTP date → milliseconds from now. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

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

/** What a retried send answers: its status and headers. */
export interface Answer {
  readonly status: number;
  readonly headers: { get(name: string): string | undefined };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends until the answer is not a 429 or 503, or the policy gives up; the last answer either way. */
export async function patiently<A extends Answer>(
  send: () => Promise<A>,
  onWait: (event: { status: number; attempt: number; waitMs?: number }) => void = () => {},
): Promise<A> {
  let spent = 0;
  for (let attempt = 0; ; attempt += 1) {
    const answer = await send();
    if (!RETRIED_STATUSES.has(answer.status)) return answer;
    const wait = waitBefore(attempt, retryAfterMs(answer.headers.get('retry-after')), spent);
    onWait({ status: answer.status, attempt: attempt + 1, ...(wait === undefined ? {} : { waitMs: wait }) });
    if (wait === undefined) return answer;
    spent += wait;
    await sleep(wait);
  }
}
