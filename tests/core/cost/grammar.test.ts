/** Each form of the grammar in issue 3 ("What it understands"). */
import { describe, expect, it } from 'vitest';
import { breakdown } from './helpers.js';

const perDay = (s: string) => {
  const c = breakdown(s).cost;
  return c.basis === 'period' ? c.perDay.formatted : `total ${c.total.formatted}`;
};

describe('volumes', () => {
  it.each([
    ['1M queries/day at $0.01', '$10,000'],
    ['10 million requests/day at $0.001', '$10,000'],
    ['500k calls/day at $0.02', '$10,000'],
    ['500K calls/day at $0.02', '$10,000'],
    ['1m emails/day at $0.01', '$10,000'],
    ['1,000,000 queries/day at $0.01', '$10,000'],
    ['1000 thousand queries/day at $0.01', '$10,000'],
    ['0.001B queries/day at $0.01', '$10,000'],
    ['1 million queries/day at $0.01', '$10,000'],
    ['1e6 queries/day at $0.01', '$10,000'],
  ])('%s → %s/day', (s, day) => expect(perDay(s)).toBe(day));

  it.each([
    ['/day', '$10,000'],
    [' per day', '$10,000'],
    [' a day', '$10,000'],
    [' daily', '$10,000'],
    ['/month', '$333.33'],
    [' per month', '$333.33'],
    [' monthly', '$333.33'],
    ['/year', '$27.40'],
    [' per year', '$27.40'],
    [' yearly', '$27.40'],
    ['/week', '$1,428.57'],
    ['/hour', '$240,000'],
    ['/second', '$864,000,000'],
  ])('period %s', (p, day) => expect(perDay(`1M queries${p} at $0.01`)).toBe(day));

  it('keeps a stated month exact and projects a year as 365 days, not 12 months', () => {
    const c = breakdown('1M queries/month at $0.01').cost;
    expect(c).toMatchObject({ perMonth: { value: '10000' }, perYear: { formatted: '$121,666.67' } });
  });

  it('is case-insensitive and tolerates whitespace and a trailing full stop', () => {
    expect(breakdown('  1M QUERIES/DAY AT $0.01.  ').summary).toBe('$10,000/day · $300,000/month · $3,650,000/year');
  });

  it('reads clauses in any order', () => {
    expect(perDay('$0.01 per query for 1M queries/day')).toBe('$10,000');
    expect(breakdown('cache hit 40%, 1M queries/day at $0.01').summary).toContain('$6,000/day');
  });
});

describe('prices', () => {
  it.each([
    ['1M queries/day at $0.01', '$10,000'],
    ['1M queries/day at $0.01/query', '$10,000'],
    ['1M queries/day at $0.01 per query', '$10,000'],
    ['1M queries/day at $0.01 each', '$10,000'],
    ['1M queries/day at 0.01', '$10,000'],
    ['1M queries/day at $10 per 1k queries', '$10,000'],
    ['1M queries/day at $0.002 per 1k tokens, 800 tokens/query', '$1,600'],
    ['1M queries/day at $2.50 per 1M tokens, 1,500 tokens per query', '$3,750'],
    ['1M queries/day, 800 tokens/query at $0.002/1k', '$1,600'],
    ['2 billion tokens per day at $0.50 per million tokens', '$1,000'],
    ['2B tokens/day at $0.50 per 1M tokens', '$1,000'],
  ])('%s → %s/day', (s, day) => expect(perDay(s)).toBe(day));

  it('separate input and output prices', () => {
    const b = breakdown('1M queries/day, 1000 input tokens at $0.15/1M, 800 output tokens at $0.60/1M');
    expect(b.unitPrice?.price.formatted).toBe('$0.00063');
    expect(b.summary).toBe('$0.00063/query · $630/day · $18,900/month · $229,950/year');
    expect(b.pricing).toMatchObject({
      kind: 'input-output',
      input: { cost: { value: '0.00015' } },
      output: { cost: { value: '0.00048' } },
    });
  });
});

describe('caching', () => {
  it.each([
    '1M queries/day at $0.01 with 40% cache hits',
    '1M queries/day at $0.01, cache hit 40%',
    '1M queries/day at $0.01 with a 40% cache hit rate',
    '1M queries/day at $0.01, 40% cached',
  ])('%s → $6,000/day', (s) => expect(perDay(s)).toBe('$6,000'));

  it('a range gives both ends; the main figure is the cautious (low-hit) one', () => {
    const b = breakdown('1M queries/day at $0.01 with 30-60% cache hits');
    expect(b.cost).toMatchObject({ perDay: { formatted: '$7,000' } });
    expect(b.cache?.best?.cost).toMatchObject({ perDay: { formatted: '$4,000' } });
    expect(b.cache?.hitRateHigh?.formatted).toBe('60%');
  });

  it('cached queries cost nothing unless a cached-token price is given', () => {
    const b = breakdown('1M queries/day at $0.002 per 1k tokens, 800 tokens/query, 50% cached at $0.30/1M');
    expect(b.cache?.cachedUnitPrice.formatted).toBe('$0.00024');
    expect(b.cost).toMatchObject({ perDay: { value: '920' } });
  });
});

describe('training', () => {
  it('amortised over months, with inference from a volume', () => {
    const b = breakdown('training $2M over 24 months + 10M queries/day at $0.002');
    expect(b.training?.amortised).toMatchObject({
      training: { formatted: '$83,333.33' },
      inference: { formatted: '$600,000' },
    });
    expect(b.training?.amortised?.total.formatted).toBe('$683,333.33');
    expect(b.summary).toContain('year one $9.3M');
  });

  it('inference given per month is projected to 365 days', () => {
    expect(breakdown('training $2M one-time, inference $1.5M/month').training?.inference).toMatchObject({
      perYear: { value: '18250000' },
    });
  });
});

describe('self-hosting', () => {
  it('vs an API priced per tokens', () => {
    const b = breakdown('8 GPUs at $2.50/hr vs API $10/1M tokens, 1000 tokens/query');
    expect(b.selfHost?.apiPerQuery?.formatted).toBe('$0.01');
    expect(b.selfHost?.breakEven).toMatchObject({
      perDay: { formatted: '48,000' },
      perMonth: { formatted: '1,440,000' },
    });
  });

  it('rounds a fractional break-even up to a whole query', () => {
    expect(breakdown('8 GPUs at $2.50/hr vs API $0.007/query').selfHost?.breakEven?.perDay.formatted).toBe('68,572');
  });

  it('compares at a given volume', () => {
    const b = breakdown('8 H100 GPUs at $2.50 per hour vs API $0.002/query for 1M queries/day');
    expect(b.selfHost?.comparison?.cheaper).toBe('self-host');
    expect(b.selfHost?.gpuName).toBe('h100');
  });
});
