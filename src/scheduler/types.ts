/** The contract between the scheduler and the platform layers that post the prompts. */
import type { Delivery, Platform } from '../store/index.js';

export interface SendTarget {
  scheduleId: number;
  workspaceId: string;
  platform: Platform;
  /** Channel / conversation id. */
  target: string;
  localDay: string;
  /** Deliveries of this schedule sent before this one: post lesson `sequence + 1`. */
  sequence: number;
  /**
   * A worker claimed this before and stopped without recording a result (a crash mid-send): the
   * platform may already have the message. A sender that can look (Slack's channel history) should,
   * to keep the prompt exactly once.
   */
  mayHaveBeenSent: boolean;
}

/**
 * `retryAfterMs`: the platform's Retry-After (a 429). `permanent`: no retry can help
 * (channel_not_found, not_in_channel, the bot was removed).
 */
export type SendOutcome = { ok: true } | { ok: false; retryAfterMs?: number; permanent?: boolean; error: string };

/**
 * Implemented by each platform. It should give up on a hung call well inside the lease: after the
 * lease another worker may claim and send the same prompt.
 */
export interface PromptSender {
  send(target: SendTarget): Promise<SendOutcome>;
}

export interface TickResult {
  due: number;
  sent: number;
  /** Failed for good this tick (permanent error or attempts used up). */
  failed: number;
  /** Failed for now; a later tick retries. */
  deferred: number;
  /** Already sent, failed for good, waiting to retry, or another worker holds the claim. */
  skipped: number;
}

/** Prefix of `lastError` for a failure no retry can fix; such a delivery is never claimed again. */
export const PERMANENT_PREFIX = 'permanent: ';

/** Sent, or failed for good: no worker will try this delivery again. */
export function isSettled(delivery: Delivery, maxAttempts: number): boolean {
  if (delivery.status === 'sent') return true;
  return (
    delivery.status === 'failed' &&
    (delivery.attempts >= maxAttempts || (delivery.lastError ?? '').startsWith(PERMANENT_PREFIX))
  );
}

export function errorText(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
