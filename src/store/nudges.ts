import type { Clock } from './clock.js';
import type { Sql } from './sql/sql.js';

/** How long a claimed nudge belongs to the instance sending it before another may. */
export const NUDGE_LEASE_MS = 10 * 60_000;

export interface NudgeRepository {
  /**
   * True for one caller per (member, local day): one reminder a day, however many asks. The claim
   * is a lease until `markSent`: if the instance dies before sending, a later nudge may claim again.
   */
  claim(memberId: number, day: string, leaseMs?: number): Promise<boolean>;
  /** The DM went out: the member is nudged for that day, for good. */
  markSent(memberId: number, day: string): Promise<void>;
  /** Gives a claim back (the reminder could not be delivered), so a later nudge may try again. */
  release(memberId: number, day: string): Promise<void>;
}

const CLAIM = `INSERT INTO nudges (member_id, day, created_at, lease_until) VALUES (@memberId, @day, @now, @until)
  ON CONFLICT (member_id, day) DO UPDATE SET created_at = excluded.created_at, lease_until = excluded.lease_until
  WHERE nudges.sent_at IS NULL AND coalesce(nudges.lease_until, 0) <= @now`;

export function nudgeRepository(sql: Sql, now: Clock): NudgeRepository {
  return {
    async claim(memberId, day, leaseMs = NUDGE_LEASE_MS) {
      const at = now();
      return (await sql.run(CLAIM, { memberId, day, now: at, until: at + leaseMs })).changes === 1;
    },
    async markSent(memberId, day) {
      await sql.run('UPDATE nudges SET sent_at = ? WHERE member_id = ? AND day = ?', [now(), memberId, day]);
    },
    async release(memberId, day) {
      await sql.run('DELETE FROM nudges WHERE member_id = ? AND day = ? AND sent_at IS NULL', [memberId, day]);
    },
  };
}
