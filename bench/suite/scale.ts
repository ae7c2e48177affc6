/**
 * Benchmark 7: PostgreSQL and several instances. The quiz-answer load of benchmark 2
 * (block_actions → grade → store → chat.update, a new member per click) against the app on its
 * SQLite file, then on one PostgreSQL with one, two and three instances behind a round-robin
 * balancer; and the manager report for 10,000 members on each store. Everything in one run on this
 * machine, so the ratios are what to read: with 2 cores, three app processes and PostgreSQL share
 * the same two cores, so more instances cannot add throughput here (they do on a host with a core
 * per instance and the database on its own machine).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { teamReport } from '../../src/app/reports.js';
import { loadCatalog } from '../../src/content/load.js';
import { defaultContentDir } from '../../src/content/paths.js';
import { createStore, openDatabase, type Sql, sqliteSql } from '../../src/store/index.js';
import { openPostgresDatabase } from '../../src/store/migrate-postgres.js';
import { startPostgres } from '../../tests/support/postgres.js';
import { clickWatch, withNonce } from './click-watch.js';
import { startFakeApi } from './fake-api.js';
import { closedLoop, latency, median, ms, num, sleep } from './load.js';
import { serverLine, spawnApp } from './plain.js';
import { appEnv, type Child } from './procs.js';
import { type Bench, type Row, ratio } from './report.js';
import { attemptOf, seedMembers, WS } from './seed.js';
import { answerClick, type Button, TEAM } from './slack.js';

const CONNECTIONS = 16;
const WARMUP_MS = 1_000;
const DURATION_MS = 5_000;
const ROUNDS = 2;
const CARDS = 6_000;
const REPORT_MEMBERS = 10_000;
const REPORT_RUNS = 15;

const watch = clickWatch();

let runId = 0;
const memberOf = (run: number, i: number) => `US${run}X${i}`;
const nonceOf = (run: number, i: number) => `scale-${run}-${i}`;

/** Each clicking member holds a card the app issued them (written through the Sql port, unmeasured). */
async function issueCards(sql: Sql, run: number, checkId: string): Promise<void> {
  const now = Date.now();
  await createStore(sql).workspaces.ensure({ id: `slack:${TEAM}`, platform: 'slack' });
  await sql.transaction(async () => {
    for (let from = 0; from < CARDS; from += 250) {
      const ids = Array.from({ length: Math.min(250, CARDS - from) }, (_, k) => from + k);
      const members = await sql.all<{ id: number; external_id: string }>(
        `INSERT INTO members (workspace_id, external_id, time_zone, created_at) VALUES ${ids.map(() => "(?, ?, 'UTC', ?)").join(', ')}
         ON CONFLICT (workspace_id, external_id) DO UPDATE SET external_id = excluded.external_id RETURNING id, external_id`,
        ids.flatMap((i) => [`slack:${TEAM}`, memberOf(run, i), now]),
      );
      const byName = new Map(members.map((m) => [m.external_id, m.id]));
      await sql.run(
        `INSERT INTO check_cards (nonce, member_id, check_id, issued_at) VALUES ${ids.map(() => '(?, ?, ?, ?)').join(', ')}`,
        ids.flatMap((i) => [nonceOf(run, i), byName.get(memberOf(run, i)), checkId, now]),
      );
    }
  });
}

interface Clicks {
  rps: number;
  p50: number;
  p99: number;
  lost: number;
  started: number;
}

