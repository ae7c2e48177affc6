import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/content/load.js';
import { defaultContentDir } from '../../src/content/paths.js';
import { estimate } from '../../src/core/cost/index.js';

const catalog = loadCatalog(defaultContentDir());

/** Every dollar amount and every count of 1,000 or more written in a text, as digits (no commas). */
const figures = (text: string) =>
  [...text.matchAll(/\$?\d{1,3}(?:,\d{3})+(?:\.\d+)?|\$\d+(?:\.\d+)?/g)].map((m) => m[0].replace(/[$,]/g, ''));

describe('checks that ask for a sum', () => {
  const sums = catalog.checks.filter((c) => c.kind === 'choice' && c.scenarios && c.scenarios.length > 0);

  it('the course has at least one, and it is one of the nine', () => {
    expect(sums.map((c) => c.id)).toEqual(['api-vs-self-host']);
    expect(catalog.checks).toHaveLength(9);
  });

  for (const check of sums) {
    if (check.kind !== 'choice') continue;
    it(`${check.id}: every figure in its feedback is the cost engine's for the stated scenarios`, () => {
      const engine = new Set<string>();
      for (const scenario of check.scenarios ?? []) {
        const r = estimate(scenario);
        expect(r.ok, scenario).toBe(true);
        if (!r.ok) continue;
        const b = r.breakdown;
        for (const v of [b.cost, b.selfHost, b.unitPrice].flatMap((x) => (x ? figures(JSON.stringify(x)) : [])))
          engine.add(v);
        for (const step of b.steps) for (const v of figures(step)) engine.add(v);
      }
      const right = check.options.find((o) => o.correct);
      const said = [right?.feedback ?? '', check.explanation, ...check.options.map((o) => o.feedback)].flatMap(figures);
      // The inputs of the scenario itself (prices, rates, volumes) are figures too.
      const inputs = new Set((check.scenarios ?? []).flatMap(figures));
      expect(said.length).toBeGreaterThan(4);
      for (const f of said) expect(engine.has(f) || inputs.has(f), `${f} in ${check.id}`).toBe(true);
      // The key figures a PM must reach: both daily costs, both yearly costs and the break-even.
      for (const f of ['300', '480', '109500', '175200', '240000']) expect(engine.has(f), f).toBe(true);
      expect(right?.feedback).toMatch(/\$300 a day.*\$109,500 a year.*\$480 a day.*\$175,200 a year.*240,000/s);
    });
  }
});
