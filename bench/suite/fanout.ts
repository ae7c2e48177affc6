/**
 * Benchmark 4: daily fan-out. 1,000 channel schedules, made "yesterday" for 00:00 UTC every day
 * (so all are due now, as in tests/slack/daily.test.ts), and the server started with a 50 ms
 * scheduler tick against a local Web API that allows one post per second per channel and answers
 * 10% of posts with 429 and `Retry-After: 1`. Every channel must get its lesson exactly once
 * (accepted posts per channel, and the deliveries ledger). Baseline in the same run: the same
 * fan-out with no 429s at all, which is the ideal (see IDEAL below).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore, openDatabase } from '../../src/store/index.js';
import { type FakeApiOptions, startFakeApi } from './fake-api.js';
import { median, ms, num, sleep } from './load.js';
import { serverLine, spawnApp } from './plain.js';
import { appEnv } from './procs.js';
import { type Bench, type Row, ratio } from './report.js';

const CHANNELS = 1_000;
const ROUNDS = 3;
const DEADLINE_MS = 120_000;
/** After the last post, how long we keep listening for a duplicate. */
const QUIET_MS = 2_000;
const LIMITS: FakeApiOptions = { perChannelMs: 1_000, limitedShare: 0.1, retryAfterS: 1 };
/**
 * IDEAL = (k − 1) × 1 s + T_round, with k = 1 lesson per channel (the per-channel limit of one a
 * second never binds) and T_round = one round of 1,000 posts with nothing rate-limited, measured
 * in the same run: effectively one round.
 */
const NO_LIMITS: FakeApiOptions = { perChannelMs: 1_000, limitedShare: 0 };

interface FanOut {
  /** First post call to the last accepted post. */
  readonly ms: number;
  readonly channelsOnce: number;
  readonly channelsTwice: number;
  readonly ledgerSent: number;
  readonly ledgerOther: number;
  readonly limited: { random: number; perChannel: number };
  readonly calls: number;
  /** The most 429s any one channel got: it cannot finish before that many Retry-After waits. */
  readonly worst429s: number;
}

async function seed(dbPath: string): Promise<void> {
  const db = openDatabase(dbPath);
  const yesterday = Date.now() - 86_400_000;
  const store = createStore(db, { now: () => yesterday });
  await store.workspaces.ensure({ id: 'slack:T1', platform: 'slack' });
  await store.transaction(async () => {
    for (let i = 0; i < CHANNELS; i++)
      await store.schedules.upsert({
        workspaceId: 'slack:T1',
        platform: 'slack',
        target: `C${String(i).padStart(6, '0')}`,
        timeOfDay: '00:00',
        timeZone: 'UTC',
        weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        createdBy: 'U1',
      });
  });
  db.close();
}

async function fanOut(options: FakeApiOptions, seedValue: number): Promise<FanOut> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-fanout-'));
  const dbPath = join(dir, 'tutor.db');
  await seed(dbPath);
  let first = Number.NaN;
  let last = Number.NaN;
  const api = await startFakeApi({
    ...options,
    seed: seedValue,
    onCall: (method, _fields, at, accepted) => {
      if (method !== 'chat.postMessage') return;
      if (Number.isNaN(first)) first = at;
      if (accepted) last = at;
    },
  });
  const app = await spawnApp('app', appEnv(api.url, dbPath, { SCHEDULER_TICK_MS: '50' }));
  try {
    const delivered = () => [...api.posts.values()].reduce((n, c) => n + c, 0);
    const started = Date.now();
    while (delivered() < CHANNELS && Date.now() - started < DEADLINE_MS) await sleep(20);
    await sleep(QUIET_MS);
  } finally {
    await app.stop();
    await api.close();
  }
  const db = openDatabase(dbPath);
  const ledger = db.prepare('SELECT status, count(*) AS n FROM deliveries GROUP BY status').all() as {
    status: string;
    n: number;
  }[];
  db.close();
  rmSync(dir, { recursive: true, force: true });
  const counts = [...api.posts.values()];
  return {
    ms: last - first,
    channelsOnce: counts.filter((c) => c === 1).length,
    channelsTwice: counts.filter((c) => c > 1).length,
    ledgerSent: ledger.find((r) => r.status === 'sent')?.n ?? 0,
    ledgerOther: ledger.filter((r) => r.status !== 'sent').reduce((n, r) => n + r.n, 0),
    limited: { ...api.limited },
    calls: api.counts.get('chat.postMessage') ?? 0,
    worst429s: Math.max(0, ...api.rejected.values()),
  };
}

const exactlyOnce = (r: FanOut) =>
  r.channelsOnce === CHANNELS && r.channelsTwice === 0 && r.ledgerSent === CHANNELS && r.ledgerOther === 0;

const describe = (label: string, r: FanOut) =>
  `  ${label.padEnd(18)} ${ms(r.ms).padStart(10)}  posts ${num(r.calls)} (429: ${r.limited.random} random, ${r.limited.perChannel} per-channel; at most ${r.worst429s} on one channel)  channels with exactly one lesson ${num(r.channelsOnce)}/${num(CHANNELS)}, more than one ${r.channelsTwice}  ledger sent ${num(r.ledgerSent)}, other ${r.ledgerOther}`;

export const fanout: Bench = {
  name: 'fanout',
  async run(): Promise<Row[]> {
    console.log(
      `\n# 4. Daily fan-out — ${num(CHANNELS)} channels due at the same minute, scheduler tick 50 ms, ${ROUNDS} alternating rounds`,
    );
    console.log(await serverLine());
    const runs = { ideal: [] as FanOut[], limited: [] as FanOut[] };
    for (let r = 0; r < ROUNDS; r++) {
      for (const kind of r % 2 === 0 ? (['ideal', 'limited'] as const) : (['limited', 'ideal'] as const)) {
        const result = await fanOut(kind === 'ideal' ? NO_LIMITS : LIMITS, 100 + r);
        runs[kind].push(result);
        console.log(describe(kind === 'ideal' ? 'no 429 (ideal)' : '10% 429, 1/s/chan', result));
      }
    }
    const limited = median(runs.limited.map((r) => r.ms));
    const ideal = median(runs.ideal.map((r) => r.ms));
    const allOnce = [...runs.limited, ...runs.ideal].every(exactlyOnce);
    const worst = median(runs.limited.map((r) => r.worst429s));
    console.log(
      `  ideal = (k − 1) × 1 s + T_round, k = 1 lesson per channel → one round, measured: ${ms(ideal)} (median)\n` +
        `  with 429s: ${ms(limited)}, ${ms(limited - ideal)} more; floor ≈ n × 1 s Retry-After for the channel 429'd n times (median n = ${worst}), and the app adds up to 0.25 s jitter per retry`,
    );
    return [
      {
        bench: '4 daily fan-out',
        figure: `${num(CHANNELS)} channels, 10% 429 + 1/s/channel (median of ${ROUNDS})`,
        value: ms(limited),
        baseline: `${ms(ideal)} ideal: one round, no 429`,
        ratio: ratio(limited, ideal),
        target: 'each channel exactly once',
        met: allOnce,
      },
    ];
  },
};
