import type { Sql } from './sql/sql.js';

/** Explanations served (of every source) and served from the cache, per workspace and UTC day. */
export interface DayCounts {
  readonly served: number;
  readonly cacheHits: number;
}

export interface ExplainCounterRepository {
  /** Adds to the day's counts in one statement, so concurrent instances never lose an increment. */
  add(workspaceId: string, day: string, counts: DayCounts): Promise<void>;
  /** The day's counts (zero when nothing was served). */
  get(workspaceId: string, day: string): Promise<DayCounts>;
}

const ADD = `INSERT INTO explain_counters (workspace_id, day, served, cache_hits) VALUES (?, ?, ?, ?)
  ON CONFLICT (workspace_id, day) DO UPDATE SET
    served = explain_counters.served + excluded.served,
    cache_hits = explain_counters.cache_hits + excluded.cache_hits`;
const GET = 'SELECT served, cache_hits AS "cacheHits" FROM explain_counters WHERE workspace_id = ? AND day = ?';
const SWEEP_BATCH = 500;
const SWEEP = `DELETE FROM explain_counters WHERE (workspace_id, day) IN
  (SELECT workspace_id, day FROM explain_counters WHERE day < ? LIMIT ${SWEEP_BATCH})`;

/** Counts are a rate for the report, which shows today: a week back is plenty. */
const KEEP_DAYS = 7;
const DAY_MS = 86_400_000;

export function explainCounterRepository(sql: Sql): ExplainCounterRepository {
  let swept: string | undefined;
  let backlog = false;
  return {
    async add(workspaceId, day, counts) {
      await sql.run(ADD, [workspaceId, day, counts.served, counts.cacheHits]);
      // Once per day seen by this instance (again with each add while a full batch came back),
      // forget the oldest days.
      if (backlog || day !== swept) {
        swept = day;
        const before = new Date(Date.parse(day) - KEEP_DAYS * DAY_MS).toISOString().slice(0, 10);
        backlog = (await sql.run(SWEEP, [before])).changes === SWEEP_BATCH;
      }
    },
    get: async (workspaceId, day) => (await sql.get<DayCounts>(GET, [workspaceId, day])) ?? { served: 0, cacheHits: 0 },
  };
}
