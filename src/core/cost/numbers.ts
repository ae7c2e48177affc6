import { D, type Dec } from './decimal.js';

/** The largest number the engine accepts (a quadrillion); anything above is out of range. */
export const MAX = new D('1e15');
/** The smallest positive number accepted, so no answer becomes hundreds of zeros long. */
export const MIN_POSITIVE = new D('1e-12');

/**
 * A written number: `1,500`, `0.01`, `.5`, `1e6`; never the tail of a word or of another number
 * (`h100`, `gpt-4o`). Thousands separators must come in groups of three.
 */
export const NUM = String.raw`(?<![\w.])(?:\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?(?:e[+-]?\d+)?|\.\d+)`;
/** A scale after a number: `1M`, `500k`, `2 billion`. `m` is million (lower case: input is lower-cased). */
export const SCALE = String.raw`(?:\s*(?:thousand|million|billion|trillion|bn|mn|k|m|b)(?![a-z]))`;
/** A quantity: a number with an optional scale. */
export const QTY = `${NUM}${SCALE}?`;

const SCALES = new Map<string, Dec>([
  ['k', new D('1e3')],
  ['thousand', new D('1e3')],
  ['m', new D('1e6')],
  ['mn', new D('1e6')],
  ['million', new D('1e6')],
  ['b', new D('1e9')],
  ['bn', new D('1e9')],
  ['billion', new D('1e9')],
  ['trillion', new D('1e12')],
]);

const SCALE_ZEROS = new Map([...SCALES].map(([k, v]) => [k, v.e]));

const SPLIT = /^([\d.,e+-]+)\s*([a-z]*)$/;

export type QuantityResult = { readonly ok: true; readonly value: Dec } | { readonly ok: false; readonly text: string };

/**
 * Reads a quantity matched by QTY (`1,500`, `2 billion`, `$` already removed), or a bare scale
 * word (`million` in "per million tokens"). Fails for anything above 10^15 or a positive number
 * below 10^-12 (`1e400`, `1e-400`): the caller reports it as out of range.
 */
const PLAIN = /^\d{1,12}(?:\.\d{1,12})?$/;
/** At most 999,999.999999 × 10^9: in range by construction too ("1M", "2.5 billion", "500k"). */
const SCALED = /^(\d{1,6}(?:\.\d{1,6})?)\s*(k|m|b|mn|bn|thousand|million|billion)$/;

/** 10^-k, for k decimals. */
const TENTHS = Array.from({ length: 13 }, (_, k) => new D(`1e-${k}`));

/**
 * A Decimal from number text, the hot path of parsing. decimal.js builds a whole number below
 * 10^7 from a JS number without parsing a string, so "0.01" becomes 1 × 10^-2 and "1e6" becomes
 * 1000000: exact (such integers are exact doubles, and ×10^-k only moves the point) and quicker.
 */
function fromText(t: string): Dec {
  const dot = t.indexOf('.');
  if (dot >= 0 && t.length - dot - 1 < TENTHS.length && !t.includes('e')) {
    const n = Number(t.slice(0, dot) + t.slice(dot + 1));
    const scale = TENTHS[t.length - dot - 1];
    if (scale && Number.isInteger(n) && n < 1e7) return new D(n).times(scale);
  }
  const n = Number(t);
  return Number.isInteger(n) && n >= 0 && n < 1e7 ? new D(n) : new D(t);
}

export function readQuantity(text: string): QuantityResult {
  const t = text.trim();
  // Fast path: a plain number of at most 12 + 12 digits is in range by construction.
  if (PLAIN.test(t)) return { ok: true, value: fromText(t) };
  const scaled = SCALED.exec(t);
  if (scaled?.[1] && scaled[2]) return { ok: true, value: fromText(`${scaled[1]}e${SCALE_ZEROS.get(scaled[2])}`) };
  const bare = SCALES.get(t);
  if (bare) return { ok: true, value: bare };
  const m = SPLIT.exec(t);
  const digits = m?.[1]?.replaceAll(',', '');
  if (!digits) return { ok: false, text };
  const scale = m?.[2] ? SCALE_ZEROS.get(m[2]) : 0;
  if (scale === undefined) return { ok: false, text };
  let value: Dec;
  try {
    // One parse: the scale becomes an exponent ("1.5M" → "1.5e6") unless the number has one already.
    value = !scale
      ? new D(digits)
      : digits.includes('e')
        ? new D(digits).times(`1e${scale}`)
        : new D(`${digits}e${scale}`);
  } catch {
    return { ok: false, text };
  }
  if (!value.isFinite() || value.gt(MAX) || (!value.isZero() && value.lt(MIN_POSITIVE))) return { ok: false, text };
  return { ok: true, value };
}

/** Thrown by `quantity` for a number the range pre-check let through; parse() reports it as out of range. */
export class QuantityError extends RangeError {
  constructor(readonly text: string) {
    super(`quantity out of range: ${text}`);
  }
}

/** Like readQuantity, for text the grammar already matched and the range pre-check passed. */
export function quantity(text: string): Dec {
  const r = readQuantity(text);
  if (!r.ok) throw new QuantityError(text);
  return r.value;
}

const QTY_ANYWHERE = new RegExp(QTY, 'g');

/**
 * Could `text` hold an out-of-range number? A loose superset, only to skip the exact check for
 * ordinary scenarios: an exponent, a run of 13+ digits/commas/points (that also covers tiny
 * numbers like 0.0000000000001), or a 4+ character number before a scale word (t, b, m, k).
 * Anything smaller is below 10^15 even as "999 trillion".
 */
const MAYBE_OUT_OF_RANGE = /\de|[\d,.]{4}(?:[\d,.]{9}|\s*[tbmk])/;

/** The first quantity in `text` that is out of range, if any (checked before any clause is read). */
export function firstOutOfRange(text: string): string | null {
  if (!MAYBE_OUT_OF_RANGE.test(text)) return null;
  for (const m of text.matchAll(QTY_ANYWHERE)) if (!readQuantity(m[0]).ok) return m[0].trim();
  return null;
}

/** A minus sign in front of a number (`-5`, `$-0.01`, `-$2`), but not a range's dash (`30-60%`) or a model name's. */
const DASH = /[-−–]/;
const NEGATIVE = /(?<![\w.])(?<![\d%]\s*)\$?[-−–]\s*\$?\s*\.?\d[\d.,]*/;

/** The first negative number in `text`, e.g. `-5` or `$-0.01`. */
export const findNegative = (text: string): string | null =>
  DASH.test(text) ? (NEGATIVE.exec(text)?.[0] ?? null) : null;

const PLURALS: Record<string, string> = { queries: 'query', people: 'person', analyses: 'analysis' };

/** "queries" → "query", "emails" → "email", "searches" → "search"; good enough for unit nouns. */
export function singular(word: string): string {
  const known = PLURALS[word];
  if (known) return known;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ch|sh|ss|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 2) return word.slice(0, -1);
  return word;
}

export const isTokenWord = (w: string): boolean => w === 'token' || w === 'tokens' || w === 'tok' || w === 'toks';