async function clicks(ports: readonly number[], buttons: readonly Button[], apiUrl: string, sql: Sql): Promise<Clicks> {
  const run = ++runId;
  const checkId = (JSON.parse(buttons[0]?.value ?? '{}') as { check?: string }).check ?? '';
  await issueCards(sql, run, checkId);
  let lost = 0;
  const tsOf = (i: number) => `${1_800_000_000 + run}.${String(i).padStart(6, '0')}`;
  const r = await closedLoop({
    port: ports[0] ?? 0,
    ports,
    connections: CONNECTIONS,
    warmupMs: WARMUP_MS,
    durationMs: DURATION_MS,
    maxRequests: CARDS,
    make: (i) =>
      answerClick(withNonce(buttons[i % buttons.length] as Button, nonceOf(run, i)), {
        user: memberOf(run, i),
        channel: 'D123',
        ts: tsOf(i),
        responseUrl: `${apiUrl}/response/click`,
      }),
    after: async (i, status) => {
      if (status !== 200 || !(await watch.updated(tsOf(i)))) lost++;
    },
  });
  return { rps: r.rps, p50: r.p50, p99: r.p99, lost, started: r.started };
}

/** Median report time for 10,000 members × 9 checks on this store, seeded through the store API. */
async function reportTime(sql: Sql): Promise<{ p50: number; p95: number }> {
  const catalog = loadCatalog(defaultContentDir());
  const store = createStore(sql);
  const ids = await seedMembers(store, REPORT_MEMBERS);
  const day = Date.now() - 86_400_000;
  for (let from = 0; from < ids.length; from += 500)
    await store.transaction(async () => {
      for (let m = from; m < Math.min(ids.length, from + 500); m++) {
        const id = ids[m] ?? 0;
        for (const [c, check] of catalog.checks.entries())
          await store.progress.recordAttempt(attemptOf(check, id, m * 9 + c, day + c * 60_000));
      }
    });
  const now = Date.now();
  for (let i = 0; i < 2; i++) await teamReport(store, catalog, WS, now);
  const samples: number[] = [];
  for (let i = 0; i < REPORT_RUNS; i++) {
    const t = performance.now();
    await teamReport(store, catalog, WS, now);
    samples.push(performance.now() - t);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: latency(samples).p50, p95: sorted[Math.ceil(0.95 * sorted.length) - 1] ?? Number.NaN };
}

const line = (label: string, r: Clicks) =>
  `  ${label.padEnd(22)} ${num(r.rps).padStart(6)} answers/s  p50 ${ms(r.p50)}  p99 ${ms(r.p99)}  lost ${r.lost}`;

