import { describe, expect, it } from 'vitest';
import { D } from '../../../src/core/cost/decimal.js';
import type { Amounts } from '../../../src/core/cost/types.js';
import { breakdown } from './helpers.js';

const values = (a: Amounts) =>
  (a.basis === 'period' ? [a.perDay, a.perMonth, a.perYear] : [a.total]).map((m) => m.value);

function expectTenTimes(a: Amounts, b: Amounts) {
  const [x, y] = [values(a), values(b)];
  expect(y.length).toBe(x.length);
  for (const [i, v] of x.entries())
    expect(new D(y[i] ?? 'NaN').eq(new D(v).times(10)), `${y[i]} = 10 × ${v}`).toBe(true);
}

const SCENARIOS = [
  '1M queries at $0.01',
  '1M queries/day at $0.01',
  '10M requests/day at $0.002',
  '1M queries/day at $0.002 per 1k tokens, 800 tokens/query',
  '2 billion tokens per day at $0.50 per million tokens',
  '1M queries/day at $0.01 with 40% cache hits',
  '1M emails/day at $0.01, only 20% used',
  '3 queries at $0.10',
  '1M queries/month at $0.01',
  '1,500 queries a day at $0.003',
  '1M queries/day on gpt-4o-mini, 1000 in / 800 out tokens',
];

describe('what-ifs', () => {
  it.each(SCENARIOS)('×10 volume of "%s" re-estimates to exactly ten times the cost', (s) => {
    const b = breakdown(s);
    const x10 = b.whatIfs.find((w) => w.kind === 'volume-x10');
    expect(x10?.label).toBe('×10 volume');
    const b10 = breakdown(x10?.scenario ?? '');
    expectTenTimes(b.cost, b10.cost);
    if (b.cache && b10.cache) expectTenTimes(b.cache.savings, b10.cache.savings);
    if (b.waste && b10.waste) expectTenTimes(b.waste.wasted, b10.waste.wasted);
  });

  it('rewrites only the volume', () => {
    expect(breakdown('1M queries/day at $0.01').whatIfs.map((w) => w.scenario)).toEqual([
      '10M queries/day at $0.01',
      '1M queries/day at $0.01 with 40% cache hits',
    ]);
    expect(breakdown('2 billion tokens per day at $0.50 per million tokens').whatIfs[0]?.scenario).toBe(
      '20B tokens per day at $0.50 per million tokens',
    );
  });

  it('offers a cache what-if only where there is no cache yet, and it estimates', () => {
    const b = breakdown('1M emails/day at $0.01, only 20% used');
    const cache = b.whatIfs.find((w) => w.kind === 'cache');
    expect(cache?.scenario).toBe('1M emails/day at $0.01, only 20% used with 40% cache hits');
    expect(breakdown(cache?.scenario ?? '').cost).toMatchObject({ perDay: { formatted: '$6,000' } });
    expect(breakdown('1M queries/day at $0.01 with 40% cache hits').whatIfs.map((w) => w.kind)).toEqual(['volume-x10']);
  });

  it('the inference volume of a training scenario scales 10×', () => {
    const b = breakdown('training $2M over 24 months + 10M queries/day at $0.002');
    const b10 = breakdown(b.whatIfs[0]?.scenario ?? '');
    expect(b10.training?.inference).toMatchObject({ perDay: { value: '200000' } });
  });

  it('offers no ×10 past the range limit, and none for GPU or fixed-amount scenarios', () => {
    expect(breakdown('200 trillion queries at $1').whatIfs.map((w) => w.kind)).toEqual(['cache']);
    expect(breakdown('8 GPUs at $2.50/hr vs API $0.002/query').whatIfs).toEqual([]);
    expect(breakdown('training $2M one-time, inference $18M/year').whatIfs).toEqual([]);
  });
});
