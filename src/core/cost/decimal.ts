import { Decimal } from 'decimal.js';

/**
 * The engine's private Decimal: a clone so that nothing here changes (or depends on) the global
 * configuration other code may set. 40 significant digits keep every terminating result exact
 * for inputs up to 10^15; only true divisions (a monthly volume ÷ 30) round, and they round the
 * same way whatever the scale, so 10× the input is exactly 10× the output.
 */
export const D = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  // Never switch to exponential notation: exact strings are plain decimals.
  toExpNeg: -9e15,
  toExpPos: 9e15,
});

export type Dec = Decimal;

export const ZERO = new D(0);
export const ONE = new D(1);
export const TEN = new D(10);
export const HUNDRED = new D(100);
/** 1/100: dividing by 100 as an exact multiplication (cheaper than a division). */
export const PERCENT = new D('0.01');
export const HALF_UP = Decimal.ROUND_HALF_UP;
export const ROUND_UP = Decimal.ROUND_UP;

/** 10^-k for the powers of ten seen (at most a few dozen: bounded by the range of inputs). */
const inverses = new Map<number, Decimal>();

/**
 * a ÷ b, cheaper for the common divisors: by 1 nothing, by a power of ten (per 1k, per 1M, ÷ 100)
 * a multiplication by 10^-k, which is exact and gives the same digits as the division.
 */
export function divide(a: Decimal, b: Decimal): Decimal {
  const s = b.toFixed();
  if (s === '1') return a;
  if (/^10+$/.test(s)) {
    const k = s.length - 1;
    const known = inverses.get(k);
    if (known) return a.times(known);
    const made = new D(`1e-${k}`);
    inverses.set(k, made);
    return a.times(made);
  }
  return a.div(b);
}
