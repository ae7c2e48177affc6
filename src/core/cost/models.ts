import { D, type Dec } from './decimal.js';
import { PRICE_TABLE } from './price-table.js';

/** One model's token prices (USD per 1M tokens, exact decimal strings) from the snapshot. */
export interface ModelRow {
  readonly id: string;
  readonly provider: string;
  readonly input: string;
  readonly output: string;
  readonly cached?: string;
  /** The provider charges more above a prompt-size threshold; the row holds the base tier. */
  readonly tiered?: boolean;
  readonly aliases?: readonly string[];
}

export interface PriceTable {
  readonly source: string;
  readonly version: string;
  /** The date the data is from (the package's publication date). */
  readonly date: string;
  readonly models: readonly ModelRow[];
}

export interface ModelPrice {
  readonly id: string;
  readonly provider: string;
  readonly inputPerMillion: Dec;
  readonly outputPerMillion: Dec;
  readonly cachedPerMillion: Dec | null;
  readonly tiered: boolean;
}

export type ModelLookup =
  | { readonly ok: true; readonly model: ModelPrice }
  | { readonly ok: false; readonly suggestions: readonly string[] };

export const priceTable: PriceTable = PRICE_TABLE;

const toPrice = (row: ModelRow): ModelPrice => ({
  id: row.id,
  provider: row.provider,
  inputPerMillion: new D(row.input),
  outputPerMillion: new D(row.output),
  cachedPerMillion: row.cached === undefined ? null : new D(row.cached),
  tiered: row.tiered === true,
});

// Built once, at load: every id and alias → its prices as Decimals (the table is constant data).
const byName = new Map<string, ModelPrice>();
for (const row of PRICE_TABLE.models) {
  const p = toPrice(row);
  if (!byName.has(row.id)) byName.set(row.id, p);
  for (const a of row.aliases ?? []) if (!byName.has(a)) byName.set(a, p);
}

/** Looks a model up by id or alias, case-insensitively; `openai/gpt-4o` and `openai:gpt-4o` work too. */
export function findModel(name: string): ModelLookup {
  const wanted = name.trim().toLowerCase();
  const bare = wanted.replace(/^[a-z-]+[/:]/, '');
  const model = byName.get(wanted) ?? byName.get(bare);
  return model ? { ok: true, model } : { ok: false, suggestions: closestModels(bare) };
}

/** The `n` ids nearest to `name` by edit distance; ids sharing its prefix rank first among equals. */
export function closestModels(name: string, n = 3): string[] {
  const scored = PRICE_TABLE.models.map((row) => {
    const d = distance(name, row.id);
    const bonus = row.id.startsWith(name) || name.startsWith(row.id) ? 0.5 : 0;
    return { id: row.id, score: d - bonus };
  });
  scored.sort((a, b) => a.score - b.score || a.id.length - b.id.length || a.id.localeCompare(b.id));
  return scored.slice(0, n).map((s) => s.id);
}

/** Levenshtein distance with one rolling row (names are short). */
function distance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
