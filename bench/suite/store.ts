/**
 * Benchmark 3: the store, in this process on a real SQLite file (WAL, synchronous = FULL, as the
 * app opens it).
 * - Attempts recorded per second through `createStore(db).progress.recordAttempt` (its own
 *   transaction each, like an answer), against a bare prepared INSERT into a table of the same
 *   shape (columns, checks, unique key, foreign key, index) in the same file, in alternating rounds.
 * - The full manager report (`teamReport`) for 10,000 members × 9 checks, seeded through the store
 *   API so the roll-ups are exactly as the store keeps them; baseline: the bare SQL read of the
 *   same member rows. Median and p95 of 20 runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { teamReport, teamReportCsv } from '../../src/app/reports.js';
import { loadCatalog } from '../../src/content/load.js';
import { defaultContentDir } from '../../src/content/paths.js';
import type { Catalog } from '../../src/core/content/catalog.js';
import type { Check } from '../../src/core/content/schema.js';
import { createStore, type NewAttempt, openDatabase } from '../../src/store/index.js';
import { TEAM_SQL } from '../../src/store/snapshot.js';
import { latency, median, ms, num } from './load.js';
import { type Bench, type Row, ratio } from './report.js';
import { attemptOf, bareTable, seedMembers, WS } from './seed.js';

const ROUNDS = 5;
const ROUND_MS = 1_500;
const ROUND_MAX = 20_000;
const MEMBERS = 10_000;
const REPORT_RUNS = 20;

/**
 * Writes per second for one round: one commit (and fsync) per write, as the app does. Each write is
 * awaited (the store is asynchronous; the bare INSERT pays the same await, so only the store differs).
 */
async function round(write: (i: number) => unknown, start: number): Promise<{ perSecond: number; count: number }> {
  const t0 = performance.now();
  let i = 0;
  while (i < ROUND_MAX && performance.now() - t0 < ROUND_MS) await write(start + i++);
  return { perSecond: i / ((performance.now() - t0) / 1000), count: i };
}

async function attemptsPerSecond(catalog: Catalog, dir: string): Promise<Row[]> {
  const db = openDatabase(join(dir, 'attempts.db'));
  try {
    const store = createStore(db);
    const ids = await seedMembers(store, 1_000);
    const bare = bareTable(db);
    const checks = catalog.checks;
    // Attempts are built before the clock starts: grading is not what this measures.
    const made = Array.from({ length: ROUND_MAX * ROUNDS * 2 }, (_, n) =>
      attemptOf(checks[n % checks.length] as Check, ids[n % ids.length] ?? 1, n, Date.now()),
    );
    const at = (i: number) => made[i] as NewAttempt;
    const runs = { store: [] as number[], bare: [] as number[] };
    let next = 0;
    for (let r = 0; r < ROUNDS; r++) {
      for (const kind of r % 2 === 0 ? (['store', 'bare'] as const) : (['bare', 'store'] as const)) {
        const write =
          kind === 'store' ? (i: number) => store.progress.recordAttempt(at(i)) : (i: number) => bare(at(i));
        const res = await round(write, next);
        next += res.count;
        runs[kind].push(res.perSecond);
        console.log(
          `  ${kind.padEnd(5)} ${num(res.perSecond).padStart(7)} writes/s (${num(res.count)} in ${ROUND_MS / 1000} s)`,
        );
      }
    }
    const s = median(runs.store);
    const b = median(runs.bare);
    return [
      {
        bench: '3 store',
        figure: `attempts recorded/s (median of ${ROUNDS})`,
        value: `${num(s)}/s`,
        baseline: `${num(b)}/s bare INSERT`,
        ratio: ratio(s, b),
        target: '—',
      },
    ];
  } finally {
    db.close();
  }
}

