import type { Clock } from './clock.js';
import type { Db } from './database.js';

export interface ReplayRepository {
  /**
   * True the first time `digest` is seen within its window (the request may run); false for a
   * replay. Expired digests are forgotten as new ones arrive.
   */
  firstSeen(digest: string, windowMs: number): boolean;
}

export function replayRepository(db: Db, now: Clock): ReplayRepository {
  const prune = db.prepare('DELETE FROM request_replays WHERE expires_at <= ?');
  const insert = db.prepare(
    'INSERT INTO request_replays (digest, expires_at) VALUES (?, ?) ON CONFLICT (digest) DO NOTHING',
  );
  const seen = db.transaction((digest: string, windowMs: number) => {
    const at = now();
    prune.run(at);
    return insert.run(digest, at + windowMs).changes === 1;
  });
  return { firstSeen: (digest, windowMs) => seen.immediate(digest, windowMs) };
}
