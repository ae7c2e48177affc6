/** Reading numbers: the forms people write, and the range check (fast path vs an independent oracle). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D } from '../../../src/core/cost/decimal.js';
import { findNegative, firstOutOfRange, readQuantity, singular } from '../../../src/core/cost/numbers.js';

const value = (t: string) => {
  const r = readQuantity(t);
  return r.ok ? r.value.toFixed() : 'error';
};

describe('readQuantity', () => {
  it.each([
    ['1,500', '1500'],
    ['1M', 'error'], // input is lower-cased before it gets here
    ['1m', '1000000'],
    ['500k', '500000'],
    ['2 billion', '2000000000'],
    ['2.5 bn', '2500000000'],
    ['10 million', '10000000'],
    ['1 trillion', '1000000000000'],
    ['.5', '0.5'],
    ['1e6', '1000000'],
    ['0.01', '0.01'],
    ['million', '1000000'],
    ['1e400', 'error'],
    ['1e-400', 'error'],
    ['1000000000000001', 'error'],
    ['1000000000000000', '1000000000000000'],
  ])('%s → %s', (t, v) => expect(value(t)).toBe(v));
});

describe('signs and words', () => {
  it('finds a minus sign, not a range dash or a model name', () => {
    expect(findNegative('-5 queries')).toBe('-5');
    expect(findNegative('at $-0.01')).toBe('$-0.01');
    expect(findNegative('30-60% cache hits')).toBeNull();
    expect(findNegative('30 - 60% cache hits')).toBeNull();
    expect(findNegative('on gpt-4o-mini')).toBeNull();
  });
  it('singular units', () => {
    expect(['queries', 'emails', 'searches', 'tokens', 'requests', 'calls'].map(singular)).toEqual([
      'query',
      'email',
      'search',
      'token',
      'request',
      'call',
    ]);
  });
});

describe('number range (10^-12 … 10^15)', () => {
  const digits = (max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: max });
  const SCALE: Record<string, number> = {
    '': 0,
    k: 3,
    ' thousand': 3,
    m: 6,
    ' million': 6,
    b: 9,
    ' bn': 9,
    ' billion': 9,
  };
  for (const t of [' trillion', '\ttrillion']) SCALE[t] = 12;
  const group = (d: string) => d.replace(/\B(?=(\d{3})+$)/g, ',');
  const numberText = fc
    .record({
      int: digits(20),
      frac: fc.option(digits(16), { nil: undefined }),
      scale: fc.constantFrom(...Object.keys(SCALE)),
      exp: fc.option(fc.integer({ min: -40, max: 40 }), { nil: undefined }),
      commas: fc.boolean(),
    })
    .map((r) => {
      // The grammar has no exponent on a comma-grouped number ("3,000e12" is unreadable, not a number).
      const int = r.commas && r.exp === undefined && /^[1-9]/.test(r.int) ? group(r.int) : r.int;
      const text = `${int}${r.frac ? `.${r.frac}` : ''}${r.exp !== undefined ? `e${r.exp}` : ''}${r.scale}`;
      const value = new D(`${r.int}${r.frac ? `.${r.frac}` : ''}e${(r.exp ?? 0) + (SCALE[r.scale] ?? 0)}`);
      return { text, inRange: value.lte('1e15') && (value.isZero() || value.gte('1e-12')) };
    });

  it('the quick pre-check and the exact reader agree with an independent computation', () => {
    fc.assert(
      fc.property(numberText, ({ text, inRange }) => {
        expect(readQuantity(text).ok, text).toBe(inRange);
        expect(firstOutOfRange(`${text} queries`) === null, text).toBe(inRange);
      }),
      { numRuns: 3000 },
    );
  });
});
