/**
 * Side by side: this engine against another copy of it (an older revision), in one process, so
 * both see the same machine load. `npm run bench`'s ratio is steadier on a quiet machine; on a
 * shared one this comparison is the fair one. Best of many interleaved rounds per scenario.
 *
 *   git archive <rev> src/core/cost | tar -x -C /tmp/old && ln -s "$PWD/node_modules" /tmp/old/node_modules
 *   node --import tsx bench/compare.ts /tmp/old/src/core/cost/index.ts
 */
import { pathToFileURL } from 'node:url';
import { estimate } from '../src/core/cost/index.js';
import { MIX } from './cost.js';

type Estimate = typeof estimate;
const path = process.argv[2];
if (!path) throw new Error('usage: node --import tsx bench/compare.ts <other engine index.ts>');
const other = ((await import(pathToFileURL(path).href)) as { estimate: Estimate }).estimate;

/** µs per call, over `n` calls. */
const time = (f: Estimate, s: string, n: number) => {
  const t = performance.now();
  for (let i = 0; i < n; i++) f(s);
  return ((performance.now() - t) / n) * 1000;
};

let [sumOther, sumThis] = [0, 0];
for (const s of MIX) {
  for (let i = 0; i < 1000; i++) [other(s), estimate(s)];
  let [a, b] = [Infinity, Infinity];
  for (let r = 0; r < 30; r++) {
    a = Math.min(a, time(other, s, 300));
    b = Math.min(b, time(estimate, s, 300));
  }
  [sumOther, sumThis] = [sumOther + a, sumThis + b];
  console.log(`${a.toFixed(1).padStart(7)} ${b.toFixed(1).padStart(7)}  ${s}`);
}
console.log(
  `mix: other ${sumOther.toFixed(1)} µs, this ${sumThis.toFixed(1)} µs (this/other ${(sumThis / sumOther).toFixed(3)})`,
);

/** The whole mix in turn, as `npm run bench` runs it: µs per scenario, best of the rounds. */
const mixed = (f: Estimate) => {
  const t = performance.now();
  for (let i = 0; i < 50; i++) for (const s of MIX) f(s);
  return ((performance.now() - t) / (50 * MIX.length)) * 1000;
};
let [mixOther, mixThis] = [Infinity, Infinity];
for (let r = 0; r < 40; r++) {
  mixOther = Math.min(mixOther, mixed(other));
  mixThis = Math.min(mixThis, mixed(estimate));
}
console.log(
  `mixed in turn: other ${mixOther.toFixed(2)} µs, this ${mixThis.toFixed(2)} µs per scenario (this/other ${(mixThis / mixOther).toFixed(3)})`,
);
