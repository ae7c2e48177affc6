import type { Sql } from './sql/sql.js';

export type PersonalKind = 'lesson' | 'reminder';

/** One (member, local day, kind) of personal DMs: the exactly-once ledger. */
export interface PersonalDelivery {
  memberId: number;
  localDay: string;
  kind: PersonalKind;
  status: 'claimed' | 'sent' | 'failed';
  /** How many times it has been claimed (1 on the first claim). */
  attempts: number;
  claimedBy: string;
  leaseUntil: number;
  /** What was decided to send (JSON), fixed at the first claim so a takeover sends the same. */
  content: unknown;
  sentAt: number | null;
  lastError: string | null;
}

export type LedgerState = Pick<
  PersonalDelivery,
  'memberId' | 'localDay' | 'kind' | 'status' | 'attempts' | 'leaseUntil' | 'lastError'
>;

export interface PersonalClaim {
  /** Won from a worker whose lease ran out with no result: the platform may already have the DM. */
  mayHaveBeenSent: boolean;
  attempts: number;
  content: unknown;
}

export interface PersonalKey {
  memberId: number;
  localDay: string;
  kind: PersonalKind;
}

export interface PersonalDeliveryRepository {
  /**
   * Takes the right to send. A claim for exactly one caller: the first, or a later one once the
   * holder's lease has run out (a crashed worker) or it released the delivery. Never once sent.
   */
  claim(key: PersonalKey, workerId: string, now: number, leaseMs: number): Promise<PersonalClaim | undefined>;
  /** Fixes what this delivery sends (only the first decision sticks); returns the one that stuck. */
  decide(key: PersonalKey, content: unknown): Promise<unknown>;
  /** Extends the holder's lease (a long Retry-After wait); false when the claim is no longer ours. */
  renew(key: PersonalKey, workerId: string, now: number, leaseMs: number): Promise<boolean>;
  /** After the platform accepted the DM. False when it was already marked sent. */
  markSent(key: PersonalKey, now: number): Promise<boolean>;
  /** Releases a claim for a later retry (only the holder's), or for good with a permanent error. */
  markFailed(key: PersonalKey, error: string, now: number, workerId: string): Promise<boolean>;
  get(key: PersonalKey): Promise<PersonalDelivery | undefined>;
  /** The ledger rows of these local days, without content (to skip settled or held ones before claiming). */
  onDays(days: readonly string[]): Promise<LedgerState[]>;
  /**
   * Lessons sent on these days before `sentBefore` that have no reminder sent yet, each with whether
   * the member has answered a check since (which rules the reminder out).
   */
  awaitingReminder(days: readonly string[], sentBefore: number): Promise<LessonSent[]>;
  /** When the member's latest lesson DM went out (undefined: none yet). */
  lastLessonSent(memberId: number): Promise<number | undefined>;
}

export interface LessonSent {
  memberId: number;
  localDay: string;
  sentAt: number;
  content: unknown;
  answeredSince: boolean;
}

interface Row {
  member_id: number;
  local_day: string;
  kind: string;
  status: string;
  attempts: number;
  claimed_by: string;
  lease_until: number;
  maybe_sent: number;
  content: string | null;
  sent_at: number | null;
  last_error: string | null;
}

const toDelivery = (r: Row): PersonalDelivery => ({
  memberId: r.member_id,
  localDay: r.local_day,
  kind: r.kind as PersonalKind,
  status: r.status as PersonalDelivery['status'],
  attempts: r.attempts,
  claimedBy: r.claimed_by,
  leaseUntil: r.lease_until,
  content: r.content === null ? null : JSON.parse(r.content),
  sentAt: r.sent_at,
  lastError: r.last_error,
});

const MAX_ERROR_LENGTH = 2000;

// One statement decides the race (the database serialises the conflicting writes). In DO UPDATE,
// column names read the row as it was, so maybe_sent records whether the previous holder left it
// claimed (it stopped mid-send) rather than released.
const CLAIM = `INSERT INTO personal_deliveries (member_id, local_day, kind, status, attempts, claimed_by, lease_until,
    updated_at)
  VALUES (@memberId, @localDay, @kind, 'claimed', 1, @workerId, @leaseUntil, @now)
  ON CONFLICT (member_id, local_day, kind) DO UPDATE SET
    maybe_sent = CASE WHEN personal_deliveries.status = 'claimed' OR personal_deliveries.maybe_sent = 1 THEN 1 ELSE 0 END,
    status = 'claimed', attempts = personal_deliveries.attempts + 1, claimed_by = excluded.claimed_by,
    lease_until = excluded.lease_until, updated_at = excluded.updated_at
  WHERE (personal_deliveries.status = 'failed' AND coalesce(personal_deliveries.last_error, '') NOT LIKE 'permanent: %')
     OR (personal_deliveries.status = 'claimed' AND personal_deliveries.lease_until <= @now)
  RETURNING *`;
