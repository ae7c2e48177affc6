import type { Clock } from './clock.js';
import type { Sql } from './sql/sql.js';

export interface ReplayRepository {
  /**
   * True the first time `digest` is seen within its window (the request may run); false for a
   * replay. Expired digests are forgotten as new ones arrive.
   */
  firstSeen(digest: string, windowMs: number): Promise<boolean>;
}

export function replayRepository(sql: Sql, now: Clock): ReplayRepository {
  return {
    firstSeen: (digest, windowMs) =>
      sql.transaction(async () => {
        const at = now();
        await sql.run('DELETE FROM request_replays WHERE expires_at <= ?', [at]);
        const insert = 'INSERT INTO request_replays (digest, expires_at) VALUES (?, ?) ON CONFLICT (digest) DO NOTHING';
        return (await sql.run(insert, [digest, at + windowMs])).changes === 1;
      }),
  };
}
