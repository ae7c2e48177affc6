/** The contract between the scheduler and the platform layers that post the prompts. */
import type { Delivery, PersonalKind, Platform, RunnableSchedule } from '../store/index.js';
import type { Card } from '../views/card.js';

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

/** One private message to one member: a personal lesson or reminder. */
export interface DirectTarget {
  workspaceId: string;
  platform: Platform;
  /** The member's row id in the store. */
  memberId: number;
  /** The member's platform id (Slack user id, Teams AAD object id): whom to DM. */
  externalId: string;
  localDay: string;
  kind: PersonalKind;
  card: Card;
  /** `member:day:kind`: a sender tags the DM with it, so a worker taking over can look for it. */
  deliveryKey: string;
  /**
   * The previous holder of this claim stopped without a result (a crash mid-send): the member may
   * already have the DM. A sender that can look (the DM's history) should, to keep it exactly once.
   */
  mayHaveBeenSent: boolean;
}

/**
 * Implemented by each platform: send one card to one member privately (Slack: open the DM and
 * chat.postMessage; Teams: a proactive 1:1 message, which needs the app installed for the member —
 * answer `permanent` when it is not, so the manager's report can say so). Give up on a hung call well
 * inside the lease. It need not retry or wait out 429s: the runner does, with the server's Retry-After.
 */
export interface DirectSender {
  send(target: DirectTarget): Promise<SendOutcome>;
}

/** What a personal DM says: decided once per delivery (JSON-able, kept in the ledger), then rendered. */
export interface PersonalComposer {
  /** Today's lesson DM: the next lesson, a due review, or the chapter finished. */
  decideLesson(schedule: RunnableSchedule): Promise<unknown>;
  /** The day's reminder, from what that day's lesson DM was. */
  decideReminder(schedule: RunnableSchedule, lesson: unknown): unknown;
  render(schedule: RunnableSchedule, content: unknown): Promise<Card>;
  /** After the platform accepted the DM: note the lesson read; a finished chapter stops the schedule. */
  sent(schedule: RunnableSchedule, content: unknown, at: number): Promise<void>;
}

export interface PersonalTickResult extends TickResult {
  /** Schedules moved to their member's new time zone this tick (served there from the next local day). */
  zonesAdopted: number;
}
