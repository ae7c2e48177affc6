/**
 * Bounded work per scenario (issue 13): a 500-character scenario made to be expensive costs about
 * what a normal one does. Model lookups are counted: at most two exact lookups and one indexed
 * suggestion search of 16 names per parse, and a refused scenario is parsed at most once more to
 * check the correction it offers. The rest is compared with a normal scenario in the same run.
 */
import { describe, expect, it } from 'vitest';
import { estimate, MAX_LENGTH } from '../../../src/core/cost/index.js';
import { modelWork, priceTable } from '../../../src/core/cost/models.js';

const fill = (piece: string) => piece.repeat(Math.ceil(MAX_LENGTH / piece.length)).slice(0, MAX_LENGTH);

const HOSTILE = {
  'repeated `on aa`': fill('on aa '),
  'repeated `using x`': fill('using x '),
  'repeated unknown model ids': fill('on gpt-9z '),
  'repeated bare model-like names': fill('gpt-9z claude-x1 '),
  'long garbage': fill('qwzxv'),
  'digits, commas and units': fill('1,2 3k 4/day 5% 6, '),
  'digits and scales': fill('9,999 1m 2bn per 1k '),
  'prices and dollar signs': fill('at $1 at $2 per '),
};
const NORMAL = '1M queries/day on gpt-4o-mini, 1000 in / 800 out tokens';

describe('bounded work for hostile scenarios', () => {
  it.each(Object.entries(HOSTILE))('%s: a handful of model lookups, never a scan of the table', (_, text) => {
    expect(text.length).toBe(MAX_LENGTH);
    const before = { ...modelWork };
    const r = estimate(text);
    expect(r.ok).toBe(false);
    expect(modelWork.lookups - before.lookups).toBeLessThanOrEqual(2 * 2);
    // A suggestion search compares a shortlist, never the whole table.
    expect(modelWork.compared - before.compared).toBeLessThanOrEqual(2 * 16);
    expect(priceTable.models.length).toBeGreaterThan(100);
  });

  it('each costs within a generous factor of a normal scenario, measured side by side', () => {
    const rounds = 7;
    const runs = 40;
    const time = (text: string) => {
      const t = performance.now();
      for (let i = 0; i < runs; i++) estimate(text);
      return performance.now() - t;
    };
    for (const text of [NORMAL, ...Object.values(HOSTILE)]) time(text); // warm up
    for (const [name, text] of Object.entries(HOSTILE)) {
      // Interleaved rounds share whatever load the machine has; the best round of each is compared.
      const [normal, hostile] = [[] as number[], [] as number[]];
      for (let r = 0; r < rounds; r++) {
        normal.push(time(NORMAL));
        hostile.push(time(text));
      }
      const ratio = Math.min(...hostile) / Math.min(...normal);
      expect(ratio, `${name}: ${ratio.toFixed(1)}× a normal scenario`).toBeLessThan(40);
    }
  });
});
