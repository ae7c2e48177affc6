/**
 * Every benchmark of bench/suite in order, then one summary table. A script, not a test: numbers
 * depend on the machine and its load, so each figure is printed next to a baseline measured in the
 * same run, and the ratio is what to compare between machines.
 *
 *   node --import tsx bench/all.ts            # all of them
 *   node --import tsx bench/all.ts cost quiz  # some, by name
 */
import { cpus, loadavg } from 'node:os';
import { costHttp } from './suite/cost-http.js';
import { fanout } from './suite/fanout.js';
import { memory } from './suite/memory.js';
import { personal } from './suite/personal.js';
import { quizAnswers } from './suite/quiz-answers.js';
import { type Row, table } from './suite/report.js';
import { scale } from './suite/scale.js';
import { storeBench } from './suite/store.js';

const benches = [costHttp, quizAnswers, storeBench, fanout, personal, memory, scale];
const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !benches.some((b) => b.name === a));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${benches.map((b) => b.name).join(', ')}`);
  process.exit(2);
}

console.log(
  `node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'} · load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} · ${new Date().toISOString()}`,
);
const rows: Row[] = [];
const started = performance.now();
for (const bench of benches) {
  if (asked.length > 0 && !asked.includes(bench.name)) continue;
  try {
    rows.push(...(await bench.run()));
  } catch (error) {
    console.error(`benchmark ${bench.name} failed:`, error);
    rows.push({
      bench: bench.name,
      figure: 'FAILED',
      value: String(error),
      baseline: '—',
      ratio: '—',
      target: '—',
      met: false,
    });
  }
}
console.log(`\n# Summary (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
console.log(table(rows));
const missed = rows.filter((r) => r.met === false);
if (missed.length > 0) console.log(`\nTargets missed: ${missed.map((r) => `${r.bench} — ${r.figure}`).join('; ')}`);
