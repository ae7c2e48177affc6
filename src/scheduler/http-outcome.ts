/**
 * A failed HTTP call to a platform (the Bot Connector) as the scheduler's outcome: retry when the
 * service says so (after its Retry-After), never when the conversation is gone or the bot removed.
 */
import { retryAfterMs } from '../server/retry-after.js';
import type { SendOutcome } from './types.js';

/** Bot Framework asks bots to retry these with backoff: throttled, a precondition race, a gateway hiccup. */
const RETRY = new Set([412, 429, 500, 502, 503, 504]);
/** The bot was removed from the team or chat, or the conversation is gone: no retry helps. */
export const PERMANENT = new Set([403, 404]);

interface HttpError {
  statusCode?: number;
  code?: string;
  response?: { status?: number; headers?: { get?(name: string): string | undefined } };
}

export const statusOf = (error: unknown): number | undefined => {
  const e = (error ?? {}) as HttpError;
  return e.statusCode ?? e.response?.status;
};

/** A failed send as the scheduler's outcome: retry later (when the service says), or never. */
export function outcomeOf(error: unknown): SendOutcome {
  const e = (error ?? {}) as HttpError;
  const status = statusOf(error);
  const code = typeof e.code === 'string' ? ` ${e.code.slice(0, 60)}` : '';
  if (status === undefined) return { ok: false, error: `send failed${code || `: ${String(error).slice(0, 120)}`}` };
  const text = `HTTP ${status}${code}`;
  if (PERMANENT.has(status)) return { ok: false, permanent: true, error: text };
  const wait = RETRY.has(status) ? retryAfterMs(e.response?.headers?.get?.('retry-after')) : undefined;
  return wait === undefined ? { ok: false, error: text } : { ok: false, retryAfterMs: wait, error: text };
}
