import type { Db } from './database.js';

export type DeliveryStatus = 'claimed' | 'sent' | 'failed';

/** One (schedule, local day) of the daily prompt: the exactly-once ledger. */
export interface Delivery {
  scheduleId: number;
  localDay: string;
  status: DeliveryStatus;
  /** How many times it has been claimed (1 on the first claim). */
  attempts: number;
  claimedBy: string;
  claimedAt: number;
  sentAt: number | null;
  lastError: string | null;
  updatedAt: number;
}

export interface DeliveryRepository {
  /**
   * Takes the right to send (schedule, day). True for exactly one caller: the first, or a later
   * one once the holder's claim is older than `leaseMs` (a crashed worker) or it marked the
   * delivery failed. A sent delivery is never claimable again.
   */
  claim(scheduleId: number, localDay: string, workerId: string, now: number, leaseMs: number): boolean;
  /** After the platform confirmed the post. False when it was already marked sent. */
  markSent(scheduleId: number, localDay: string, now: number): boolean;
  /**
   * Releases a claim for a retry. With `workerId`, only that worker's claim is released, so a
   * worker whose lease ran out cannot fail the claim another worker now holds.
   */
  markFailed(scheduleId: number, localDay: string, error: string, now: number, workerId?: string): boolean;
  get(scheduleId: number, localDay: string): Delivery | undefined;
  /** How many deliveries of the schedule were sent: the next prompt is lesson countSent + 1. */
  countSent(scheduleId: number): number;
  /** Deliveries of the workspace that failed (for good, or still being retried) since `sinceDay`, newest first. */
  failures(workspaceId: string, sinceDay: string): DeliveryFailure[];
}

export interface DeliveryFailure {
  target: string;
  platform: string;
  localDay: string;
  attempts: number;
  lastError: string | null;
}

const MAX_ERROR_LENGTH = 2000;

const COLUMNS = `schedule_id AS scheduleId, local_day AS localDay, status, attempts,
  claimed_by AS claimedBy, claimed_at AS claimedAt, sent_at AS sentAt, last_error AS lastError,
  updated_at AS updatedAt`;

export function deliveryRepository(db: Db): DeliveryRepository {
  const failures = db.prepare<[string, string], DeliveryFailure>(
    `SELECT s.target, s.platform, d.local_day AS localDay, d.attempts, d.last_error AS lastError
     FROM schedules s JOIN deliveries d ON d.schedule_id = s.id
     WHERE s.workspace_id = ? AND d.local_day >= ?
       AND (d.status = 'failed' OR (d.status = 'claimed' AND d.last_error IS NOT NULL))
     ORDER BY d.local_day DESC, s.target LIMIT 50`,
  );
  // A single statement decides the race: SQLite serialises writers, and the conditional upsert
  // changes a row (changes = 1) only for the caller that wins.
  const claim = db.prepare<{
    scheduleId: number;
    localDay: string;
    workerId: string;
    now: number;
    leaseMs: number;
  }>(
    `INSERT INTO deliveries (schedule_id, local_day, status, attempts, claimed_by, claimed_at, updated_at)
     VALUES (@scheduleId, @localDay, 'claimed', 1, @workerId, @now, @now)
     ON CONFLICT (schedule_id, local_day) DO UPDATE SET
       status = 'claimed', attempts = deliveries.attempts + 1, claimed_by = excluded.claimed_by,
       claimed_at = excluded.claimed_at, updated_at = excluded.updated_at
     WHERE deliveries.status = 'failed'
        OR (deliveries.status = 'claimed' AND deliveries.claimed_at <= @now - @leaseMs)`,
  );
  const markSent = db.prepare<[number, number, number, string]>(
    `UPDATE deliveries SET status = 'sent', sent_at = ?, updated_at = ?
     WHERE schedule_id = ? AND local_day = ? AND status <> 'sent'`,
  );
  const markFailed = db.prepare<{
    scheduleId: number;
    localDay: string;
    error: string;
    now: number;
    workerId: string | null;
  }>(
    `UPDATE deliveries SET status = 'failed', last_error = @error, updated_at = @now
     WHERE schedule_id = @scheduleId AND local_day = @localDay AND status = 'claimed'
       AND (@workerId IS NULL OR claimed_by = @workerId)`,
  );
  const get = db.prepare<[number, string], Delivery>(
    `SELECT ${COLUMNS} FROM deliveries WHERE schedule_id = ? AND local_day = ?`,
  );
  const countSent = db.prepare<[number], { n: number }>(
    `SELECT count(*) AS n FROM deliveries WHERE schedule_id = ? AND status = 'sent'`,
  );

  return {
    claim: (scheduleId, localDay, workerId, now, leaseMs) =>
      claim.run({ scheduleId, localDay, workerId, now, leaseMs }).changes === 1,
    markSent: (scheduleId, localDay, now) => markSent.run(now, now, scheduleId, localDay).changes === 1,
    markFailed: (scheduleId, localDay, error, now, workerId) =>
      markFailed.run({
        scheduleId,
        localDay,
        error: error.slice(0, MAX_ERROR_LENGTH),
        now,
        workerId: workerId ?? null,
      }).changes === 1,
    get: (scheduleId, localDay) => get.get(scheduleId, localDay),
    countSent: (scheduleId) => countSent.get(scheduleId)?.n ?? 0,
    failures: (workspaceId, sinceDay) => failures.all(workspaceId, sinceDay),
  };
}
