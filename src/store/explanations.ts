import type { Clock } from './clock.js';
import type { Db } from './database.js';
import { fromJson, toJson } from './json.js';

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
  get(key: string): CachedExplanation | undefined;
  /** Stores (or refreshes) an entry; an existing entry keeps its hit count. */
  put(entry: NewExplanation): void;
}

/** Money spent on the explainer per workspace and UTC day, in millionths of a dollar. */
export interface Spend {
  usdMicros: number;
  calls: number;
}

export interface SpendRepository {
  /** Adds one call costing `usdMicros` and returns the day's new totals. */
  add(workspaceId: string, day: string, usdMicros: number): Spend;
  /** The day's totals (zero when nothing was spent). */
  get(workspaceId: string, day: string): Spend;
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

export function explanationRepository(db: Db, now: Clock): ExplanationRepository {
  const hit = db.prepare<[number, string], Row>(
    'UPDATE explanation_cache SET hits = hits + 1, last_hit_at = ? WHERE key = ? RETURNING *',
  );
  const put = db.prepare<[string, string, string, string, string, number]>(
    `INSERT INTO explanation_cache (key, sentence, model, prompt_version, explanation, created_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET sentence = excluded.sentence, model = excluded.model,
       prompt_version = excluded.prompt_version, explanation = excluded.explanation,
       created_at = excluded.created_at`,
  );

  return {
    get(key) {
      const row = hit.get(now(), key);
      return row && toExplanation(row);
    },
    put(entry) {
      const explanation = toJson(entry.explanation, 'explanation');
      put.run(entry.key, entry.sentence, entry.model, entry.promptVersion, explanation, now());
    },
  };
}

export function spendRepository(db: Db): SpendRepository {
  // Upsert-and-return in one statement, so concurrent explainers never lose an increment.
  const add = db.prepare<[string, string, number], Spend>(
    `INSERT INTO explanation_spend (workspace_id, day, usd_micros, calls) VALUES (?, ?, ?, 1)
     ON CONFLICT (workspace_id, day) DO UPDATE SET
       usd_micros = explanation_spend.usd_micros + excluded.usd_micros,
       calls = explanation_spend.calls + 1
     RETURNING usd_micros AS usdMicros, calls`,
  );
  const get = db.prepare<[string, string], Spend>(
    'SELECT usd_micros AS usdMicros, calls FROM explanation_spend WHERE workspace_id = ? AND day = ?',
  );

  return {
    add: (workspaceId, day, usdMicros) => add.get(workspaceId, day, usdMicros) as Spend,
    get: (workspaceId, day) => get.get(workspaceId, day) ?? { usdMicros: 0, calls: 0 },
  };
}
