import { estimate } from '../../../src/core/cost/index.js';
import type { Breakdown, CostError } from '../../../src/core/cost/types.js';

/** The breakdown of a scenario that must estimate; fails the test with the engine's message otherwise. */
export function breakdown(text: string): Breakdown {
  const r = estimate(text);
  if (!r.ok) throw new Error(`expected "${text}" to estimate, got ${r.error.code}: ${r.error.message}`);
  return r.breakdown;
}

export function failure(text: string): CostError {
  const r = estimate(text);
  if (r.ok) throw new Error(`expected "${text}" to fail, got ${r.breakdown.summary}`);
  return r.error;
}

/** Every [path, value] pair of a JSON-like value, for sweeping checks over a whole breakdown. */
export function leaves(v: unknown, path = ''): [string, unknown][] {
  if (v === null || typeof v !== 'object') return [[path, v]];
  return Object.entries(v).flatMap(([k, x]) => leaves(x, path ? `${path}.${k}` : k));
}