async function teamReportTimes(catalog: Catalog, dir: string): Promise<Row[]> {
  const db = openDatabase(join(dir, 'report.db'));
  try {
    const store = createStore(db);
    const seedStart = performance.now();
    const ids = await seedMembers(store, MEMBERS);
    const day = Date.now() - 86_400_000;
    // 500 members a transaction: the same writes as answers, without one fsync per attempt.
    for (let from = 0; from < ids.length; from += 500) {
      await store.transaction(async () => {
        for (let m = from; m < Math.min(ids.length, from + 500); m++) {
          const id = ids[m] ?? 0;
          for (const lesson of catalog.lessons)
            await store.progress.recordRead({ memberId: id, lessonId: lesson.id, mode: 'essentials', at: day });
          for (const [c, check] of catalog.checks.entries())
            await store.progress.recordAttempt(attemptOf(check, id, m * 9 + c, day + c * 60_000));
        }
      });
    }
    const count = (t: string) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
    console.log(
      `  seeded ${num(count('members'))} members, ${num(count('lesson_reads'))} reads, ${num(count('quiz_attempts'))} attempts (${catalog.checks.length} checks each) through the store API in ${num((performance.now() - seedStart) / 1000, 1)} s`,
    );
    // The same query read the cheapest way better-sqlite3 offers (rows as arrays), as the store does.
    const bareRead = db.prepare(TEAM_SQL.members).raw(true);
    const timed = async (fn: () => unknown) => {
      for (let i = 0; i < 2; i++) await fn(); // warm-up: statement cache and JIT
      const samples: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < REPORT_RUNS; i++) {
        const t = performance.now();
        const c = process.cpuUsage();
        await fn();
        const used = process.cpuUsage(c);
        samples.push(performance.now() - t);
        cpu.push((used.user + used.system) / 1000);
      }
      const sorted = [...samples].sort((a, b) => a - b);
      // CPU time next to wall time: on a shared machine the gap is time other processes took.
      return { ...latency(samples), p95: sorted[Math.ceil(0.95 * sorted.length) - 1] ?? Number.NaN, cpu: median(cpu) };
    };
    const now = Date.now();
    const bare = await timed(() => bareRead.all(WS));
    const summary = await timed(() => store.progress.teamSummary(WS));
    const report = await timed(() => teamReport(store, catalog, WS, now));
    const csv = await timed(() => teamReportCsv(store, catalog, WS, now));
    const { totals } = await teamReport(store, catalog, WS, now);
    console.log(`  ${REPORT_RUNS} runs each, wall median / p95 (CPU median):`);
    for (const [label, t] of [
      ['bare SQL read of the member rows', bare],
      ['store.progress.teamSummary', summary],
      ['teamReport (full report)', report],
      ['teamReportCsv', csv],
    ] as const)
      console.log(`    ${label.padEnd(34)} ${ms(t.p50)} / ${ms(t.p95)} (${ms(t.cpu)})`);
    console.log(
      `  the report covers ${num(totals.members)} members; ${num(totals.finishedAllChecks)} finished every check`,
    );
    return [
      {
        bench: '3 store',
        figure: `team report, ${num(MEMBERS)} members × ${catalog.checks.length} checks, median / p95`,
        value: `${ms(report.p50)} / ${ms(report.p95)} (CPU ${ms(report.cpu)})`,
        baseline: `${ms(bare.p50)} / ${ms(bare.p95)} bare SQL read (CPU ${ms(bare.cpu)})`,
        ratio: ratio(report.p50, bare.p50),
        target: '< 100 ms',
        met: report.p95 < 100,
      },
      {
        bench: '3 store',
        figure: 'team report as CSV, median / p95',
        value: `${ms(csv.p50)} / ${ms(csv.p95)}`,
        baseline: `${ms(bare.p50)} / ${ms(bare.p95)}`,
        ratio: ratio(csv.p50, bare.p50),
        target: '—',
      },
    ];
  } finally {
    db.close();
  }
}

export const storeBench: Bench = {
  name: 'store',
  async run(): Promise<Row[]> {
    console.log(
      `\n# 3. The store (SQLite file, WAL, synchronous = FULL) — ${ROUNDS} alternating rounds of ${ROUND_MS / 1000} s`,
    );
    const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
    try {
      const catalog = loadCatalog(defaultContentDir());
      return [...(await attemptsPerSecond(catalog, dir)), ...(await teamReportTimes(catalog, dir))];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
