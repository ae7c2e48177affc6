import type { Sql } from './sql/sql.js';

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
  claim(scheduleId: number, localDay: string, workerId: string, now: number, leaseMs: number): Promise<boolean>;
  /** After the platform confirmed the post. False when it was already marked sent. */
  markSent(scheduleId: number, localDay: string, now: number): Promise<boolean>;
  /**
   * Releases a claim for a retry. With `workerId`, only that worker's claim is released, so a
   * worker whose lease ran out cannot fail the claim another worker now holds.
   */
  markFailed(scheduleId: number, localDay: string, error: string, now: number, workerId?: string): Promise<boolean>;
  get(scheduleId: number, localDay: string): Promise<Delivery | undefined>;
  /** How many deliveries of the schedule were sent: the next prompt is lesson countSent + 1. */
  countSent(scheduleId: number): Promise<number>;
  /** Deliveries of the workspace that failed (for good, or still being retried) since `sinceDay`, newest first. */
  failures(workspaceId: string, sinceDay: string): Promise<DeliveryFailure[]>;
}

export interface DeliveryFailure {
  target: string;
  platform: string;
  localDay: string;
  attempts: number;
  lastError: string | null;
}

const MAX_ERROR_LENGTH = 2000;

const COLUMNS = `schedule_id AS "scheduleId", local_day AS "localDay", status, attempts,
  claimed_by AS "claimedBy", claimed_at AS "claimedAt", sent_at AS "sentAt", last_error AS "lastError",
  updated_at AS "updatedAt"`;

const FAILURES = `SELECT s.target, s.platform, d.local_day AS "localDay", d.attempts, d.last_error AS "lastError"
  FROM schedules s JOIN deliveries d ON d.schedule_id = s.id
  WHERE s.workspace_id = ? AND d.local_day >= ?
    AND (d.status = 'failed' OR (d.status = 'claimed' AND d.last_error IS NOT NULL))
  ORDER BY d.local_day DESC, s.target LIMIT 50`;
// A single statement decides the race: the database serialises the conflicting writes, and the
// conditional upsert changes a row (changes = 1) only for the caller that wins.
const CLAIM = `INSERT INTO deliveries (schedule_id, local_day, status, attempts, claimed_by, claimed_at, updated_at)
  VALUES (@scheduleId, @localDay, 'claimed', 1, @workerId, @now, @now)
  ON CONFLICT (schedule_id, local_day) DO UPDATE SET
    status = 'claimed', attempts = deliveries.attempts + 1, claimed_by = excluded.claimed_by,
    claimed_at = excluded.claimed_at, updated_at = excluded.updated_at
  WHERE deliveries.status = 'failed'
     OR (deliveries.status = 'claimed' AND deliveries.claimed_at <= @expired)`;
const MARK_SENT = `UPDATE deliveries SET status = 'sent', sent_at = ?, updated_at = ?
  WHERE schedule_id = ? AND local_day = ? AND status <> 'sent'`;
const MARK_FAILED = `UPDATE deliveries SET status = 'failed', last_error = @error, updated_at = @now
  WHERE schedule_id = @scheduleId AND local_day = @localDay AND status = 'claimed'
    AND (@anyWorker = 1 OR claimed_by = @workerId)`;

export function deliveryRepository(sql: Sql): DeliveryRepository {
  return {
    claim: async (scheduleId, localDay, workerId, now, leaseMs) =>
      (await sql.run(CLAIM, { scheduleId, localDay, workerId, now, expired: now - leaseMs })).changes === 1,
    markSent: async (scheduleId, localDay, now) =>
      (await sql.run(MARK_SENT, [now, now, scheduleId, localDay])).changes === 1,
    markFailed: async (scheduleId, localDay, error, now, workerId) =>
      (
        await sql.run(MARK_FAILED, {
          scheduleId,
          localDay,
          error: error.slice(0, MAX_ERROR_LENGTH),
          now,
          anyWorker: workerId === undefined ? 1 : 0,
          workerId: workerId ?? '',
        })
      ).changes === 1,
    get: (scheduleId, localDay) =>
      sql.get<Delivery>(`SELECT ${COLUMNS} FROM deliveries WHERE schedule_id = ? AND local_day = ?`, [
        scheduleId,
        localDay,
      ]),
    countSent: async (scheduleId) =>
      (
        await sql.get<{ n: number }>(`SELECT count(*) AS n FROM deliveries WHERE schedule_id = ? AND status = 'sent'`, [
          scheduleId,
        ])
      )?.n ?? 0,
    failures: (workspaceId, sinceDay) => sql.all<DeliveryFailure>(FAILURES, [workspaceId, sinceDay]),
  };
}
