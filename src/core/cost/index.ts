/**
 * The cost engine: `estimate("1M queries/day at $0.01")` → a breakdown or an error value.
 * Pure (no I/O, no clock, no environment) and total: it never throws, whatever the string.
 */
import { compute } from './compute.js';
import { errors } from './errors.js';
import { parse } from './parse.js';
import type { EstimateResult } from './types.js';

export function estimate(text: string): EstimateResult {
  if (typeof text !== 'string') return { ok: false, error: errors.empty() };
  try {
    const parsed = parse(text);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    return { ok: true, breakdown: compute(parsed.value) };
  } catch {
    // A bug must not reach the user as a stack trace; tests assert this path is never taken.
    return { ok: false, error: errors.unreadable() };
  }
}

export { EXAMPLES, MAX_LENGTH } from './errors.js';
export { closestModels, findModel, priceTable } from './models.js';
export { formatMoney, formatPrice } from './money.js';
export type * from './types.js';