const DECIDE = `UPDATE personal_deliveries SET content = coalesce(content, ?)
  WHERE member_id = ? AND local_day = ? AND kind = ? RETURNING content`;
const RENEW = `UPDATE personal_deliveries SET lease_until = ?, updated_at = ?
  WHERE member_id = ? AND local_day = ? AND kind = ? AND claimed_by = ? AND status = 'claimed'`;
const MARK_SENT = `UPDATE personal_deliveries SET status = 'sent', sent_at = ?, updated_at = ?, last_error = NULL
  WHERE member_id = ? AND local_day = ? AND kind = ? AND status <> 'sent'`;
const MARK_FAILED = `UPDATE personal_deliveries SET status = 'failed', last_error = ?, updated_at = ?, maybe_sent = 0
  WHERE member_id = ? AND local_day = ? AND kind = ? AND claimed_by = ? AND status = 'claimed'`;
const ON_DAYS = (n: number) => `SELECT member_id AS "memberId", local_day AS "localDay", kind, status, attempts,
    lease_until AS "leaseUntil", last_error AS "lastError"
  FROM personal_deliveries WHERE local_day IN (${marks(n)})`;
const AWAITING = (n: number) => `SELECT d.member_id, d.local_day, d.sent_at, d.content,
    CASE WHEN EXISTS (SELECT 1 FROM quiz_attempts q WHERE q.member_id = d.member_id AND q.attempted_at >= d.sent_at)
      THEN 1 ELSE 0 END AS answered
  FROM personal_deliveries d
  WHERE d.kind = 'lesson' AND d.status = 'sent' AND d.local_day IN (${marks(n)})
    AND d.sent_at <= ?
    AND NOT EXISTS (SELECT 1 FROM personal_deliveries r WHERE r.member_id = d.member_id
      AND r.local_day = d.local_day AND r.kind = 'reminder' AND r.status = 'sent')`;
const LAST_SENT = `SELECT max(sent_at) AS at FROM personal_deliveries
  WHERE member_id = ? AND kind = 'lesson' AND status = 'sent'`;

/** `?, ?, ?` for an IN list (the runner asks about a handful of local days at a time). */
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

type AwaitingRow = { member_id: number; local_day: string; sent_at: number; content: string | null; answered: number };

export function personalDeliveryRepository(sql: Sql): PersonalDeliveryRepository {
  return {
    lastLessonSent: async (memberId) => (await sql.get<{ at: number | null }>(LAST_SENT, [memberId]))?.at ?? undefined,
    async awaitingReminder(days, sentBefore) {
      if (days.length === 0) return [];
      return (await sql.all<AwaitingRow>(AWAITING(days.length), [...days, sentBefore])).map((r) => ({
        memberId: r.member_id,
        localDay: r.local_day,
        sentAt: r.sent_at,
        content: r.content === null ? null : JSON.parse(r.content),
        answeredSince: r.answered === 1,
      }));
    },
    async claim(key, workerId, now, leaseMs) {
      const { memberId, localDay, kind } = key;
      const row = await sql.get<Row>(CLAIM, { memberId, localDay, kind, workerId, now, leaseUntil: now + leaseMs });
      if (!row) return undefined;
      return {
        mayHaveBeenSent: row.maybe_sent === 1,
        attempts: row.attempts,
        content: row.content === null ? null : JSON.parse(row.content),
      };
    },
    async decide(key, content) {
      const row = await sql.get<{ content: string }>(DECIDE, [
        JSON.stringify(content),
        key.memberId,
        key.localDay,
        key.kind,
      ]);
      return row ? JSON.parse(row.content) : content;
    },
    renew: async (key, workerId, now, leaseMs) =>
      (await sql.run(RENEW, [now + leaseMs, now, key.memberId, key.localDay, key.kind, workerId])).changes === 1,
    markSent: async (key, now) =>
      (await sql.run(MARK_SENT, [now, now, key.memberId, key.localDay, key.kind])).changes === 1,
    markFailed: async (key, error, now, workerId) =>
      (
        await sql.run(MARK_FAILED, [
          error.slice(0, MAX_ERROR_LENGTH),
          now,
          key.memberId,
          key.localDay,
          key.kind,
          workerId,
        ])
      ).changes === 1,
    async get(key) {
      const row = await sql.get<Row>(
        'SELECT * FROM personal_deliveries WHERE member_id = ? AND local_day = ? AND kind = ?',
        [key.memberId, key.localDay, key.kind],
      );
      return row && toDelivery(row);
    },
    onDays: async (days) => (days.length === 0 ? [] : sql.all<LedgerState>(ON_DAYS(days.length), [...days])),
  };
}
