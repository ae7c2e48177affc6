/** Property tests (fast-check): total on any string, and the arithmetic laws a PM relies on. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compute } from '../../../src/core/cost/compute.js';
import { D } from '../../../src/core/cost/decimal.js';
import { estimate } from '../../../src/core/cost/index.js';
import { parse } from '../../../src/core/cost/parse.js';
import type { Amounts, Breakdown } from '../../../src/core/cost/types.js';
import { PRICE_FOLLOWERS } from '../../../src/core/cost/units.js';
import { leaves } from './helpers.js';

const CODES = new Set([
  'empty',
  'too_long',
  'missing_price',
  'missing_volume',
  'missing_tokens',
  'missing_inference',
  'missing_period',
  'not_positive',
  'out_of_range',
  'bad_percentage',
  'zero_unit',
  'unit_mismatch',
  'ambiguous',
  'unknown_model',
  'unknown_unit',
  'unreadable',
]);

/** Words of the grammar, shuffled into soup: reaches far deeper paths than random characters. */
const WORDS = [
  '1M',
  '10',
  '0',
  '-5',
  '1e400',
  '1,500',
  '2 billion',
  '500k',
  '0.5',
  'queries',
  'emails',
  'tokens',
  'GPUs',
  '/day',
  'per month',
  'daily',
  '/hr',
  'at',
  '$0.01',
  '$2.50',
  '$',
  'per',
  '1k',
  '1M tokens',
  'tokens/query',
  'with',
  '40%',
  '30-60%',
  '140%',
  'cache hits',
  'cached',
  'only',
  '20%',
  'used',
  'training',
  '$2M',
  'one-time',
  'inference',
  '$18M/year',
  'over',
  '24 months',
  'vs API',
  '$0.002/query',
  'on',
  'gpt-4o-mini',
  'gpt-9',
  '1000 in',
  '/',
  '800 out',
  'input',
  'output',
  ',',
  '.',
  '+',
  '×',
  '%',
  '—',
  'x',
];
const soup = fc.array(fc.constantFrom(...WORDS), { maxLength: 14 }).map((w) => w.join(' '));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ maxLength: 600 }), soup);

/** A breakdown is sane: every exact value a plain non-negative decimal, no NaN/Infinity, never "$0.00". */
function expectSane(b: Breakdown) {
  for (const [path, v] of leaves(b)) {
    if (typeof v === 'number') expect(Number.isFinite(v), path).toBe(true);
    if (typeof v !== 'string') continue;
    expect(v, path).not.toMatch(/NaN|Infinity|undefined|\$0\.00(?!\d)|-\$/);
    if (path.endsWith('.value')) expect(v, path).toMatch(/^\d+(\.\d+)?$/);
  }
}

