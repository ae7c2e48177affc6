/**
 * Reads every clause of the grammar out of the (lower-cased) text, blanking each once read so
 * offsets stay valid and nothing is read twice. No judgement here: parse.ts decides what the
 * clauses mean together and which errors apply.
 */
import { type Dec, ONE, ZERO } from './decimal.js';
import { G, moneyValue, periodOf } from './grammar.js';
import { isTokenWord, QTY, quantity } from './numbers.js';
import type { PriceIn, PriceUnit, VolumeIn } from './scenario.js';
import type { VolumePeriod } from './types.js';
import { badFollower } from './units.js';

type Groups = Record<string, string | undefined>;

const SPACES = ' '.repeat(600);

class Work {
  rest: string;
  constructor(text: string) {
    this.rest = text;
  }

  /** Reads and blanks the first match. */
  take(re: RegExp): RegExpExecArray | null {
    re.lastIndex = 0;
    return this.next(re);
  }

  /** Every match, left to right, in one scan; the text is blanked once, after the scan. */
  takeAll(re: RegExp): RegExpExecArray[] {
    re.lastIndex = 0;
    const first = re.exec(this.rest);
    if (!first || first[0].length === 0) return [];
    const all = [first];
    for (let m = re.exec(this.rest); m && m[0].length > 0; m = re.exec(this.rest)) all.push(m);
    let out = '';
    let at = 0;
    for (const m of all) {
      out += this.rest.slice(at, m.index) + SPACES.slice(0, m[0].length);
      at = m.index + m[0].length;
    }
    this.rest = out + this.rest.slice(at);
    return all;
  }

  private next(re: RegExp): RegExpExecArray | null {
    const m = re.exec(this.rest);
    if (!m || m[0].length === 0) return null;
    const end = m.index + m[0].length;
    this.rest = this.rest.slice(0, m.index) + SPACES.slice(0, m[0].length) + this.rest.slice(end);
    return m;
  }
}

type Leg = { readonly dir: 'input' | 'output'; readonly tokens: Dec; readonly price: PriceIn | null };
type CacheClause = {
  readonly text: string;
  readonly low: Dec;
  readonly high: Dec | null;
  readonly price: PriceIn | null;
};

export interface Clauses {
  readonly model: string | null;
  readonly training: { readonly amount: Dec; readonly oneTime: boolean } | null;
  readonly amortise: { readonly count: Dec; readonly unit: 'month' | 'year' } | null;
  readonly inference: { readonly amount: Dec; readonly period: VolumePeriod | null; readonly text: string } | null;
  readonly gpus: { readonly count: Dec; readonly name: string | null } | null;
  readonly hourly: Dec | null;
  readonly api: PriceIn | null;
  readonly legs: readonly Leg[];
  readonly tokensPerUnit: readonly Dec[];
  readonly caches: readonly CacheClause[];
  readonly used: readonly { readonly text: string; readonly percent: Dec }[];
  readonly prices: readonly PriceIn[];
  readonly volumes: readonly VolumeIn[];
  /** The first piece of text that was not understood (a number, a period, a keyword, any unknown word). */
  readonly leftover: string | null;
  /** A word right after a price that is not a unit the engine prices in (dollars, cents). */
  readonly unknownUnit: { readonly word: string; readonly shown: string } | null;
  /** The words among the first few pieces not understood, for "did you mean". */
  readonly leftoverWords: readonly string[];
}

const NO_UNIT: PriceUnit = { kind: 'none' };
const TOKEN_UNIT: PriceUnit = { kind: 'token' };

function unitOf(word: string | undefined): PriceUnit {
  if (!word || word === 'each') return NO_UNIT;
  if (isTokenWord(word)) return TOKEN_UNIT;
  const period = periodOf({ p1: word.replace(/s$/, '') });
  if (period) return { kind: 'time', period };
  return { kind: 'unit', word };
}

function priceOf(g: Groups): PriceIn {
  const per = g.perqty ? quantity(g.perqty) : ONE;
  return { amount: moneyValue(g.money ?? ''), per, unit: unitOf(g.perunit ?? g.perunit2) };
}

