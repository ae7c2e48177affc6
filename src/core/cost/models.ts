import { D, type Dec } from './decimal.js';
import { PRICE_TABLE } from './price-table.js';
import type { ModelRow, PriceTable } from './price-types.js';

export type { ModelRow, PriceTable } from './price-types.js';

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

/**
 * Work done by model-name lookups, counted so tests can prove a scenario's lookups stay bounded
 * whatever its text (issue 13): exact lookups, and names compared by edit distance.
 */
export const modelWork = { lookups: 0, compared: 0 };

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

/** Model families ("gpt", "claude", "o3"): a bare word starting with one may be a model name. */
export const MODEL_FAMILIES: readonly string[] = [
  ...new Set(PRICE_TABLE.models.map((r) => r.id.split(/[-:/]/)[0] ?? '').filter((f) => f.length >= 2)),
].sort((a, b) => b.length - a.length);

const stripProvider = (name: string) => name.replace(/^[a-z-]+[/:]/, '');

/** Exact lookup by id or alias, case-insensitively; `openai/gpt-4o` and `openai:gpt-4o` work too. */
export function lookupModel(name: string): ModelPrice | null {
  modelWork.lookups++;
  const wanted = name.trim().toLowerCase();
  return byName.get(wanted) ?? byName.get(stripProvider(wanted)) ?? null;
}

/** Looks a model up; when it is unknown, suggests the closest ids. */
export function findModel(name: string): ModelLookup {
  const model = lookupModel(name);
  return model
    ? { ok: true, model }
    : { ok: false, suggestions: closestModels(stripProvider(name.trim().toLowerCase())) };
}

// A trigram index of the ids: a name is compared only with the few ids sharing most of its trigrams.
const IDS = PRICE_TABLE.models.map((r) => r.id);
const trigrams = (s: string): Set<string> => {
  const padded = `^${s}$`;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
};
const postings = new Map<string, number[]>();
IDS.forEach((id, i) => {
  for (const t of trigrams(id)) {
    const list = postings.get(t);
    if (list) list.push(i);
    else postings.set(t, [i]);
  }
});

/** Names longer than any id by this much cannot be a typo of one. */
const MAX_NAME = 64;
/** Ids compared by edit distance per lookup: the best candidates from the index. */
const SHORTLIST = 16;

/** The `n` ids nearest to `name` by edit distance; ids sharing its prefix rank first among equals. */
export function closestModels(name: string, n = 3): string[] {
  const wanted = name.slice(0, MAX_NAME);
  const shared = new Map<number, number>();
  for (const t of trigrams(wanted)) for (const i of postings.get(t) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
  const shortlist = [...shared].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, SHORTLIST);
  const scored = shortlist.map(([i]) => {
    const id = IDS[i] ?? '';
    modelWork.compared++;
    const bonus = id.startsWith(wanted) || wanted.startsWith(id) ? 0.5 : 0;
    return { id, score: distance(wanted, id) - bonus };
  });
  scored.sort((a, b) => a.score - b.score || a.id.length - b.id.length || a.id.localeCompare(b.id));
  return scored.slice(0, n).map((s) => s.id);
}

/** Levenshtein distance with one rolling row (names are short). */
export function distance(a: string, b: string): number {
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