describe('any string', () => {
  it('gets a sane breakdown or an error value, and never throws', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        // parse and compute directly, so estimate()'s safety net cannot hide a bug.
        const p = parse(text);
        const r = estimate(text);
        expect(r.ok).toBe(p.ok);
        if (p.ok) expectSane(compute(p.value));
        if (!r.ok) {
          expect(CODES.has(r.error.code)).toBe(true);
          expect(r.error.message.length).toBeGreaterThan(10);
          expect(estimate(r.error.example).ok).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

// ---- valid scenarios -------------------------------------------------------------------------

/** A decimal string m × 10^-k, e.g. (25n, 1) → "2.5". */
const dec = (m: bigint, k: number) => new D(m.toString()).div(new D(10).pow(k)).toFixed();

const priceArb = fc
  .tuple(fc.bigInt({ min: 1n, max: 10_000_000n }), fc.integer({ min: 0, max: 6 }))
  .map(([m, k]) => dec(m, k));

type Shape = {
  unit: string;
  period: string;
  pricing: 'unit' | 'token' | 'io' | 'model';
  per: string;
  tokens: number;
  out: number;
  price2: string;
  model: string;
  cache: string;
  used: string;
};

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  unit: fc.constantFrom('queries', 'requests', 'emails', 'calls'),
  period: fc.constantFrom('', '/day', ' per month', ' a year', ' daily', '/hour', '/week', ' per second'),
  pricing: fc.constantFrom('unit', 'token', 'io', 'model'),
  per: fc.constantFrom('1k', '1M', '1,000', 'million'),
  tokens: fc.integer({ min: 1, max: 200_000 }),
  out: fc.integer({ min: 0, max: 50_000 }),
  price2: priceArb,
  model: fc.constantFrom('gpt-4o-mini', 'gpt-4o', 'claude-sonnet-4-5', 'gemini-2.5-pro', 'deepseek-chat'),
  cache: fc.oneof(
    fc.constant(''),
    fc.integer({ min: 0, max: 100 }).map((c) => ` with ${c}% cache hits`),
    fc
      .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
      .map(([a, b]) => `, cache hit ${a}-${b}%`),
  ),
  used: fc.oneof(
    fc.constant(''),
    fc.integer({ min: 1, max: 100 }).map((u) => `, only ${u}% used`),
  ),
});

function scenario(volume: string, price: string, s: Shape): string {
  const pricing = {
    unit: `at $${price}`,
    token: `at $${price} per ${s.per} tokens, ${s.tokens} tokens/query`,
    io: `${s.tokens} input tokens at $${price}/1M, ${s.out} output tokens at $${s.price2}/1M`,
    model: `on ${s.model}, ${s.tokens} in / ${s.out} out tokens`,
  }[s.pricing];
  return `${volume} ${s.unit}${s.period} ${pricing}${s.cache}${s.used}`;
}

const volumeArb = fc.bigInt({ min: 1n, max: 10n ** 13n });

const amountsOf = (b: Breakdown): Amounts[] =>
  [b.cost, b.cache?.savings, b.cache?.uncached, b.waste?.wasted, b.waste?.useful].filter((a) => a !== undefined);
const valuesOf = (a: Amounts) =>
  (a.basis === 'period' ? [a.perDay, a.perMonth, a.perYear] : [a.total]).map((m) => new D(m.value));

/** Every figure of `b` is exactly `k` times the same figure of `a` (decimal equality). */
function expectScaled(a: Amounts, b: Amounts | undefined, k: number) {
  if (!b) throw new Error('missing amounts');
  const [xs, ys] = [valuesOf(a), valuesOf(b)];
  expect(ys.length).toBe(xs.length);
  for (const [j, d] of xs.entries()) expect(ys[j]?.eq(d.times(k)), `${ys[j]} = ${k} × ${d}`).toBe(true);
}

function ok(text: string): Breakdown {
  const r = estimate(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.code} ${r.error.message}`);
  return r.breakdown;
}

describe('valid scenarios', () => {
  it('estimate, sanely', () => {
    fc.assert(fc.property(volumeArb, priceArb, shapeArb, (v, p, s) => expectSane(ok(scenario(v.toString(), p, s)))));
  });

  it('ten times the volume is exactly ten times the cost (and savings and waste)', () => {
    fc.assert(
      fc.property(volumeArb, priceArb, shapeArb, (v, p, s) => {
        const [a, b] = [ok(scenario(v.toString(), p, s)), ok(scenario((v * 10n).toString(), p, s))];
        const [xs, ys] = [amountsOf(a), amountsOf(b)];
        expect(ys.length).toBe(xs.length);
        xs.forEach((x, i) => {
          expectScaled(x, ys[i], 10);
        });
      }),
    );
  });

  it('the ×10 what-if re-estimates to exactly ten times the cost', () => {
    fc.assert(
      fc.property(volumeArb, priceArb, shapeArb, (v, p, s) => {
        const a = ok(scenario(v.toString(), p, s));
        const w = a.whatIfs.find((x) => x.kind === 'volume-x10');
        if (!w) throw new Error(`no ×10 for ${a.scenario}`);
        const b = ok(w.scenario);
        expectScaled(a.cost, b.cost, 10);
      }),
    );
  });

  it('cost never falls when a price rises', () => {
    const priced = shapeArb.filter((s) => s.pricing !== 'model');
    fc.assert(
      fc.property(volumeArb, priceArb, priceArb, priced, (v, p, rise, s) => {
        const higher = new D(p).plus(rise).toFixed();
        const [a, b] = [ok(scenario(v.toString(), p, s)), ok(scenario(v.toString(), higher, s))];
        const [xs, ys] = [valuesOf(a.cost), valuesOf(b.cost)];
        for (const [j, d] of xs.entries()) expect(ys[j]?.gte(d)).toBe(true);
      }),
    );
  });
});

// ---- the same scenario written another way ---------------------------------------------------

/** Ways to write each period; the first is the canonical "/period". */
const PERIOD_FORMS: Record<string, string[]> = {
  day: ['/day', ' daily', ' per day', ' a day', ' every day'],
  week: ['/week', ' weekly', ' per week', ' a week'],
  month: ['/month', ' monthly', ' per month', ' a month'],
  year: ['/year', ' yearly', ' annually', ' per year', ' per annum'],
  hour: ['/hour', ' hourly', ' per hour', ' an hour'],
};

const group3 = (d: string) => d.replace(/\B(?=(\d{3})+$)/g, ',');

const rewriteArb = fc.record({
  n: fc.integer({ min: 1, max: 999 }),
  scale: fc.constantFrom(['k', 'thousand', 3] as const, ['M', 'million', 6] as const),
  // A price in cents: m × 10^-k cents.
  m: fc.integer({ min: 1, max: 100_000 }),
  k: fc.integer({ min: 0, max: 3 }),
  period: fc.constantFrom(...Object.keys(PERIOD_FORMS)),
  volumeForm: fc.integer({ min: 0, max: 2 }),
  priceForm: fc.integer({ min: 0, max: 5 }),
  periodForm: fc.integer({ min: 0, max: 4 }),
  order: fc.integer({ min: 0, max: 2 }),
  cache: fc.constantFrom('', ' with 40% cache hits', ', cache hit 20-50%'),
});

describe('writing the numbers another way', () => {
  it('gives the same breakdown: cents vs dollars, "1 million" vs "1M", "daily" vs "/day", price first or last', () => {
    fc.assert(
      fc.property(rewriteArb, (r) => {
        const [short, word, zeros] = r.scale;
        const cents = dec(BigInt(r.m), r.k);
        const dollars = new D(cents).div(100).toFixed();
        const volumes = [`${r.n}${short}`, `${r.n} ${word}`, group3(`${r.n}${'0'.repeat(zeros)}`)];
        const prices = [
          `$${dollars}`,
          `${cents} cents`,
          `${cents}¢`,
          `${cents}c`,
          `${dollars} dollars`,
          `USD ${dollars}`,
        ];
        const forms = PERIOD_FORMS[r.period] ?? [];
        const write = (v: string, p: string, per: string, order: number) =>
          [`${v} queries${per} at ${p}`, `at ${p}, ${v} queries${per}`, `${p} per query, ${v} queries${per}`][order] +
          r.cache;
        const canonical = ok(write(volumes[0] ?? '', prices[0] ?? '', forms[0] ?? '', 0));
        const other = ok(
          write(
            volumes[r.volumeForm] ?? '',
            prices[r.priceForm] ?? '',
            forms[r.periodForm % forms.length] ?? '',
            r.order,
          ),
        );
        expect(other.cost).toEqual(canonical.cost);
        expect(other.summary).toBe(canonical.summary);
        expect(other.unitPrice).toEqual(canonical.unitPrice);
        expect(other.cache).toEqual(canonical.cache);
      }),
      { numRuns: 500 },
    );
  });
});

// ---- unknown units ----------------------------------------------------------------------------

const CURRENCY_WORDS = ['pence', 'euros', 'bitcoin', 'credits', 'yen', 'points', 'coins', 'rupees', 'pounds', 'gems'];
/** Words the normaliser or the number reader give a meaning to: not units. */
const NUMBER_WORDS =
  /^(?:thousand|million|billion|trillion|bn|mn|half|dozen|hundred|tenth|quarter|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)$/;
const unitWord = fc.oneof(
  fc.constantFrom(...CURRENCY_WORDS),
  fc
    .string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 2, maxLength: 9 })
    .filter((w) => !PRICE_FOLLOWERS.has(w) && !NUMBER_WORDS.test(w)),
);

describe('an unknown unit word next to a price', () => {
  it('is refused, by name, wherever the price stands', () => {
    fc.assert(
      fc.property(priceArb, unitWord, fc.integer({ min: 0, max: 3 }), (p, word, where) => {
        const text = [
          `1M queries/day at ${p} ${word}`,
          `1M queries/day at $${p} ${word}`,
          `at ${p} ${word} each, 1M queries/day`,
          `8 GPUs at $${p} ${word} per hour`,
        ][where] as string;
        const r = estimate(text);
        expect(r.ok, text).toBe(false);
        if (!r.ok) {
          expect(r.error.code, text).toBe('unknown_unit');
          expect(r.error.message, text).toContain(`\`${word}\``);
        }
      }),
      { numRuns: 500 },
    );
  });
});