export const scale: Bench = {
  name: 'scale',
  async run(): Promise<Row[]> {
    console.log(
      `\n# 7. PostgreSQL and instances — quiz answers, ${CONNECTIONS} members at a time, ${WARMUP_MS / 1000} s warm-up + ${DURATION_MS / 1000} s, ${ROUNDS} rounds each; report for ${num(REPORT_MEMBERS)} members`,
    );
    console.log(await serverLine());
    const dir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
    const pg = await startPostgres({ maxConnections: 100 });
    const api = await startFakeApi({ onCall: watch.onCall });
    const children: Child[] = [];
    const opened: Sql[] = [];
    try {
      const dbPath = join(dir, 'tutor.db');
      const url = await pg.createDatabase();
      const lite = sqliteSql(openDatabase(dbPath));
      const postgres = await openPostgresDatabase(url, { poolSize: 4 });
      opened.push(lite, postgres);

      const sqliteApp = await spawnApp('sqlite', appEnv(api.url, dbPath));
      children.push(sqliteApp);
      const buttons = await watch.buttons(sqliteApp, api, 'USCALESETUP');
      const pgEnv = appEnv(api.url, join(dir, 'unused.db'), { DATABASE_URL: url, DATABASE_POOL_SIZE: '10' });
      const instances: Child[] = [];
      for (let n = 1; n <= 3; n++) {
        const child = await spawnApp(`pg-${n}`, pgEnv);
        children.push(child);
        instances.push(child);
      }

      const setups = [
        { label: 'SQLite, 1 instance', ports: [sqliteApp.port], sql: lite },
        { label: 'PostgreSQL, 1 instance', ports: instances.slice(0, 1).map((c) => c.port), sql: postgres },
        { label: 'PostgreSQL, 2 instances', ports: instances.slice(0, 2).map((c) => c.port), sql: postgres },
        { label: 'PostgreSQL, 3 instances', ports: instances.map((c) => c.port), sql: postgres },
      ];
      const results = new Map<string, Clicks[]>();
      for (let round = 0; round < ROUNDS; round++)
        for (const s of round % 2 === 0 ? setups : [...setups].reverse()) {
          const r = await clicks(s.ports, buttons, api.url, s.sql);
          results.set(s.label, [...(results.get(s.label) ?? []), r]);
          console.log(line(s.label, r));
          await sleep(300);
        }
      const rps = (label: string) => median((results.get(label) ?? []).map((r) => r.rps));
      const p99 = (label: string) => median((results.get(label) ?? []).map((r) => r.p99));
      const lost = [...results.values()].flat().reduce((n, r) => n + r.lost, 0);
      const stored = async (sql: Sql) =>
        (await sql.get<{ n: number }>("SELECT count(*) AS n FROM quiz_attempts WHERE idempotency_key LIKE '%scale-%'"))
          ?.n ?? 0;
      const attempts = (await stored(lite)) + (await stored(postgres));
      const clicked = [...results.values()].flat().reduce((n, r) => n + r.started, 0);
      console.log(`  attempts stored: ${num(attempts)} of ${num(clicked)} clicks (each click is a new member)`);

      for (const child of children) await child.stop();
      children.length = 0;
      const reportDb = await pg.createDatabase();
      const reportPg = await openPostgresDatabase(reportDb, { poolSize: 4 });
      const reportLite = sqliteSql(openDatabase(join(dir, 'report.db')));
      opened.push(reportPg, reportLite);
      const liteReport = await reportTime(reportLite);
      const pgReport = await reportTime(reportPg);
      console.log(
        `  manager report, ${num(REPORT_MEMBERS)} members × 9 checks: SQLite ${ms(liteReport.p50)} (p95 ${ms(liteReport.p95)}), PostgreSQL ${ms(pgReport.p50)} (p95 ${ms(pgReport.p95)})`,
      );

      const one = rps('PostgreSQL, 1 instance');
      return [
        {
          bench: '7 scale',
          figure: 'answers/s on PostgreSQL, 1 instance',
          value: `${num(one)}/s (p99 ${ms(p99('PostgreSQL, 1 instance'))})`,
          baseline: `${num(rps('SQLite, 1 instance'))}/s on SQLite (p99 ${ms(p99('SQLite, 1 instance'))})`,
          ratio: ratio(one, rps('SQLite, 1 instance')),
          target: 'every answer stored once',
          met: lost === 0 && attempts === clicked,
        },
        {
          bench: '7 scale',
          figure: 'answers/s, 2 instances on one PostgreSQL',
          value: `${num(rps('PostgreSQL, 2 instances'))}/s`,
          baseline: `${num(one)}/s with 1 instance`,
          ratio: ratio(rps('PostgreSQL, 2 instances'), one),
          target: '— (2 cores shared by all)',
        },
        {
          bench: '7 scale',
          figure: 'answers/s, 3 instances on one PostgreSQL',
          value: `${num(rps('PostgreSQL, 3 instances'))}/s`,
          baseline: `${num(one)}/s with 1 instance`,
          ratio: ratio(rps('PostgreSQL, 3 instances'), one),
          target: '— (2 cores shared by all)',
        },
        {
          bench: '7 scale',
          figure: `manager report, ${num(REPORT_MEMBERS)} members, median`,
          value: `${ms(pgReport.p50)} on PostgreSQL`,
          baseline: `${ms(liteReport.p50)} on SQLite`,
          ratio: ratio(pgReport.p50, liteReport.p50),
          target: '< 100 ms',
          met: pgReport.p50 < 100,
        },
      ];
    } finally {
      for (const child of children) await child.stop().catch(() => undefined);
      for (const sql of opened) await sql.close().catch(() => undefined);
      await api.close();
      await pg.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
