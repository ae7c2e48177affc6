import type { Db } from './database.js';

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
  claim(key: PersonalKey, workerId: string, now: number, leaseMs: number): PersonalClaim | undefined;
  /** Fixes what this delivery sends (only the first decision sticks); returns the one that stuck. */
  decide(key: PersonalKey, content: unknown): unknown;
  /** Extends the holder's lease (a long Retry-After wait); false when the claim is no longer ours. */
  renew(key: PersonalKey, workerId: string, now: number, leaseMs: number): boolean;
  /** After the platform accepted the DM. False when it was already marked sent. */
  markSent(key: PersonalKey, now: number): boolean;
  /** Releases a claim for a later retry (only the holder's), or for good with a permanent error. */
  markFailed(key: PersonalKey, error: string, now: number, workerId: string): boolean;
  get(key: PersonalKey): PersonalDelivery | undefined;
  /** The ledger rows of these local days, without content (to skip settled or held ones before claiming). */
  onDays(days: readonly string[]): LedgerState[];
  /**
   * Lessons sent on these days before `sentBefore` that have no reminder sent yet, each with whether
   * the member has answered a check since (which rules the reminder out).
   */
  awaitingReminder(days: readonly string[], sentBefore: number): LessonSent[];
  /** When the member's latest lesson DM went out (undefined: none yet). */
  lastLessonSent(memberId: number): number | undefined;
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

export function personalDeliveryRepository(db: Db): PersonalDeliveryRepository {
  // One statement decides the race (SQLite serialises writers). In DO UPDATE, column names read the
  // row as it was, so maybe_sent records whether the previous holder left it claimed (it stopped
  // mid-send) rather than released.
  const claim = db.prepare<Record<string, string | number>, Row>(
    `INSERT INTO personal_deliveries (member_id, local_day, kind, status, attempts, claimed_by, lease_until, updated_at)
     VALUES (@memberId, @localDay, @kind, 'claimed', 1, @workerId, @now + @leaseMs, @now)
     ON CONFLICT (member_id, local_day, kind) DO UPDATE SET
       maybe_sent = (personal_deliveries.status = 'claimed' OR personal_deliveries.maybe_sent = 1),
       status = 'claimed', attempts = personal_deliveries.attempts + 1, claimed_by = excluded.claimed_by,
       lease_until = excluded.lease_until, updated_at = excluded.updated_at
     WHERE (personal_deliveries.status = 'failed' AND coalesce(personal_deliveries.last_error, '') NOT LIKE 'permanent: %')
        OR (personal_deliveries.status = 'claimed' AND personal_deliveries.lease_until <= @now)
     RETURNING *`,
  );
  const decide = db.prepare<[string, number, string, string], { content: string }>(
    `UPDATE personal_deliveries SET content = coalesce(content, ?)
     WHERE member_id = ? AND local_day = ? AND kind = ? RETURNING content`,
  );
  const renew = db.prepare<[number, number, number, string, string, string]>(
    `UPDATE personal_deliveries SET lease_until = ?, updated_at = ?
     WHERE member_id = ? AND local_day = ? AND kind = ? AND claimed_by = ? AND status = 'claimed'`,
  );
  const markSent = db.prepare<[number, number, number, string, string]>(
    `UPDATE personal_deliveries SET status = 'sent', sent_at = ?, updated_at = ?, last_error = NULL
     WHERE member_id = ? AND local_day = ? AND kind = ? AND status <> 'sent'`,
  );
  const markFailed = db.prepare<[string, number, number, string, string, string]>(
    `UPDATE personal_deliveries SET status = 'failed', last_error = ?, updated_at = ?, maybe_sent = 0
     WHERE member_id = ? AND local_day = ? AND kind = ? AND claimed_by = ? AND status = 'claimed'`,
  );
  const get = db.prepare<[number, string, string], Row>(
    'SELECT * FROM personal_deliveries WHERE member_id = ? AND local_day = ? AND kind = ?',
  );
  const onDays = db.prepare<[string], LedgerState>(
    `SELECT member_id AS memberId, local_day AS localDay, kind, status, attempts, lease_until AS leaseUntil,
       last_error AS lastError
     FROM personal_deliveries WHERE local_day IN (SELECT value FROM json_each(?))`,
  );
  const awaiting = db.prepare<
    [string, number],
    { member_id: number; local_day: string; sent_at: number; content: string | null; answered: number }
  >(
    `SELECT d.member_id, d.local_day, d.sent_at, d.content,
       EXISTS (SELECT 1 FROM quiz_attempts q WHERE q.member_id = d.member_id AND q.attempted_at >= d.sent_at) AS answered
     FROM personal_deliveries d
     WHERE d.kind = 'lesson' AND d.status = 'sent' AND d.local_day IN (SELECT value FROM json_each(?))
       AND d.sent_at <= ?
       AND NOT EXISTS (SELECT 1 FROM personal_deliveries r WHERE r.member_id = d.member_id
         AND r.local_day = d.local_day AND r.kind = 'reminder' AND r.status = 'sent')`,
  );
  const lastSent = db.prepare<[number], { at: number | null }>(
    `SELECT max(sent_at) AS at FROM personal_deliveries WHERE member_id = ? AND kind = 'lesson' AND status = 'sent'`,
  );
  return {
    lastLessonSent: (memberId) => lastSent.get(memberId)?.at ?? undefined,
    awaitingReminder: (days, sentBefore) =>
      awaiting.all(JSON.stringify(days), sentBefore).map((r) => ({
        memberId: r.member_id,
        localDay: r.local_day,
        sentAt: r.sent_at,
        content: r.content === null ? null : JSON.parse(r.content),
        answeredSince: r.answered === 1,
      })),
    claim(key, workerId, now, leaseMs) {
      const row = claim.get({ ...key, workerId, now, leaseMs });
      if (!row) return undefined;
      return {
        mayHaveBeenSent: row.maybe_sent === 1,
        attempts: row.attempts,
        content: row.content === null ? null : JSON.parse(row.content),
      };
    },
    decide(key, content) {
      const row = decide.get(JSON.stringify(content), key.memberId, key.localDay, key.kind);
      return row ? JSON.parse(row.content) : content;
    },
    renew: (key, workerId, now, leaseMs) =>
      renew.run(now + leaseMs, now, key.memberId, key.localDay, key.kind, workerId).changes === 1,
    markSent: (key, now) => markSent.run(now, now, key.memberId, key.localDay, key.kind).changes === 1,
    markFailed: (key, error, now, workerId) =>
      markFailed.run(error.slice(0, MAX_ERROR_LENGTH), now, key.memberId, key.localDay, key.kind, workerId).changes ===
      1,
    get(key) {
      const row = get.get(key.memberId, key.localDay, key.kind);
      return row && toDelivery(row);
    },
    onDays: (days) => onDays.all(JSON.stringify(days)),
  };
}
