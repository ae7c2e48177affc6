/** Bad input: a specific code and message, and an example that itself estimates. */
import { describe, expect, it } from 'vitest';
import { EXAMPLES, estimate } from '../../../src/core/cost/index.js';
import { failure } from './helpers.js';

const cases: [string, string, RegExp][] = [
  ['1M queries at', 'missing_price', /price/],
  ['1M queries/day', 'missing_price', /at \$0\.01/],
  ['at $0.01 queries', 'missing_volume', /volume/],
  ['$0.01', 'missing_volume', /volume/],
  ['-5 queries at $0.01', 'not_positive', /`-5`.*more than zero/],
  ['1M queries at $-0.01', 'not_positive', /`\$-0\.01`/],
  ['1M queries at -$0.01', 'not_positive', /more than zero/],
  ['0 queries/day at $0.01', 'not_positive', /volume/i],
  ['1M queries/day at $0', 'not_positive', /price/i],
  ['0 GPUs at $2.50/hr', 'not_positive', /GPUs/],
  ['1e400', 'out_of_range', /`1e400`.*10\^15/],
  ['1e400 queries/day at $0.01', 'out_of_range', /1e400/],
  ['2000 trillion queries at $1', 'out_of_range', /2000 trillion/],
  ['1000000000000001 queries at $1', 'out_of_range', /10\^15/],
  ['1M queries at $1e-400', 'out_of_range', /1e-400/],
  ['1M queries/day at $0.002 per 0 tokens, 800 tokens/query', 'zero_unit', /zero tokens/],
  ['1M queries/day at $0.01 with 140% cache hits', 'bad_percentage', /140%.*0% and 100%/],
  ['1M queries/day at $0.01 with 30-160% cache hits', 'bad_percentage', /160%/],
  ['1M emails/day at $0.01, only 0% used', 'bad_percentage', /above 0%/],
  ['1M emails/day at $0.01, only 120% used', 'bad_percentage', /120%/],
  ['1M queries/day on gpt-5x, 1000 in / 800 out tokens', 'unknown_model', /`gpt-5x`.*Closest: `gpt-5`/],
  ['1M queries/day at $0.002 per 1k tokens', 'missing_tokens', /tokens per query/],
  ['training $2M', 'missing_inference', /inference/],
  ['training $2M, inference $18M', 'missing_period', /\/year/],
  ['8 GPUs', 'missing_price', /per hour/],
  ['1M queries at $2.50/hr', 'unit_mismatch', /GPU/],
  ['1M queries/day at $0.01 at $0.02', 'ambiguous', /more than one price/],
  ['1M queries/day, 2M emails/day at $0.01', 'ambiguous', /volumes/],
  ['1M queries per fortnight at $0.01', 'unreadable', /`per fortnight`/],
  ['1M queries/day at $0.01 with 40% cahce hits', 'unreadable', /`cahce`.*did you mean `cache`/],
  ['hello world', 'unreadable', /volume, price/],
  ['', 'empty', /scenario/],
  ['   ', 'empty', /scenario/],
];

describe('bad input', () => {
  it.each(cases)('%s → %s', (text, code, message) => {
    const e = failure(text);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });

  it('refuses input over 500 characters before parsing it', () => {
    const long = `1M queries/day at $0.01 ${' '.repeat(480)}x`;
    expect(long.length).toBeGreaterThan(500);
    expect(failure(long)).toMatchObject({ code: 'too_long' });
    expect(failure('1'.repeat(100_000)).code).toBe('too_long');
  });

  it('every error example estimates cleanly', () => {
    const examples = new Set([...cases.map(([t]) => failure(t).example), ...Object.values(EXAMPLES)]);
    for (const ex of examples) expect(estimate(ex).ok, ex).toBe(true);
  });

  it('never shows NaN, Infinity or a stack trace', () => {
    for (const [text] of cases) {
      const e = failure(text);
      expect(`${e.message} ${e.example}`).not.toMatch(/NaN|Infinity|Error:|at .*\.ts:\d+/);
    }
  });
});
