/** `npm run bench`: every benchmark in turn (more join later). A script, not a test. */
import { cpus, loadavg } from 'node:os';
import { formatCostBench, runCostBench } from './cost.js';

console.log(
  `node ${process.version} · ${cpus()[0]?.model ?? 'unknown CPU'} · single thread · load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
console.log(formatCostBench(runCostBench()));
