/**
 * Benchmark 2: quiz answers. Members click an answer on a check card (from `/tutor quiz 5`) in
 * their DM with the bot; the app grades it, records the attempt in SQLite and updates the message
 * with chat.update. A new member per click, so every click is a new attempt (and a users.info);
 * each member holds a check card the app issued to them, as after their own `/tutor quiz 5`.
 * Measured from the request to the chat.update arriving at the local Web API (in this process,
 * so the arrival is timed on the same clock); baseline: a bare Bolt app that acks and calls
 * chat.update at once, alternating with the app in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { clickWatch, withNonce } from './click-watch.js';
import { startFakeApi } from './fake-api.js';
import { closedLoop, type LoadResult, median, ms, num, sleep } from './load.js';
import { serverLine, spawnApp } from './plain.js';
import { appEnv, type Child, cpuMsOf, spawnChild } from './procs.js';
import { type Bench, type Row, ratio } from './report.js';
import { answerClick, type Button, TEAM } from './slack.js';

const CONNECTIONS = 16;
const WARMUP_MS = 1_000;
const DURATION_MS = 5_000;
const ROUNDS = 3;
/** Check cards issued ahead of each app round, one per clicking member (about 2,000 are used). */
const CARDS_PER_ROUND = 20_000;

const watch = clickWatch();

let runId = 0;

const memberOf = (run: number, i: number) => `UQ${run}X${i}`;
const nonceOf = (run: number, i: number) => `bench-${run}-${i}`;

/**
 * The app takes an answer only on a card it issued to that member, so before an app round each
 * clicking member is given their card, as `/tutor quiz 5` would have (written straight into the
 * app's database, outside the measured time).
 */
function issueCards(dbPath: string, run: number, checkId: string): void {
  const db = new Database(dbPath);
  try {
    db.pragma('busy_timeout = 5000');
    const ws = `slack:${TEAM}`;
    const member = db.prepare<[string, string, number], { id: number }>(
      `INSERT INTO members (workspace_id, external_id, created_at) VALUES (?, ?, ?)
       ON CONFLICT (workspace_id, external_id) DO UPDATE SET external_id = excluded.external_id RETURNING id`,
    );
    const card = db.prepare('INSERT INTO check_cards (nonce, member_id, check_id, issued_at) VALUES (?, ?, ?, ?)');
    const now = Date.now();
    db.transaction(() => {
      for (let i = 0; i < CARDS_PER_ROUND; i++) {
        const row = member.get(ws, memberOf(run, i), now);
        if (row) card.run(nonceOf(run, i), row.id, checkId, now);
      }
    })();
  } finally {
    db.close();
  }
}

/** The button with this click's own nonce in its value. */

type Clicks = LoadResult & { lost: number; cpu: number };

