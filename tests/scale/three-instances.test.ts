/**
 * Three server processes on one PostgreSQL, as behind a load balancer (issue 14): answers spread
 * over the instances are stored once and the report is the same from each; a daily fan-out split
 * between them reaches every channel once, also when one instance is SIGKILLed mid-way; and a
 * database restart under load loses no acknowledged answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChoiceCheck } from '../../src/core/content/schema.js';
import { createStore, type Sql, WEEKDAYS } from '../../src/store/index.js';
import { openPostgresDatabase } from '../../src/store/migrate-postgres.js';
import { type ServerProcess, startServerProcess } from '../faults/server-process.js';
import { realCatalog } from '../helpers/world.js';
import { clickAnswer, historyFromPosts } from '../slack/clicks.js';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.js';
import { SIGNING_SECRET, sign } from '../slack/harness.js';
import { type PostgresServer, startPostgres } from '../support/postgres.js';

const check = realCatalog().checks.find((c): c is ChoiceCheck => c.kind === 'choice') as ChoiceCheck;
const MEMBERS = 300;
const CHANNELS = 200;
const memberId = (i: number) => `U${String(i).padStart(4, '0')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let pg: PostgresServer;
beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(async () => {
  await pg?.dispose();
});

/** A fresh database with the schema, and a store on it for seeding and reading back. */
async function database(): Promise<{ url: string; sql: Sql; store: ReturnType<typeof createStore> }> {
  const url = await pg.createDatabase();
  const sql = await openPostgresDatabase(url, { poolSize: 4 });
  return { url, sql, store: createStore(sql) };
}

function envFor(url: string, api: FakeSlack, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: '5',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_API_URL: `${api.url}/api/`,
    TUTOR_MANAGERS: 'UMGR',
    ...extra,
  };
}

/** Every member has been shown a check card (nonce `n-<member>`), as after their own `/tutor quiz`. */
async function seedMembers(store: ReturnType<typeof createStore>): Promise<void> {
  await store.workspaces.ensure({ id: 'slack:T1', platform: 'slack' });
  await store.transaction(async () => {
    for (let i = 0; i < MEMBERS; i++) {
      const m = await store.members.ensure({ workspaceId: 'slack:T1', externalId: memberId(i), timeZone: 'UTC' });
      await store.checkCards.issue({ nonce: `n-${memberId(i)}`, memberId: m.id, checkId: check.id });
    }
  });
}

function post(base: string, body: string, type: string): Promise<Response> {
  return fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': type, ...sign(body) }, body });
}

/** A member clicks an option on their check card; Slack's response URL tells this click from others. */
const click = (base: string, api: FakeSlack, who: string, tag: string) =>
  clickAnswer(base, {
    user: who,
    check: check.id,
    option: check.options[1]?.id,
    nonce: `n-${who}`,
    responseUrl: `${api.url}/response/${tag}`,
  });

function slash(base: string, api: FakeSlack, who: string, text: string, tag: string): Promise<Response> {
  const body = new URLSearchParams({
    command: '/tutor',
    text,
    user_id: who,
    team_id: 'T1',
    channel_id: 'D1',
    response_url: `${api.url}/response/${tag}`,
    trigger_id: 't',
  }).toString();
  return post(base, body, 'application/x-www-form-urlencoded');
}

/** Runs `tasks` with at most `width` in flight. */
async function pool<T>(tasks: (() => Promise<T>)[], width: number): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await (tasks[i] as () => Promise<T>)();
      }
    }),
  );
  return out;
}

const textOf = (call: { body: Record<string, unknown> }) => JSON.stringify(call.body.blocks ?? call.body.text ?? '');

async function servers(n: number, env: Record<string, string>): Promise<ServerProcess[]> {
  return Promise.all(Array.from({ length: n }, () => startServerProcess(env)));
}

