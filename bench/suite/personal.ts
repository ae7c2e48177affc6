/**
 * Benchmark: personal fan-out. 10,000 enrolled members whose 00:00 UTC fell at the same instant, the
 * real personal runner (real store file, real Tutor and composer: each DM is the member's next lesson
 * with its check) and the server's Slack DirectSender (src/slack/sender.ts: Slack's WebClient, the
 * card rendered to Block Kit) posting to a local Web API (dm-api.ts) inside this process, which
 * enforces Slack's one post per second per conversation and a workspace-wide rate, and answers 10%
 * of posts 429 with `Retry-After: 1`. Every member must get exactly one DM (accepted posts per
 * member, and the ledger).
 *
 * The ideal the limits allow: the workspace rate W is the binding limit (each member's conversation
 * gets one message, so 1/s per conversation never binds), and with a share p of posts refused at
 * random, N members need N / (1 − p) posts on average; after a burst B at once, that takes
 * (N / (1 − p) − B) / W seconds. Printed next to the measured time, with the ratio (target ≤ 1.25×).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { personalComposer } from '../../src/app/personal.js';
import { Tutor } from '../../src/app/tutor.js';
import { loadCatalog } from '../../src/content/load.js';
import { defaultContentDir } from '../../src/content/paths.js';
import { createPersonalRunner } from '../../src/scheduler/personal-runner.js';
import { createLogger } from '../../src/server/log.js';
import { createStore, openDatabase } from '../../src/store/index.js';
import { type DmApiOptions, httpDmSender, slackDmSender, startDmApi } from './dm-api.js';
import { num, sleep } from './load.js';
import { type Bench, type Row, ratio } from './report.js';

const MEMBERS = Number(process.env.PERSONAL_MEMBERS ?? 10_000);
/**
 * Slack publishes no workspace-wide figure for chat.postMessage: the bench sets 300 posts a second.
 * The runner paces to it with bursts of 50; the server tolerates bursts of 100, as Slack tolerates
 * short bursts, so the jitter of HTTP on a busy machine is not counted as the runner's fault.
 */
const WORKSPACE = { count: 300, burst: 50 };
const API: DmApiOptions = {
  limitedShare: 0.1,
  perChannelMs: 1_000,
  workspace: { count: WORKSPACE.count, burst: 2 * WORKSPACE.burst },
  retryAfterS: 1,
  seed: 15,
};
const DEADLINE_MS = 180_000;
/** After the last DM, how long we keep listening for a duplicate. */
const QUIET_MS = 1_500;

async function seed(dbPath: string): Promise<void> {
  const db = openDatabase(dbPath);
  const yesterday = Date.now() - 86_400_000;
  const store = createStore(db, { now: () => yesterday });
  await store.transaction(async () => {
    await store.workspaces.ensure({ id: 'slack:T1', platform: 'slack' });
    for (let i = 0; i < MEMBERS; i++) {
      const m = await store.members.ensure({
        workspaceId: 'slack:T1',
        externalId: `U${String(i).padStart(6, '0')}`,
        timeZone: 'UTC',
      });
      await store.personalSchedules.set({
        memberId: m.id,
        timeOfDay: '00:00',
        weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        timeZone: 'UTC',
        selfSet: false,
        enrolledBy: 'UMANAGER',
      });
    }
  });
  db.close();
}

export interface PersonalRun {
  ms: number;
  idealMs: number;
  calls: number;
  limited: { random: number; perChannel: number; workspace: number };
  once: number;
  more: number;
  ledgerSent: number;
}

