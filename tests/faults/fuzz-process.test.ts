/**
 * The fuzz run in the test suite, at a size the suite can afford: signed Slack payloads and Teams
 * activities with hostile fields against the real server process. CI runs the full count (20,000 +
 * 10,000) with `node --import tsx scripts/fuzz.ts` (.ci/run); FUZZ_SLACK / FUZZ_TEAMS set it here.
 */
import { describe, expect, it } from 'vitest';
import { runFuzz } from './fuzz-run.js';

const slack = Number(process.env.FUZZ_SLACK ?? 1_000);
const teams = Number(process.env.FUZZ_TEAMS ?? 500);

describe('the server process under fuzzed traffic', () => {
  it(`survives ${slack} signed Slack payloads and ${teams} Teams activities: no exit, no 5xx, no escaped fault`, {
    timeout: 900_000,
  }, async () => {
    const report = await runFuzz({ slack, teams });
    console.log(
      `fuzz: ${report.sent.slack} Slack + ${report.sent.teams} Teams in ${(report.ms / 1000).toFixed(1)} s (seed ${report.seed}); statuses ${JSON.stringify(report.byStatus)}`,
    );
    expect(report.sent).toEqual({ slack, teams });
    expect(report.processExits).toBe(0);
    expect(report.failures.slice(0, 5)).toEqual([]);
    expect(report.escapedFaults).toEqual([]);
    expect(report.healthyAfter).toBe(true);
  });
});
