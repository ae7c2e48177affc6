import type { Clock } from './clock.js';
import { fromJson, toJson } from './json.js';
import type { Sql } from './sql/sql.js';

export interface CachedExplanation {
  /** Chosen by the explainer; should cover sentence, model and prompt version. */
  key: string;
  sentence: string;
  model: string;
  promptVersion: string;
  explanation: unknown;
  createdAt: number;
  /** Times served from the cache, including the read that returned this value. */
  hits: number;
  lastHitAt: number | null;
}

export type NewExplanation = Pick<CachedExplanation, 'key' | 'sentence' | 'model' | 'promptVersion'> & {
  explanation: unknown;
};

export interface ExplanationRepository {
  /** A cache lookup; a hit is counted in the same statement. */
  get(key: string): Promise<CachedExplanation | undefined>;
  /** Stores (or refreshes) an entry; an existing entry keeps its hit count. */
  put(entry: NewExplanation): Promise<void>;
}

/** Money spent on the explainer per workspace and UTC day, in millionths of a dollar. */
export interface Spend {
  usdMicros: number;
  calls: number;
}

export interface SpendRepository {
  /** Adds one call costing `usdMicros` and returns the day's new totals. */
  add(workspaceId: string, day: string, usdMicros: number): Promise<Spend>;
  /** The day's totals (zero when nothing was spent). */
  get(workspaceId: string, day: string): Promise<Spend>;
}

interface Row {
  key: string;
  sentence: string;
  model: string;
  prompt_version: string;
  explanation: string;
  created_at: number;
  hits: number;
  last_hit_at: number | null;
}

const toExplanation = (row: Row): CachedExplanation => ({
  key: row.key,
  sentence: row.sentence,
  model: row.model,
  promptVersion: row.prompt_version,
  explanation: fromJson(row.explanation),
  createdAt: row.created_at,
  hits: row.hits,
  lastHitAt: row.last_hit_at,
});

const PUT = `INSERT INTO explanation_cache (key, sentence, model, prompt_version, explanation, created_at)
  VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (key) DO UPDATE SET sentence = excluded.sentence, model = excluded.model,
    prompt_version = excluded.prompt_version, explanation = excluded.explanation,
    created_at = excluded.created_at`;

export function explanationRepository(sql: Sql, now: Clock): ExplanationRepository {
  return {
    async get(key) {
      const hit = 'UPDATE explanation_cache SET hits = hits + 1, last_hit_at = ? WHERE key = ? RETURNING *';
      const row = await sql.get<Row>(hit, [now(), key]);
      return row && toExplanation(row);
    },
    async put(entry) {
      const explanation = toJson(entry.explanation, 'explanation');
      await sql.run(PUT, [entry.key, entry.sentence, entry.model, entry.promptVersion, explanation, now()]);
    },
  };
}

// Upsert-and-return in one statement, so concurrent explainers never lose an increment.
const ADD_SPEND = `INSERT INTO explanation_spend (workspace_id, day, usd_micros, calls) VALUES (?, ?, ?, 1)
  ON CONFLICT (workspace_id, day) DO UPDATE SET
    usd_micros = explanation_spend.usd_micros + excluded.usd_micros,
    calls = explanation_spend.calls + 1
  RETURNING usd_micros AS "usdMicros", calls`;
const GET_SPEND = 'SELECT usd_micros AS "usdMicros", calls FROM explanation_spend WHERE workspace_id = ? AND day = ?';

export function spendRepository(sql: Sql): SpendRepository {
  return {
    add: async (workspaceId, day, usdMicros) =>
      (await sql.get<Spend>(ADD_SPEND, [workspaceId, day, usdMicros])) as Spend,
    get: async (workspaceId, day) =>
      (await sql.get<Spend>(GET_SPEND, [workspaceId, day])) ?? { usdMicros: 0, calls: 0 },
  };
}
