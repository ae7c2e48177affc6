import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChoiceCheck } from '../../src/core/content/schema.js';
import { createStore, openDatabase } from '../../src/store/index.js';
import { seedDueSchedules } from '../helpers/due-schedules.js';
import { realCatalog } from '../helpers/world.js';
import { clickAnswer, historyFromPosts } from '../slack/clicks.js';
import { startFakeSlack } from '../slack/fake-slack-api.js';
import { SIGNING_SECRET } from '../slack/harness.js';
import { startServerProcess } from './server-process.js';

const dirs: string[] = [];
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'faults-'));
  dirs.push(dir);
  return join(dir, 'tutor.db');
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const check = realCatalog().checks.find((c): c is ChoiceCheck => c.kind === 'choice') as ChoiceCheck;

const answer = (base: string, responseUrl: string, nonce: string) =>
  clickAnswer(base, { user: 'U1', check: check.id, option: check.options[0]?.id, nonce, responseUrl, channel: 'C1' });

describe('SIGKILL in the middle of a stream of quiz answers', () => {
  it('keeps every acknowledged answer, once, across the restart', async () => {
    const api = await startFakeSlack();
    const env = {
      DATABASE_PATH: tempDb(),
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: `${api.url}/api/`,
    };
    // The server only takes answers on check cards it issued: U1 was shown a card for each nonce.
    const seed = openDatabase(env.DATABASE_PATH);
    const store = createStore(seed);
    await store.transaction(async () => {
      await store.workspaces.ensure({ id: 'slack:T1', platform: 'slack' });
      const u1 = await store.members.ensure({ workspaceId: 'slack:T1', externalId: 'U1' });
      for (let i = 1; i <= 2_000; i++)
        await store.checkCards.issue({ nonce: `n${i}`, memberId: u1.id, checkId: check.id });
    });
    seed.close();
    let server = await startServerProcess(env);
    const acked: string[] = [];
    let n = 0;
    let stop = false;
    // Four members' worth of answers in flight at once, until the process dies under them.
    const worker = async () => {
      while (!stop && n < 2_000) {
        const nonce = `n${++n}`;
        try {
          const res = await answer(server.base, `${api.url}/response/${nonce}`, nonce);
          if (res.status === 200) acked.push(nonce);
        } catch {
          return; // the connection died with the process: not acknowledged
        }
      }
    };
    const workers = [worker(), worker(), worker(), worker()];
    while (acked.length < 60) await new Promise((r) => setTimeout(r, 5));
    await server.kill();
    stop = true;
    await Promise.all(workers);

    server = await startServerProcess(env);
    // Slack retries some of them after the restart: still one attempt each.
    for (const nonce of acked.slice(0, 10))
      expect((await answer(server.base, `${api.url}/response/r${nonce}`, nonce)).status).toBe(200);
    await server.kill();
    await api.close();

    const db = new Database(env.DATABASE_PATH, { readonly: true });
    const keys = db.prepare<[], string>('SELECT idempotency_key FROM quiz_attempts').pluck().all();
    const rolled = db.prepare<[], string>('SELECT checks_done FROM member_progress').pluck().all();
    db.close();
    const stored = new Set(keys);
    expect(stored.size).toBe(keys.length);
    for (const nonce of acked) expect(stored.has(`slack:T1:U1|${check.id}|${nonce}`), nonce).toBe(true);
    expect(rolled).toEqual([check.id]);
  });
});

describe('SIGKILL in the middle of a daily fan-out', () => {
  it('gets every channel its lesson exactly once after the restart', async () => {
    const dbPath = tempDb();
    const channels = Array.from({ length: 40 }, (_, i) => `CF${String(i).padStart(3, '0')}`);
    await seedDueSchedules(dbPath, { id: 'slack:T1', platform: 'slack' }, channels);

    const api = await startFakeSlack();
    // Slack keeps what it accepted: history answers with the posts (and their metadata) it has seen.
    historyFromPosts(api);
    // Slack accepts each post at once but answers slowly, so the kill lands while accepted posts
    // are not yet recorded as sent: the restarted server must find them in the history.
    api.override('chat.postMessage', (call) => ({
      body: { ok: true, channel: call.body.channel, ts: '1.0' },
      delayMs: 400,
    }));
    const env = {
      DATABASE_PATH: dbPath,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: `${api.url}/api/`,
      SCHEDULER_TICK_MS: '100',
      SCHEDULER_LEASE_MS: '1500',
    };
    const posted = () => api.called('chat.postMessage');
    let server = await startServerProcess(env);
    while (posted().length < 12) await new Promise((r) => setTimeout(r, 5));
    await server.kill();
    const beforeRestart = posted().length;
    expect(beforeRestart).toBeLessThan(channels.length);

    server = await startServerProcess(env);
    const deadline = Date.now() + 20_000;
    while (new Set(posted().map((c) => c.body.channel)).size < channels.length && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 2_000)); // past another lease: nothing more may arrive
    await server.kill();
    await api.close();

    const perChannel = new Map<string, number>();
    for (const c of posted()) perChannel.set(String(c.body.channel), (perChannel.get(String(c.body.channel)) ?? 0) + 1);
    expect([...perChannel.keys()].sort()).toEqual(channels);
    expect(
      [...perChannel.values()].every((count) => count === 1),
      JSON.stringify([...perChannel]),
    ).toBe(true);
    expect(api.called('conversations.history').length).toBeGreaterThan(0);
  });
});
