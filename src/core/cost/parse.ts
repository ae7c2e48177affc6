/** Scenario text → a structured Scenario, or an error value. Never throws for well-typed input. */
import { assemble, type Result } from './assemble.js';
import { type Clauses, MAYBE_PEOPLE, readClauses } from './clauses.js';
import { errors, MAX_LENGTH } from './errors.js';
import { G } from './grammar.js';
import { closestModels, lookupModel, MODEL_FAMILIES, type ModelPrice } from './models.js';
import { findNegative, firstOutOfRange, QuantityError } from './numbers.js';
import type { Scenario } from './scenario.js';
import { didYouMean, setReparse } from './suggest.js';
import { MAYBE_CURRENCY, unknownUnit } from './units.js';
import { MAYBE_WORDS, normaliseNumbers } from './words.js';

export interface Parsed {
  /** The scenario as read: trimmed, trailing full stop removed. Offsets in the scenario refer to it. */
  readonly text: string;
  readonly scenario: Scenario;
}

const TYPOGRAPHIC = /[×✕\u00a0\u2009\u202f]/;
const MAYBE_MODEL = /(?:on|using|via|model)\s/;
/** A model name standing alone ("gpt-4o 1M queries/day …"): a known family, then a digit, dot or dash. */
const BARE_MODEL = new RegExp(
  String.raw`(?<![\w.$:/-])(?<name>(?:${MODEL_FAMILIES.join('|')})(?:[-.:/]?[a-z0-9][a-z0-9._:/-]*[a-z0-9]|[-.:/]?[a-z0-9])?)(?![\w./-])`,
  'g',
);
const MAYBE_BARE_SOURCE = String.raw`(?<![a-z])(?:${MODEL_FAMILIES.join('|')})[-\d.:/]`;
const MAYBE_BARE = new RegExp(MAYBE_BARE_SOURCE);
/**
 * One scan for anything out of the ordinary — a written number, a currency, a bare model-like name,
 * people — so the common scenario skips each of those readers (speed).
 */
const SPECIAL = new RegExp([MAYBE_WORDS, MAYBE_CURRENCY, MAYBE_BARE_SOURCE, MAYBE_PEOPLE].join('|'));
/** At most this many names are looked up per scenario, however many the text holds (issue 13). */
export const MODEL_CANDIDATES = 2;
const LOOKS_LIKE_ID = /[\d\-:/]/;

interface ModelClause {
  readonly model: ModelPrice | null;
  /** The text with the model's name blanked out. */
  readonly rest: string;
}

const blank = (text: string, at: number, length: number) =>
  text.slice(0, at) + ' '.repeat(length) + text.slice(at + length);

/**
 * The model named by `on …`/`using …`, or standing alone, and the text with it blanked out. Bounded:
 * at most MODEL_CANDIDATES exact lookups, and one index-backed suggestion search when none is known.
 */
function modelClause(
  lower: string,
  special: boolean,
): Result<ModelClause> & { readonly unknown?: { at: number; name: string } } {
  const candidates: { at: number; length: number; name: string }[] = [];
  if (MAYBE_MODEL.test(lower)) {
    G.model.lastIndex = 0;
    for (const m of lower.matchAll(G.model)) {
      const name = m.groups?.name ?? '';
      candidates.push({ at: m.index + m[0].length - name.length, length: m[0].length, name });
      if (candidates.length >= MODEL_CANDIDATES) break;
    }
  }
  // A name after `on`/`using` that is known settles it: no need to look for bare names (speed).
  for (const c of candidates) {
    const model = lookupModel(c.name);
    if (model) return { ok: true, value: { model, rest: blank(lower, c.at + c.name.length - c.length, c.length) } };
  }
  const explicit = candidates.length;
  if (special && candidates.length < MODEL_CANDIDATES && MAYBE_BARE.test(lower)) {
    BARE_MODEL.lastIndex = 0;
    for (const m of lower.matchAll(BARE_MODEL)) {
      const name = m.groups?.name ?? '';
      if (!LOOKS_LIKE_ID.test(name)) continue;
      candidates.push({ at: m.index, length: name.length, name });
      if (candidates.length >= MODEL_CANDIDATES) break;
    }
  }
  for (const c of candidates.slice(explicit)) {
    const model = lookupModel(c.name);
    if (model) return { ok: true, value: { model, rest: blank(lower, c.at, c.length) } };
  }
  // Only names that look like model ids are errors: "on average" is just words.
  const unknown = candidates.find((c) => LOOKS_LIKE_ID.test(c.name));
  if (unknown)
    return {
      ok: false,
      error: errors.unknownModel(unknown.name, closestModels(unknown.name.replace(/^[a-z-]+[/:]/, ''))),
      unknown: { at: unknown.at, name: unknown.name },
    };
  return { ok: true, value: { model: null, rest: lower } };
}

export function parse(input: string, suggest = true): Result<Parsed> {
  if (input.length > MAX_LENGTH) return { ok: false, error: errors.tooLong(input.length) };
  let text = input
    .trim()
    .replace(/[.!?]+$/, '')
    .trimEnd();
  if (text.length === 0) return { ok: false, error: errors.empty() };
  let lower = text.toLowerCase();
  // Offsets must line up between the two (a few characters change length when lower-cased).
  if (lower.length !== text.length) text = lower;
  // Typographic variants people paste from documents.
  if (TYPOGRAPHIC.test(lower)) lower = lower.replace(/[×✕]/g, 'x').replace(/[\u00a0\u2009\u202f]/g, ' ');
  // Written numbers become digits; `origin` maps offsets back to the text as written.
  const special = SPECIAL.test(lower);
  const { text: read, origin } = special ? normaliseNumbers(lower) : { text: lower, origin: null };
  const back = origin ?? ((at: number) => at);

  const m = modelClause(read, special);
  if (!m.ok) {
    if (suggest && m.unknown) return { ok: false, error: didYouMean.model(text, m.error, back, m.unknown) };
    return m;
  }
  const { model, rest } = m.value;
  const unit = special ? unknownUnit(rest) : null;
  if (unit) return { ok: false, error: unit };
  const negative = findNegative(rest);
  if (negative) return { ok: false, error: errors.notPositive(`\`${negative.trim()}\``) };
  const big = firstOutOfRange(rest);
  if (big) return { ok: false, error: errors.outOfRange(big) };

  let clauses: Clauses;
  try {
    clauses = readClauses(rest, model?.id ?? null, back, special);
  } catch (e) {
    // Defence in depth: the pre-check above should already have caught any such number.
    if (e instanceof QuantityError) return { ok: false, error: errors.outOfRange(e.text) };
    throw e;
  }
  if (clauses.unknownUnit)
    return { ok: false, error: errors.unknownUnit(clauses.unknownUnit.word, clauses.unknownUnit.shown) };
  if (clauses.leftover) return { ok: false, error: didYouMean.leftover(text, clauses, suggest) };
  const scenario = assemble(clauses, model);
  return scenario.ok ? { ok: true, value: { text, scenario: scenario.value } } : scenario;
}

setReparse((t) => parse(t, false).ok);
