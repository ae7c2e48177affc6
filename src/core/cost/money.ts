/**
 * How amounts read. Formatting works on the exact plain-decimal string (one Decimal → string
 * conversion per amount, then string arithmetic): it is the hot path of every estimate.
 */
import type { Dec } from './decimal.js';
import type { Money, Quantity } from './types.js';

/** "1234567" → "1,234,567" (an integer part). */
function group(digits: string): string {
  if (digits.length <= 3) return digits;
  let out = digits.slice(-3);
  for (let i = digits.length - 3; i > 0; i -= 3) out = `${digits.slice(Math.max(0, i - 3), i)},${out}`;
  return out;
}

/** Splits a plain non-negative decimal ("1234.5") into integer and fraction digits. */
function split(plain: string): [string, string] {
  const dot = plain.indexOf('.');
  return dot < 0 ? [plain, ''] : [plain.slice(0, dot), plain.slice(dot + 1)];
}

/** Rounds half-up to `places` decimals (fraction padded to exactly `places` digits). */
function round(int: string, frac: string, places: number): [string, string] {
  if (frac.length <= places) return [int, frac.padEnd(places, '0')];
  const kept = frac.slice(0, places);
  if (frac.charCodeAt(places) < 53 /* '5' */) return [int, kept];
  const s = (BigInt(int + kept) + 1n).toString().padStart(places + 1, '0');
  return [s.slice(0, s.length - places), s.slice(s.length - places)];
}

const trimZeros = (frac: string) => {
  let end = frac.length;
  while (end > 0 && frac.charCodeAt(end - 1) === 48 /* '0' */) end--;
  return frac.slice(0, end);
};
const isZero = (int: string, frac: string) => (int === '0' || int === '') && trimZeros(frac) === '';
/** Zeros right after the point before the first significant digit ("0.0016" → 2). */
const leadingZeros = (frac: string) => frac.length - frac.replace(/^0+/, '').length;

/** `digits` significant digits of an amount under 1, half-up: "0.0012345" → "0.00123". */
function significant(frac: string, digits: number): string {
  const [i, f] = round('0', frac, leadingZeros(frac) + digits);
  const t = trimZeros(f);
  return t ? `${group(i)}.${t}` : group(i);
}

/**
 * Money as people read it: half-up to the cent with separators, whole dollars without ".00"
 * ("$10,000", "$0.30"); under a cent, three significant digits ("$0.0016"), so a real cost is never
 * shown as "$0.00". Zero is "$0".
 */
export function moneyText(plain: string): string {
  const [int, frac] = split(plain);
  if (isZero(int, frac)) return '$0';
  if (int === '0' && frac.startsWith('00')) return `$${significant(frac, 3)}`;
  const [i, f] = round(int, frac, 2);
  return f === '00' ? `$${group(i)}` : `$${group(i)}.${f}`;
}

/**
 * A unit price keeps the digits that matter ("$0.0152 per query", "$2.505/hr"): rounding a price
 * to the cent would misstate every total built on it. At least two decimals when it has cents.
 */
export function priceText(plain: string): string {
  const [int, frac] = split(plain);
  if (frac.length <= 2 || isZero(int, frac)) return moneyText(plain);
  let s: string;
  if (int !== '0') {
    const [i, f] = round(int, frac, 4);
    s = `${group(i)}.${trimZeros(f)}`;
  } else s = significant(frac, frac.startsWith('00') ? 3 : 4);
  const dot = s.indexOf('.');
  return `$${dot >= 0 && s.length - dot === 2 ? `${s}0` : s}`;
}

/** Counts with separators; fractions (a monthly volume ÷ 30) to at most two decimals. */
export function countText(plain: string): string {
  const [int, frac] = split(plain);
  if (!frac) return group(int);
  const [i, f] = round(int, frac, 2);
  const t = trimZeros(f);
  if (isZero(i, f)) return significant(frac, 3);
  return t ? `${group(i)}.${t}` : group(i);
}

/** A percentage (0–100) to at most one decimal: "10%", "12.5%". */
export function percentText(plain: string): string {
  const [int, frac] = split(plain);
  const [i, f] = round(int, frac, 1);
  if (isZero(i, f) && !isZero(int, frac)) return `${significant(frac, 2)}%`;
  return `${i}${f === '0' ? '' : `.${f}`}%`;
}

/** Large round amounts the way the chapter writes them ("$20M", "$3.65M"); other amounts as money. */
export function formatCompact(d: Dec): string {
  const plain = d.toFixed();
  const [int, frac] = split(plain);
  if (!trimZeros(frac)) {
    for (const [zeros, suffix] of [
      [9, 'B'],
      [6, 'M'],
    ] as const) {
      if (int.length > zeros && /^0*$/.test(int.slice(-zeros + 2))) {
        const whole = int.slice(0, -zeros);
        const cents = trimZeros(int.slice(-zeros, -zeros + 2));
        return `$${group(whole)}${cents ? `.${cents}` : ''}${suffix}`;
      }
    }
  }
  return moneyText(plain);
}

/**
 * A quantity the grammar reads back exactly: "10M", "2.5B", "15k", "3333.33". Used to write
 * what-if scenarios, so no separators (a comma could read as a list).
 */
export function quantityText(d: Dec): string {
  const plain = d.toFixed();
  const [int, frac] = split(plain);
  if (!trimZeros(frac)) {
    for (const [zeros, suffix] of [
      [9, 'B'],
      [6, 'M'],
      [3, 'k'],
    ] as const) {
      if (int.length > zeros && (zeros === 3 || /^0*$/.test(int.slice(3 - zeros)))) {
        const cut = int.length - zeros;
        const rest = trimZeros(int.slice(cut, cut + 3));
        return `${int.slice(0, cut)}${rest ? `.${rest}` : ''}${suffix}`;
      }
    }
  }
  return plain;
}

export const formatMoney = (d: Dec): string => moneyText(d.toFixed());
export const formatPrice = (d: Dec): string => priceText(d.toFixed());
export const formatCount = (d: Dec): string => countText(d.toFixed());
export const formatPercent = (d: Dec): string => percentText(d.toFixed());

/** One Decimal → string conversion serves both the exact value and the readable text. */
export function money(d: Dec): Money {
  const value = d.toFixed();
  return { value, formatted: moneyText(value) };
}
export function price(d: Dec): Money {
  const value = d.toFixed();
  return { value, formatted: priceText(value) };
}
export function count(d: Dec): Quantity {
  const value = d.toFixed();
  return { value, formatted: countText(value) };
}
export function percent(d: Dec): Quantity {
  const value = d.toFixed();
  return { value, formatted: percentText(value) };
}
