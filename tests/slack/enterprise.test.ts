/**
 * An Enterprise Grid org that installed the app org-wide: Slack keeps one installation for the org
 * (stored under `E:<org>`), while members, schedules and the scheduler know only their workspace.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Running, start } from '../../src/main.js';
import { seedDueSchedules } from '../helpers/due-schedules.js';
import { databaseEnv } from '../support/test-database.js';
import { startFakeSlack } from './fake-slack-api.js';
import { SIGNING_SECRET, sign } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'grid-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function install(app: Running): Promise<void> {
  const base = `http://127.0.0.1:${app.port}`;
  const page = await fetch(`${base}/slack/install`, { redirect: 'manual' });
  const state = new URL(page.headers.get('location') ?? '').searchParams.get('state') ?? '';
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const done = await fetch(`${base}/slack/oauth_redirect?code=abc&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
    redirect: 'manual',
  });
  expect(done.status).toBeLessThan(400);
}

describe('an org-wide (Enterprise Grid) install', () => {
  it('posts a workspace’s daily lessons with the org’s installation', async () => {
    const api = await startFakeSlack();
    api.override('oauth.v2.access', () => ({
      body: {
        ok: true,
        app_id: 'A1',
        authed_user: { id: 'UADMIN' },
        scope: 'commands,chat:write',
        token_type: 'bot',
        access_token: `xoxb-org-${randomBytes(8).toString('hex')}`,
        bot_user_id: 'UBOT',
        team: null,
        enterprise: { id: 'E1', name: 'Org' },
        is_enterprise_install: true,
      },
    }));
    const database = await databaseEnv(dir);
    const env = {
      PORT: '0',
      ...database,
      LOG_LEVEL: 'error',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_CLIENT_ID: '123.456',
      SLACK_CLIENT_SECRET: 'client-secret',
      SLACK_STATE_SECRET: 'state-secret',
      SLACK_API_URL: `${api.url}/api/`,
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      SCHEDULER_TICK_MS: '100',
    };
    const first = await start(env);
    try {
      await install(first);
      // A member of workspace T5, in the org, sets up daily lessons where they type.
      const form = new URLSearchParams({
        team_id: 'T5',
        enterprise_id: 'E1',
        is_enterprise_install: 'true',
        user_id: 'U5',
        channel_id: 'CGRID',
        command: '/tutor',
        text: 'daily 09:00 Europe/Berlin weekdays',
        response_url: `${api.url}/response/grid`,
      }).toString();
      const res = await fetch(`http://127.0.0.1:${first.port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(form) },
        body: form,
      });
      expect(res.status).toBe(200);
      await api.waitFor('response_url', (c) => JSON.stringify(c.body).includes('Daily lessons are on'));
    } finally {
      await first.stop();
    }
    // A lesson of that workspace falls due: the scheduler posts it with the org's token.
    await seedDueSchedules(database, { id: 'slack:T5', platform: 'slack' }, ['CDUE']);
    const second = await start(env);
    try {
      const post = await api.waitFor('chat.postMessage', (c) => c.body.channel === 'CDUE', 10_000);
      expect(JSON.stringify(post.body)).toContain('What is training');
    } finally {
      await second.stop();
      await api.close();
    }
  });
});
