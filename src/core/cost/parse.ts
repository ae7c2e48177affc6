/** Scenario text → a structured Scenario, or an error value. Never throws for well-typed input. */
import { assemble, type Result } from './assemble.js';
import { type Clauses, readClauses } from './clauses.js';
import { errors, MAX_LENGTH } from './errors.js';
import { G } from './grammar.js';
import { findModel, type ModelPrice } from './models.js';
import { findNegative, firstOutOfRange, QuantityError } from './numbers.js';
import type { Scenario } from './scenario.js';

export interface Parsed {
  /** The scenario as read: trimmed, trailing full stop removed. Offsets in the scenario refer to it. */
  readonly text: string;
  readonly scenario: Scenario;
}

/** The model named by `on …`/`using …`, and the text with that clause blanked out. */
const TYPOGRAPHIC = /[×✕\u00a0\u2009\u202f]/;
const MAYBE_MODEL = /(?:on|using|via|model)\s/;

function modelClause(lower: string): Result<{ model: ModelPrice | null; rest: string }> {
  if (!MAYBE_MODEL.test(lower)) return { ok: true, value: { model: null, rest: lower } };
  G.model.lastIndex = 0;
  for (const m of lower.matchAll(G.model)) {
    const name = m.groups?.name ?? '';
    const found = findModel(name);
    const rest = lower.slice(0, m.index) + ' '.repeat(m[0].length) + lower.slice(m.index + m[0].length);
    if (found.ok) return { ok: true, value: { model: found.model, rest } };
    // Only names that look like model ids are errors: "on average" is just words.
    if (/[\d\-:/]/.test(name)) return { ok: false, error: errors.unknownModel(name, found.suggestions) };
  }
  return { ok: true, value: { model: null, rest: lower } };
}

export function parse(input: string): Result<Parsed> {
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

  const m = modelClause(lower);
  if (!m.ok) return m;
  const { model, rest } = m.value;
  const negative = findNegative(rest);
  if (negative) return { ok: false, error: errors.notPositive(`\`${negative.trim()}\``) };
  const big = firstOutOfRange(rest);
  if (big) return { ok: false, error: errors.outOfRange(big) };

  let clauses: Clauses;
  try {
    clauses = readClauses(rest, model?.id ?? null);
  } catch (e) {
    // Defence in depth: the pre-check above should already have caught any such number.
    if (e instanceof QuantityError) return { ok: false, error: errors.outOfRange(e.text) };
    throw e;
  }
  const scenario = assemble(clauses, model);
  return scenario.ok ? { ok: true, value: { text, scenario: scenario.value } } : scenario;
}
