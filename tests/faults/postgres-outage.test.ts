/**
 * PostgreSQL goes away under a running instance: /healthz says 503 and names the database, a member
 * is told to try again (not silence, not a false "saved"), and when the server is back the instance
 * recovers by itself: healthy again, and the same answer is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChoiceCheck } from '../../src/core/content/schema.js';
import { createStore } from '../../src/store/index.js';
import { openPostgresDatabase } from '../../src/store/migrate-postgres.js';
import { realCatalog } from '../helpers/world.js';
import { clickAnswer } from '../slack/clicks.js';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.js';
import { SIGNING_SECRET } from '../slack/harness.js';
import { type PostgresServer, startPostgres } from '../support/postgres.js';
import { startServerProcess } from './server-process.js';

const check = realCatalog().checks.find((c): c is ChoiceCheck => c.kind === 'choice') as ChoiceCheck;
let pg: PostgresServer;
beforeAll(async () => {
  pg = await startPostgres();
}, 60_000);
afterAll(async () => {
  await pg?.dispose();
});

const click = (base: string, api: FakeSlack, tag: string) =>
  clickAnswer(base, {
    user: 'U1',
    check: check.id,
    option: check.options[0]?.id,
    nonce: 'n1',
    responseUrl: `${api.url}/response/${tag}`,
  });

const said = (call: { body: Record<string, unknown> }) => JSON.stringify(call.body);

describe('PostgreSQL unreachable under a running instance', () => {
  it('answers 503 naming the database, tells the member to try again, and recovers by itself', async () => {
    const url = await pg.createDatabase();
    const seed = await openPostgresDatabase(url);
    const store = createStore(seed);
    await store.workspaces.ensure({ id: 'slack:T1', platform: 'slack' });
    const u1 = await store.members.ensure({ workspaceId: 'slack:T1', externalId: 'U1' });
    await store.checkCards.issue({ nonce: 'n1', memberId: u1.id, checkId: check.id });
    await seed.close();

    const api = await startFakeSlack();
    const server = await startServerProcess({
      DATABASE_URL: url,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: `${api.url}/api/`,
    });
    try {
      expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
      await pg.stop('immediate');

      // A passed probe is trusted for 5 s (so an open /healthz cannot make the database write on demand).
      let health = await fetch(`${server.base}/healthz`);
      for (const until = Date.now() + 8_000; health.status === 200 && Date.now() < until; ) {
        await new Promise((r) => setTimeout(r, 250));
        health = await fetch(`${server.base}/healthz`);
      }
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'unavailable', reason: 'database', detail: 'unavailable' });
      expect((await click(server.base, api, 'down')).status).toBe(200);
      const refused = await api.waitFor('response_url', (c) => c.path === '/response/down', 15_000);
      expect(said(refused)).toMatch(/couldn.t save that/);

      await pg.start();
      const deadline = Date.now() + 15_000;
      let status = 0;
      while (status !== 200 && Date.now() < deadline) {
        status = (await fetch(`${server.base}/healthz`)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect(status).toBe(200);
      expect((await click(server.base, api, 'back')).status).toBe(200);
      const graded = await api.waitFor('response_url', (c) => c.path === '/response/back', 15_000);
      expect(said(graded)).not.toMatch(/couldn.t save/);
      expect(server.output()).not.toMatch(/"level":"(fatal)"/);
    } finally {
      await server.kill();
      await api.close();
    }
    const check2 = await openPostgresDatabase(url);
    const rows = await check2.all<{ n: number }>('SELECT count(*) AS n FROM quiz_attempts');
    await check2.close();
    expect(rows[0]?.n).toBe(1);
  });

  it("still shows the member their graded answer when its write outlasts Slack's 3 s", async () => {
    const url = await pg.createDatabase();
    const seed = await openPostgresDatabase(url);
    const store = createStore(seed);
    await store.workspaces.ensure({ id: 'slack:T1', platform: 'slack' });
    const u1 = await store.members.ensure({ workspaceId: 'slack:T1', externalId: 'U1' });
    await store.checkCards.issue({ nonce: 'n1', memberId: u1.id, checkId: check.id });
    const api = await startFakeSlack();
    const server = await startServerProcess({
      DATABASE_URL: url,
      DATABASE_STATEMENT_TIMEOUT_MS: '20000',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: `${api.url}/api/`,
    });
    try {
      // Another transaction holds the member's roll-up row for 3.5 s: the answer waits for it.
      const held = seed.transaction(async () => {
        await seed.run(
          "INSERT INTO member_progress (member_id, lessons_read, checks_done, checks_passed) VALUES (?, '', '', '') ON CONFLICT (member_id) DO UPDATE SET member_id = excluded.member_id",
          [u1.id],
        );
        await new Promise((r) => setTimeout(r, 3_500));
      });
      await new Promise((r) => setTimeout(r, 100));
      await click(server.base, api, 'slow');
      await held;
      const shown = await api.waitFor('response_url', (c) => c.path === '/response/slow', 15_000);
      expect(said(shown)).not.toMatch(/Something went wrong|couldn.t save/);
      expect(said(shown)).toMatch(/Correct|Not quite|✓|✗/);
      expect((await seed.get<{ n: number }>('SELECT count(*) AS n FROM quiz_attempts'))?.n).toBe(1);
    } finally {
      await server.kill();
      await api.close();
      await seed.close();
    }
  });
});
