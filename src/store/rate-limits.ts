import type { Sql } from './sql/sql.js';

export type Taken = { ok: true } | { ok: false; retryInMs: number };

export interface RateLimitRepository {
  /**
   * Counts one use of `key` at `at` if fewer than `limit` uses were counted in the `windowMs`
   * before it; otherwise says how long until the oldest of them leaves the window. Decided in one
   * transaction, so two instances taking the last slot at once cannot both get it.
   */
  take(key: string, limit: number, windowMs: number, at: number): Promise<Taken>;
}

const WINDOW = 'SELECT count(*) AS n, min(at) AS oldest FROM rate_limit_events WHERE key = ? AND at > ?';
const COUNT = 'INSERT INTO rate_limit_events (key, at, expires_at) VALUES (?, ?, ?)';
/** A bounded batch, so one sweep never holds the database long however much expired. */
const SWEEP_BATCH = 500;
const SWEEP = `DELETE FROM rate_limit_events WHERE id IN
  (SELECT id FROM rate_limit_events WHERE expires_at <= ? ORDER BY expires_at LIMIT ${SWEEP_BATCH})`;
const SWEEP_EVERY_MS = 60_000;
const NOT_DURABLE = { durable: false } as const;

/**
 * A key is stored as its JSON text: a key that is not valid Unicode (a lone surrogate) would turn
 * into U+FFFD on its way to the database and share its count with other such keys.
 */
const stored = (key: string): string => JSON.stringify(key);

export function rateLimitRepository(sql: Sql): RateLimitRepository {
  let swept = Number.NEGATIVE_INFINITY;
  let backlog = false;
  return {
    async take(key, limit, windowMs, at) {
      // Once a minute, or with every use while a full batch came back (more expire than one
      // batch a minute clears). Outside the decision's transaction: other takes need not wait.
      if (backlog || at - swept >= SWEEP_EVERY_MS) {
        swept = at;
        backlog = (await sql.run(SWEEP, [at])).changes === SWEEP_BATCH;
      }
      const k = stored(key);
      // Not durable: a use lost to a power cut only lets a member ask once more, and an fsync per
      // estimate would cap every instance's estimates at the disk's rate.
      return sql.transaction(async () => {
        const used = await sql.get<{ n: number; oldest: number | null }>(WINDOW, [k, at - windowMs]);
        if ((used?.n ?? 0) >= limit)
          return { ok: false, retryInMs: Math.max(1, (used?.oldest ?? at) + windowMs - at) } as const;
        await sql.run(COUNT, [k, at, at + windowMs]);
        return { ok: true } as const;
      }, NOT_DURABLE);
    },
  };
}