describe('three instances on one PostgreSQL', () => {
  it('stores every answer once wherever it lands, and every instance reports the same', async () => {
    const db = await database();
    await seedMembers(db.store);
    const api = await startFakeSlack();
    const hosts = await servers(3, envFor(db.url, api));
    try {
      // Each click lands on one instance and Slack's retry of it on the next: two hosts, one answer.
      const statuses = await pool(
        Array.from({ length: MEMBERS }, (_, i) => async () => {
          const who = memberId(i);
          const [a, b] = await Promise.all([
            click((hosts[i % 3] as ServerProcess).base, api, who, `a-${who}`),
            click((hosts[(i + 1) % 3] as ServerProcess).base, api, who, `b-${who}`),
          ]);
          return [a.status, b.status];
        }),
        12,
      );
      expect(statuses.flat().filter((s) => s !== 200)).toEqual([]);
      for (let i = 0; i < MEMBERS; i++) {
        const who = memberId(i);
        await api.waitFor('response_url', (c) => c.path === `/response/a-${who}`, 10_000);
        await api.waitFor('response_url', (c) => c.path === `/response/b-${who}`, 10_000);
      }
      const rows = await db.sql.all<{ member_id: number; n: number }>(
        'SELECT member_id, count(*) AS n FROM quiz_attempts GROUP BY member_id',
      );
      expect(rows.length).toBe(MEMBERS);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      const progress = await db.sql.all<{ checks_done: string }>('SELECT checks_done FROM member_progress');
      expect(progress.length).toBe(MEMBERS);
      expect(progress.every((p) => p.checks_done === check.id)).toBe(true);

      // The manager's report, asked of each instance: the same card three times.
      for (const [i, host] of hosts.entries())
        expect((await slash(host.base, api, 'UMGR', 'report', `report-${i}`)).status).toBe(200);
      const reports = await Promise.all(
        [0, 1, 2].map((i) => api.waitFor('response_url', (c) => c.path === `/response/report-${i}`, 10_000)),
      );
      const texts = reports.map(textOf);
      expect(texts[0]).toContain('300');
      expect(new Set(texts).size).toBe(1);
    } finally {
      await Promise.all(hosts.map((h) => h.kill()));
      await api.close();
      await db.sql.close();
    }
  });

  it('posts each due channel exactly once across the instances, also when one is killed mid-way', async () => {
    const db = await database();
    const yesterday = Date.now() - 86_400_000;
    const seeding = createStore(db.sql, { now: () => yesterday });
    await seeding.workspaces.ensure({ id: 'slack:T1', platform: 'slack' });
    const channels = Array.from({ length: CHANNELS }, (_, i) => `C${String(i).padStart(4, '0')}`);
    await seeding.transaction(async () => {
      for (const target of channels)
        await seeding.schedules.upsert({
          workspaceId: 'slack:T1',
          platform: 'slack',
          target,
          timeOfDay: '00:00',
          timeZone: 'UTC',
          weekdays: [...WEEKDAYS],
          createdBy: 'seed',
        });
    });
    const api = await startFakeSlack();
    // Slack keeps what it accepted, and a take-over reads the channel's history before posting again.
    historyFromPosts(api);
    api.override('chat.postMessage', (call) => ({
      body: { ok: true, channel: call.body.channel, ts: '1.0' },
      delayMs: 300,
    }));
    const hosts = await servers(3, envFor(db.url, api, { SCHEDULER_TICK_MS: '100', SCHEDULER_LEASE_MS: '1500' }));
    const posted = () => api.called('chat.postMessage');
    try {
      while (posted().length < 40) await sleep(5);
      await (hosts[0] as ServerProcess).kill();
      const deadline = Date.now() + 40_000;
      while (new Set(posted().map((c) => c.body.channel)).size < CHANNELS && Date.now() < deadline) await sleep(50);
      await sleep(2_500); // past another lease: nothing more may arrive
      const perChannel = new Map<string, number>();
      for (const c of posted())
        perChannel.set(String(c.body.channel), (perChannel.get(String(c.body.channel)) ?? 0) + 1);
      expect([...perChannel.keys()].sort()).toEqual(channels);
      const repeated = [...perChannel].filter(([, n]) => n !== 1);
      expect(repeated).toEqual([]);
      const sent = await db.sql.get<{ n: number }>("SELECT count(*) AS n FROM deliveries WHERE status = 'sent'");
      expect(sent?.n).toBe(CHANNELS);
    } finally {
      await Promise.all(hosts.map((h) => h.kill()));
      await api.close();
      await db.sql.close();
    }
  });

  it('keeps every acknowledged answer when PostgreSQL restarts under load, and recovers by itself', async () => {
    const db = await database();
    await seedMembers(db.store);
    const api = await startFakeSlack();
    const hosts = await servers(3, envFor(db.url, api));
    try {
      let restarted = false;
      const results = await pool(
        Array.from({ length: MEMBERS }, (_, i) => async () => {
          const who = memberId(i);
          if (i === 100) {
            await pg.restart('immediate'); // a crash: only what was committed survives
            restarted = true;
          }
          const res = await click((hosts[i % 3] as ServerProcess).base, api, who, `r-${who}`).catch(() => undefined);
          return { who, status: res?.status };
        }),
        8,
      );
      expect(restarted).toBe(true);
      // What the member saw: a graded answer (acknowledged, so it must be stored) or "try again".
      const acknowledged: string[] = [];
      const refused: string[] = [];
      for (const { who, status } of results) {
        if (status !== 200) continue;
        const call = await api.waitFor('response_url', (c) => c.path === `/response/r-${who}`, 10_000);
        if (/couldn.t save|could not finish/i.test(textOf(call))) refused.push(who);
        else acknowledged.push(who);
      }
      const stored = new Set(
        (
          await db.sql.all<{ external_id: string }>(
            'SELECT m.external_id FROM quiz_attempts a JOIN members m ON m.id = a.member_id',
          )
        ).map((r) => r.external_id),
      );
      for (const who of acknowledged) expect(stored.has(who), who).toBe(true);
      expect(acknowledged.length).toBeGreaterThan(MEMBERS / 2);

      // Back by itself: /healthz is 200 on every instance and a refused member's retry is stored.
      for (const host of hosts) {
        const deadline = Date.now() + 15_000;
        let status = 0;
        while (Date.now() < deadline && status !== 200) {
          status = (await fetch(`${host.base}/healthz`)).status;
          if (status !== 200) await sleep(200);
        }
        expect(status).toBe(200);
      }
      for (const who of refused)
        expect((await click((hosts[0] as ServerProcess).base, api, who, `again-${who}`)).status).toBe(200);
      for (const who of refused) {
        const call = await api.waitFor('response_url', (c) => c.path === `/response/again-${who}`, 10_000);
        expect(textOf(call)).not.toMatch(/couldn.t save|could not finish/i);
      }
    } finally {
      await Promise.all(hosts.map((h) => h.kill()));
      await api.close();
      await db.sql.close();
    }
  });
});
