import type { Clock } from './clock.js';
import type { Db } from './database.js';

export interface NudgeRepository {
  /** True only for the first claim of (member, local day): one reminder a day, however many asks. */
  claim(memberId: number, day: string): boolean;
  /** Gives a claim back (the reminder could not be delivered), so a later nudge may try again. */
  release(memberId: number, day: string): void;
}

export function nudgeRepository(db: Db, now: Clock): NudgeRepository {
  const insert = db.prepare<[number, string, number]>(
    'INSERT INTO nudges (member_id, day, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const remove = db.prepare<[number, string]>('DELETE FROM nudges WHERE member_id = ? AND day = ?');
  return {
    claim: (memberId, day) => insert.run(memberId, day, now()).changes === 1,
    release: (memberId, day) => {
      remove.run(memberId, day);
    },
  };
}