async function clicks(target: Child, buttons: readonly Button[], apiUrl: string, dbPath?: string): Promise<Clicks> {
  const run = ++runId;
  const checkId = (JSON.parse(buttons[0]?.value ?? '{}') as { check?: string }).check ?? '';
  if (dbPath) issueCards(dbPath, run, checkId);
  const cpu0 = cpuMsOf(target.pid);
  let lost = 0;
  const tsOf = (i: number) => `${1_700_000_000 + run}.${String(i).padStart(6, '0')}`;
  const r = await closedLoop({
    port: target.port,
    connections: CONNECTIONS,
    warmupMs: WARMUP_MS,
    durationMs: DURATION_MS,
    maxRequests: 999_999, // ts keeps 6 digits
    // Every option in turn: right and wrong answers both get graded and recorded.
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
  // Every click has had its chat.update (or timed out) by now: the CPU covers the whole answer.
  return { ...r, lost, cpu: (cpuMsOf(target.pid) - cpu0) / r.started };
}

const line = (label: string, r: Clicks) =>
  `  ${label.padEnd(5)} ${num(r.rps).padStart(6)} answers/s  click→chat.update p50 ${ms(r.p50)}  p99 ${ms(r.p99)}  max ${ms(r.max)}  server CPU ${r.cpu.toFixed(3)} ms/answer  lost ${r.lost}`;

export const quizAnswers: Bench = {
  name: 'quiz',
  async run(): Promise<Row[]> {
    console.log(
      `\n# 2. Quiz answers (block_actions → grade → SQLite → chat.update) — ${CONNECTIONS} members at a time, ${WARMUP_MS / 1000} s warm-up + ${DURATION_MS / 1000} s, ${ROUNDS} alternating rounds`,
    );
    console.log(await serverLine());
    const dir = mkdtempSync(join(tmpdir(), 'bench-quiz-'));
    const dbPath = join(dir, 'tutor.db');
    const api = await startFakeApi({ onCall: watch.onCall });
    const children: Child[] = [];
    try {
      const app = await spawnApp('app', appEnv(api.url, dbPath));
      children.push(app);
      const bare = await spawnChild('bare', { SLACK_API_URL: `${api.url}/api/` });
      children.push(bare);
      const buttons = await watch.buttons(app, api, 'UQUIZSETUP');
      console.log(`  check card: ${buttons.length} answer buttons (${buttons.map((b) => b.action_id).join(', ')})`);

      const runs: Record<string, Clicks[]> = { app: [], bare: [] };
      let appUpdates = 0;
      for (let round = 0; round < ROUNDS; round++) {
        for (const target of round % 2 === 0 ? [app, bare] : [bare, app]) {
          const before = api.counts.get('chat.update') ?? 0;
          const r = await clicks(target, buttons, api.url, target === app ? dbPath : undefined);
          if (target === app) appUpdates += (api.counts.get('chat.update') ?? 0) - before;
          runs[target.role]?.push(r);
          console.log(line(target.role, r));
          await sleep(300);
        }
      }
      await app.stop();
      const db = new Database(dbPath, { readonly: true });
      const attempts = (db.prepare('SELECT count(*) AS n FROM quiz_attempts').get() as { n: number }).n;
      db.close();
      console.log(
        `  attempts in SQLite: ${num(attempts)}; chat.update calls from the app: ${num(appUpdates)} (each click is a new member, so these must match)`,
      );

      const a = runs.app ?? [];
      const b = runs.bare ?? [];
      const rpsA = median(a.map((r) => r.rps));
      const rpsB = median(b.map((r) => r.rps));
      const p99A = median(a.map((r) => r.p99));
      const p99B = median(b.map((r) => r.p99));
      const lost = a.reduce((n, r) => n + r.lost, 0);
      return [
        {
          bench: '2 quiz answers',
          figure: `answers/s, ${CONNECTIONS} at a time (median of ${ROUNDS})`,
          value: `${num(rpsA)}/s`,
          baseline: `${num(rpsB)}/s bare Bolt + chat.update`,
          ratio: ratio(rpsA, rpsB),
          target: 'every answer stored once, updated',
          met: lost === 0 && attempts === appUpdates,
        },
        {
          bench: '2 quiz answers',
          figure: 'click → chat.update p50 / p99',
          value: `${ms(median(a.map((r) => r.p50)))} / ${ms(p99A)}`,
          baseline: `${ms(median(b.map((r) => r.p50)))} / ${ms(p99B)}`,
          ratio: ratio(p99A, p99B),
          target: '—',
        },
        {
          bench: '2 quiz answers',
          figure: 'server CPU per answer',
          value: `${median(a.map((r) => r.cpu)).toFixed(3)} ms`,
          baseline: `${median(b.map((r) => r.cpu)).toFixed(3)} ms`,
          ratio: ratio(median(a.map((r) => r.cpu)), median(b.map((r) => r.cpu))),
          target: '—',
        },
      ];
    } finally {
      for (const c of children.reverse()) await c.stop();
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
