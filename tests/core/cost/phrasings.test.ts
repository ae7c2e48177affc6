/**
 * How a product manager writes scenarios (issue 16): each phrasing with its figure worked out by
 * hand here, in plain arithmetic, never taken from the engine. Compared within a millionth, so a
 * phrasing priced 100× or 0.01× off (cents read as dollars) fails loudly.
 */
import { describe, expect, it } from 'vitest';
import { breakdown } from './helpers.js';

/** [scenario, the lead figure in dollars: per day when there is a period, else the total]. */
const TABLE: [string, number][] = [
  // Cents and dollars
  ['500k requests a day at 0.3 cents each', 500_000 * 0.003],
  ['1M queries/day at 1 cent', 1_000_000 * 0.01],
  ['1M queries/day at 1c', 1_000_000 * 0.01],
  ['1M queries/day at 1¢', 1_000_000 * 0.01],
  ['100k queries/day at 0.5¢', 100_000 * 0.005],
  ['1M queries/day at 0.1 cents per query', 1_000_000 * 0.001],
  ['1M queries/day at one cent', 1_000_000 * 0.01],
  ['1M queries/day at half a cent', 1_000_000 * 0.005],
  ['1M queries/day at a tenth of a cent', 1_000_000 * 0.001],
  ['2M queries a day at 0.25 cents per query', 2_000_000 * 0.0025],
  ['1M queries/day at USD 0.01', 1_000_000 * 0.01],
  ['1M queries/day at 0.01 dollars', 1_000_000 * 0.01],
  ['3 queries at 10 cents', 3 * 0.1],
  ['1M queries at $0.01', 1_000_000 * 0.01],
  // Per 1k / per 1M pricing of queries and tokens
  ['1M queries/day at 10 cents per 1k queries', (1_000_000 / 1_000) * 0.1],
  ['1M queries/day at 2 dollars per 1,000 queries', (1_000_000 / 1_000) * 2],
  ['1M queries/day at 2 USD per 1k queries', (1_000_000 / 1_000) * 2],
  ['1M queries/day at $1.50 per 1,000 queries', (1_000_000 / 1_000) * 1.5],
  ['1M queries/day at 1.5 dollars per thousand queries', (1_000_000 / 1_000) * 1.5],
  ['1M queries/day at $2 per 1M queries', (1_000_000 / 1_000_000) * 2],
  ['3M queries/day at $0.002 per 1k tokens, 800 tokens/query', 3_000_000 * ((800 / 1_000) * 0.002)],
  ['1M queries/day at 0.2 cents per 1k tokens, 800 tokens/query', 1_000_000 * ((800 / 1_000) * 0.002)],
  ['1M queries/day, 800 tokens per query, at $0.50 per 1M tokens', 1_000_000 * ((800 / 1_000_000) * 0.5)],
  ['2 billion tokens per day at 50 cents per million tokens', (2_000_000_000 / 1_000_000) * 0.5],
  ['1bn tokens/day at $1 per 1M tokens', (1_000_000_000 / 1_000_000) * 1],
  // Written numbers and multipliers
  ['half a million queries/day at $0.01', 500_000 * 0.01],
  ['a million queries a day at $0.01', 1_000_000 * 0.01],
  ['two million requests daily at $0.002', 2_000_000 * 0.002],
  ['twenty thousand queries per day at 5 cents', 20_000 * 0.05],
  ['a hundred thousand queries per day at $0.01', 100_000 * 0.01],
  ['five hundred requests per day at $0.02', 500 * 0.02],
  ['a dozen queries at $0.10', 12 * 0.1],
  ['1.2 million queries/day at $0.01', 1_200_000 * 0.01],
  ['2,000 queries/day at $0.01', 2_000 * 0.01],
  ['5k queries/day at $0.01', 5_000 * 0.01],
  ['3M queries/day at $0.01', 3_000_000 * 0.01],
  // Periods, converted to days
  ['1M queries per second at $0.000001', 1_000_000 * 0.000001 * 86_400],
  ['60k queries per minute at $0.001', 60_000 * 0.001 * 1_440],
  ['10k queries per hour at $0.01', 10_000 * 0.01 * 24],
  ['10k queries hourly at $0.01', 10_000 * 0.01 * 24],
  ['70k queries per week at $0.01', (70_000 * 0.01) / 7],
  ['70k queries weekly at $0.01', (70_000 * 0.01) / 7],
  ['3M queries monthly at $0.01', (3_000_000 * 0.01) / 30],
  ['ten million calls a month at $0.003', (10_000_000 * 0.003) / 30],
  ['36.5M queries per year at $0.01', (36_500_000 * 0.01) / 365],
  ['36.5M queries yearly at $0.01', (36_500_000 * 0.01) / 365],
  ['36.5M queries annually at $0.01', (36_500_000 * 0.01) / 365],
  ['36.5M queries per annum at $0.01', (36_500_000 * 0.01) / 365],
  ['1M queries every day at $0.01', 1_000_000 * 0.01],
  // People × usage
  ['10k users, 20 queries each per day at $0.01', 10_000 * 20 * 0.01],
  ['10k employees × 20 questions a day each at 1 cent', 10_000 * 20 * 0.01],
  ['500 seats, 40 requests each daily at $0.05', 500 * 40 * 0.05],
  ['2,000 customers making 5 queries per day each at $0.02', 2_000 * 5 * 0.02],
  ['twenty users, ten queries each per day at $0.50', 20 * 10 * 0.5],
  // Order-free clauses
  ['$0.002/query, 5M/day', 5_000_000 * 0.002],
  ['at $0.01 for 1M queries/day', 1_000_000 * 0.01],
  ['$0.01 per query, 1M queries daily', 1_000_000 * 0.01],
  ['at 1 cent each, 2M requests per day', 2_000_000 * 0.01],
  ['1M queries/day and $0.01 per query', 1_000_000 * 0.01],
  // Models, named anywhere (prices per 1M tokens from the snapshot: gpt-4o 2.50/10, claude-3-5-sonnet 3/15,
  // gpt-4o-mini 0.15/0.60, gpt-4.1 2/8, gemini-2.5-pro 1.25/10)
  ['gpt-4o 1M queries/day 500 tokens in 300 out', 1_000_000 * ((500 * 2.5 + 300 * 10) / 1_000_000)],
  ['1M queries/day on claude-3-5-sonnet, 1000 in / 800 out tokens', 1_000_000 * ((1_000 * 3 + 800 * 15) / 1_000_000)],
  ['using gpt-4o-mini, 1M queries/day, 1000 in / 800 out tokens', 1_000_000 * ((1_000 * 0.15 + 800 * 0.6) / 1_000_000)],
  [
    '1M queries/day, 1000 input tokens and 800 output tokens, on gpt-4.1',
    1_000_000 * ((1_000 * 2 + 800 * 8) / 1_000_000),
  ],
  ['gemini-2.5-pro, 100k queries/day, 1000 in / 1000 out tokens', 100_000 * ((1_000 * 1.25 + 1_000 * 10) / 1_000_000)],
  // Extras with cents
  ['1M queries/day at 1 cent, 40% cached', 1_000_000 * 0.01 * (1 - 0.4)],
  ['2M queries/day at $0.005 with 20-50% cache hits', 2_000_000 * 0.005 * (1 - 0.2)],
  ['1M emails/day at 1 cent, only 20% used', 1_000_000 * 0.01],
  ['8 GPUs at $2.50/hr', 8 * 2.5 * 24],
  ['8 GPUs at 250 cents per hour', 8 * 2.5 * 24],
];

const lead = (text: string): number => {
  const c = breakdown(text).cost;
  return Number(c.basis === 'period' ? c.perDay.value : c.total.value);
};

describe('a PM’s phrasings, figures worked out by hand', () => {
  it('has at least 60 of them', () => expect(TABLE.length).toBeGreaterThanOrEqual(60));

  it.each(TABLE)('%s → $%d', (text, expected) => {
    const got = lead(text);
    expect(Math.abs(got - expected), `${text}: ${got} vs ${expected}`).toBeLessThanOrEqual(expected * 1e-6);
  });

  it.each(TABLE)('the what-if buttons of "%s" estimate, and ×10 is ten times the cost', (text) => {
    const b = breakdown(text);
    for (const w of b.whatIfs) {
      const v = breakdown(w.scenario);
      if (w.kind === 'volume-x10') {
        const [x, y] = [b.cost, v.cost];
        const lead10 = (a: typeof x) => Number(a.basis === 'period' ? a.perDay.value : a.total.value);
        expect(Math.abs(lead10(y) - 10 * lead10(x)), w.scenario).toBeLessThanOrEqual(lead10(x) * 1e-6);
      }
    }
  });
});
