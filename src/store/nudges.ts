import type { Clock } from './clock.js';
import type { Sql } from './sql/sql.js';

export interface NudgeRepository {
  /** True only for the first claim of (member, local day): one reminder a day, however many asks. */
  claim(memberId: number, day: string): Promise<boolean>;
  /** Gives a claim back (the reminder could not be delivered), so a later nudge may try again. */
  release(memberId: number, day: string): Promise<void>;
}

export function nudgeRepository(sql: Sql, now: Clock): NudgeRepository {
  return {
    claim: async (memberId, day) =>
      (
        await sql.run('INSERT INTO nudges (member_id, day, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [
          memberId,
          day,
          now(),
        ])
      ).changes === 1,
    release: async (memberId, day) => {
      await sql.run('DELETE FROM nudges WHERE member_id = ? AND day = ?', [memberId, day]);
    },
  };
}