const QTY_G = new RegExp(QTY, 'g');
const LETTERS = /^[a-z][a-z'-]*$/;
/** Scenarios that count people at all (speed: most do not). */
export const MAYBE_PEOPLE =
  '(?<![a-z])(?:user|employee|seat|customer|people|person|member|staff|agent|student|dev|learner|rep|client|subscriber|account)';
const PEOPLE = new RegExp(MAYBE_PEOPLE);
const direction = (d: string | undefined): 'input' | 'output' =>
  d === 'output' || d === 'out' || d === 'completion' ? 'output' : 'input';

/** Reads `40%` or `30-60%` into its low and high ends (high null for a single value). */
function percentRange(text: string): { low: Dec; high: Dec | null } {
  QTY_G.lastIndex = 0;
  const ma = QTY_G.exec(text);
  const mb = ma ? QTY_G.exec(text) : null;
  if (!ma) return { low: ZERO, high: null };
  const a = quantity(ma[0]);
  if (!mb) return { low: a, high: null };
  const b = quantity(mb[0]);
  return a.lte(b) ? { low: a, high: b.eq(a) ? null : b } : { low: b, high: a };
}

// Mappers from a match to its clause, at module level: created once, not per call (speed).
const groups = (m: RegExpExecArray): Groups => (m.groups ?? {}) as Groups;
const toPrice = (m: RegExpExecArray): PriceIn => priceOf(groups(m));
const toTokens = (m: RegExpExecArray): Dec => quantity(groups(m).tok ?? '');
const toPricedLeg = (m: RegExpExecArray): Leg => ({
  dir: direction(groups(m).dir),
  tokens: toTokens(m),
  price: toPrice(m),
});
const toLeg = (m: RegExpExecArray): Leg => ({ dir: direction(groups(m).dir), tokens: toTokens(m), price: null });
const toCache = (m: RegExpExecArray): CacheClause => {
  const g = groups(m);
  const { low, high } = percentRange(g.pct ?? '');
  return { text: m[0], low, high, price: g.money ? priceOf(g) : null };
};
const toUsed = (m: RegExpExecArray) => ({ text: m[0], percent: percentRange(groups(m).pct ?? '').low });
const FIRST_LETTER = /[a-z]/;
/** Offsets in the text read → offsets in the text as written (they differ after "half a million" → "0.5 million"). */
type Origin = (at: number) => number;
const same: Origin = (at) => at;

function toVolume(m: RegExpExecArray, origin: Origin): VolumeIn {
  const g = groups(m);
  const qty = g.qty ?? '';
  const unit = g.unit ?? '';
  // The match starts with the quantity; the unit is the first word after it.
  const unitStart = m.index + qty.length + m[0].slice(qty.length).search(FIRST_LETTER);
  return {
    count: quantity(qty),
    unit,
    period: periodOf(g),
    span: [origin(m.index), origin(m.index + qty.length)],
    unitEnd: origin(unitStart + unit.length),
    people: null,
  };
}

/** "10k users, 20 queries each per day" → 200k queries per day, the ×10 what-if scaling the people. */
function toPeopleVolume(m: RegExpExecArray, origin: Origin): VolumeIn {
  const g = groups(m);
  const people = g.people ?? '';
  const unit = g.unit ?? '';
  const qtyAt = m.index + m[0].indexOf(g.qty ?? '', people.length + (g.who ?? '').length);
  const unitStart =
    qtyAt + (g.qty ?? '').length + m[0].slice(qtyAt - m.index + (g.qty ?? '').length).search(FIRST_LETTER);
  const count = quantity(people);
  const each = quantity(g.qty ?? '');
  return {
    count: count.times(each),
    unit,
    period: periodOf(g),
    span: [origin(m.index), origin(m.index + people.length)],
    unitEnd: origin(unitStart + unit.length),
    people: { count, word: g.who ?? '', each },
  };
}

const PLURAL_IRREGULAR: Record<string, string> = { query: 'queries', person: 'people', search: 'searches' };
/** "query" → "queries", "request" → "requests": the unit of a volume named only by its price. */
function plural(word: string): string {
  const known = PLURAL_IRREGULAR[word];
  if (known) return known;
  if (word.endsWith('s')) return word;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/** `model` is already blanked out of the text by the caller (see parse.ts). */
/** `special` false: the caller knows the text names no people (see parse.ts), so that clause is skipped. */
export function readClauses(text: string, model: string | null, origin: Origin = same, special = true): Clauses {
  const w = new Work(text);
  // Skip clauses whose keyword is absent: most scenarios use two or three of them (speed).
  const tokens = text.includes('token');

  const tm = text.includes('training') ? w.take(G.training) : null;
  const training = tm ? { amount: moneyValue(groups(tm).money ?? ''), oneTime: Boolean(groups(tm).once) } : null;
  const am = text.includes('over') ? w.take(G.amortise) : null;
  const amortise = am
    ? {
        count: quantity(groups(am).qty ?? ''),
        unit: (groups(am).unit?.startsWith('y') ? 'year' : 'month') as 'month' | 'year',
      }
    : null;
  const im = text.includes('inference') ? w.take(G.inference) : null;
  const inference = im
    ? { amount: moneyValue(groups(im).money ?? ''), period: periodOf(groups(im)), text: im[0] }
    : null;

  const gm = text.includes('gpu') ? w.take(G.gpus) : null;
  const gpus = gm ? { count: quantity(groups(gm).qty ?? ''), name: groups(gm).name ?? null } : null;
  const hm = gpus ? w.take(G.hourly) : null;
  const hourly = hm ? moneyValue(groups(hm).money ?? '') : null;
  const apm = text.includes('api') ? w.take(G.api) : null;
  const api = apm ? toPrice(apm) : null;

  const legs: Leg[] = tokens ? w.takeAll(G.ioPriced).map(toPricedLeg) : [];
  if (text.includes('out') || text.includes('completion'))
    for (const m of [...w.takeAll(G.ioPair), ...(tokens ? w.takeAll(G.ioPairAfter) : [])]) {
      const g = groups(m);
      legs.push({ dir: 'input', tokens: quantity(g.in ?? ''), price: null });
      legs.push({ dir: 'output', tokens: quantity(g.out ?? ''), price: null });
    }
  if (tokens) for (const m of w.takeAll(G.ioLeg)) legs.push(toLeg(m));

  const cacheWords = text.includes('cache') || text.includes('hit');
  const caches = cacheWords ? [...w.takeAll(G.cacheAfter), ...w.takeAll(G.cacheBefore)].map(toCache) : [];
  const used = text.includes('%') ? w.takeAll(G.waste).map(toUsed) : [];
  const tokensPerUnit = tokens ? w.takeAll(G.tokensPerUnit).map(toTokens) : [];
  const people = special && PEOPLE.test(text) ? w.takeAll(G.people).map((m) => toPeopleVolume(m, origin)) : [];
  const priceMatches = w.takeAll(G.price);
  // A unit word right after a price ("at 3 pence", "at 2 credits each") is refused, never ignored.
  let unknownUnit: Clauses['unknownUnit'] = null;
  for (const m of priceMatches) {
    const word = badFollower(text, m.index + m[0].length);
    if (word) {
      unknownUnit = { word, shown: `${m[0].trim()} ${word}` };
      break;
    }
  }
  const prices = priceMatches.map(toPrice);
  const volumes = [...people, ...w.takeAll(G.volume).map((m) => toVolume(m, origin))];
  // "$0.002/query, 5M/day": a volume without a unit takes the unit its price is per.
  if (volumes.length === 0) {
    const unit = prices[0]?.unit.kind === 'unit' ? plural(prices[0].unit.word) : 'queries';
    for (const m of w.takeAll(G.bareVolume)) {
      const v = toVolume(m, origin);
      volumes.push({ ...v, unit, unitEnd: v.span[1] });
    }
  }

  G.leftover.lastIndex = 0;
  const pieces: string[] = [];
  for (let m = G.leftover.exec(w.rest); m && pieces.length < 3; m = G.leftover.exec(w.rest)) pieces.push(m[0]);
  return {
    model,
    training,
    amortise,
    inference,
    gpus,
    hourly,
    api,
    legs,
    tokensPerUnit,
    caches,
    used,
    prices,
    volumes,
    unknownUnit,
    leftover: pieces[0] ?? null,
    leftoverWords: pieces.filter((p) => LETTERS.test(p)),
  };
}