export async function personalFanOut(): Promise<PersonalRun> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-personal-'));
  const dbPath = join(dir, 'tutor.db');
  await seed(dbPath);
  const api = await startDmApi(API);
  const db = openDatabase(dbPath);
  const store = createStore(db);
  let n = 0;
  const tutor = new Tutor({ catalog: loadCatalog(defaultContentDir()), store, now: Date.now, nonce: () => `b${++n}` });
  const runner = createPersonalRunner({
    store,
    // PERSONAL_SENDER=http: the tiny client instead, to see what Slack's WebClient costs.
    sender: process.env.PERSONAL_SENDER === 'http' ? httpDmSender(api.url) : slackDmSender(api.url, store, tutor),
    composer: personalComposer({ tutor, store, now: Date.now }),
    log: createLogger('error'),
    workerId: `bench:${process.pid}`,
    tickMs: 500,
    limits: {
      slack: {
        perConversation: { count: 1, intervalMs: API.perChannelMs },
        perWorkspace: { count: WORKSPACE.count, intervalMs: 1_000, burst: WORKSPACE.burst },
      },
    },
    concurrency: 64,
    batchSize: 100,
  });
  try {
    const started = Date.now();
    runner.start();
    while (api.accepted.size < MEMBERS && Date.now() - started < DEADLINE_MS) await sleep(20);
    await sleep(QUIET_MS);
  } finally {
    await runner.stop();
    await api.close();
  }
  const ledgerSent = db
    .prepare<[], number>("SELECT count(*) FROM personal_deliveries WHERE kind = 'lesson' AND status = 'sent'")
    .pluck()
    .get() as number;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  const counts = [...api.accepted.values()];
  if (process.env.PERSONAL_TIMELINE) {
    const per = new Map<number, number>();
    for (const a of api.arrivals) {
      const slot = Math.floor((a - api.span.first) / 250);
      per.set(slot, (per.get(slot) ?? 0) + 1);
    }
    console.log([...per.entries()].map(([k, v]) => `${(k / 4).toFixed(2)}s:${v}`).join(' '));
  }
  const posts = MEMBERS / (1 - API.limitedShare);
  return {
    ms: api.span.last - api.span.first,
    idealMs: ((posts - WORKSPACE.burst) / WORKSPACE.count) * 1_000,
    calls: api.calls,
    limited: { ...api.limited },
    once: counts.filter((c) => c === 1).length,
    more: counts.filter((c) => c > 1).length,
    ledgerSent,
  };
}

export const personal: Bench = {
  name: 'personal',
  async run(): Promise<Row[]> {
    console.log(
      `\n# Personal fan-out — ${num(MEMBERS)} members due at the same instant, DMs over HTTP to a local Web API: 1 post/s per conversation, ${WORKSPACE.count}/s per workspace (burst ${WORKSPACE.burst}), 10% answered 429 + Retry-After 1 s`,
    );
    const r = await personalFanOut();
    const s = (x: number) => `${(x / 1000).toFixed(2)} s`;
    console.log(
      `  measured ${s(r.ms)}  ideal ${s(r.idealMs)}  ratio ${ratio(r.ms, r.idealMs)}\n` +
        `  posts ${num(r.calls)} (429: ${r.limited.random} random, ${r.limited.perChannel} per-conversation, ${r.limited.workspace} workspace)` +
        `  members with exactly one DM ${num(r.once)}/${num(MEMBERS)}, more than one ${r.more}, ledger sent ${num(r.ledgerSent)}\n` +
        `  ideal = (N / (1 − p) − burst) / W = (${num(MEMBERS)} / 0.9 − ${WORKSPACE.burst}) / ${WORKSPACE.count} per s`,
    );
    const once = r.once === MEMBERS && r.more === 0 && r.ledgerSent === MEMBERS;
    return [
      {
        bench: 'personal fan-out',
        figure: `${num(MEMBERS)} DMs, 10% 429, 1/s/conversation, ${WORKSPACE.count}/s/workspace`,
        value: s(r.ms),
        baseline: `${s(r.idealMs)} ideal from the limits`,
        ratio: ratio(r.ms, r.idealMs),
        target: '≤ 1.25× and each member exactly once',
        met: once && r.ms <= 1.25 * r.idealMs,
      },
    ];
  },
};
