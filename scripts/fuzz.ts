/**
 * `node --import tsx scripts/fuzz.ts [slackCount] [teamsCount] [seed]`: the fuzz run at full size
 * (20,000 signed Slack payloads and 10,000 Teams activities by default) against the real server
 * in its own process. Prints the counts and exits non-zero on any process exit, 5xx, broken
 * connection or fault that reached the process-level handlers.
 */
import { runFuzz } from '../tests/faults/fuzz-run.js';

const [slack = 20_000, teams = 10_000, seed] = process.argv.slice(2).map(Number);
const report = await runFuzz({
  slack,
  teams,
  ...(seed === undefined ? {} : { seed }),
  progress: (line) => process.stderr.write(`${line}\n`),
});
console.log(
  JSON.stringify(
    { ...report, failures: report.failures.slice(0, 20), escapedFaults: report.escapedFaults.slice(0, 20) },
    null,
    2,
  ),
);
const bad = report.processExits + report.failures.length + report.escapedFaults.length + (report.healthyAfter ? 0 : 1);
console.log(
  `${report.sent.slack} Slack payloads and ${report.sent.teams} Teams activities in ${(report.ms / 1000).toFixed(1)} s (seed ${report.seed}): ${report.processExits} process exits, ${report.failures.length} 5xx or broken connections, ${report.escapedFaults.length} escaped faults.`,
);
process.exit(bad === 0 ? 0 : 1);
