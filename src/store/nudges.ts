import type { Clock } from './clock.js';
import type { Db } from './database.js';

export interface NudgeRepository {
  /** True only for the first claim of (member, local day): one reminder a day, however many asks. */
  claim(memberId: number, day: string): boolean;
}

export function nudgeRepository(db: Db, now: Clock): NudgeRepository {
  const insert = db.prepare<[number, string, number]>(
    'INSERT INTO nudges (member_id, day, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  return {
    claim: (memberId, day) => insert.run(memberId, day, now()).changes === 1,
  };
}
