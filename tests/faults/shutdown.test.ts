import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeSlack } from '../slack/fake-slack-api.js';
import { SIGNING_SECRET, sign } from '../slack/harness.js';
import { startServerProcess } from './server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SIGTERM', () => {
  it('stops taking requests but finishes the answer already in flight, then exits cleanly', async () => {
    const api = await startFakeSlack();
    // Slack is slow to tell who the member is: the answer is still being prepared when SIGTERM comes.
    api.override('users.info', (call) => ({
      body: {
        ok: true,
        user: { id: call.body.user, name: 'ada', tz: 'Europe/Berlin', profile: { display_name: 'Ada' } },
      },
      delayMs: 800,
    }));
    const server = await startServerProcess({
      DATABASE_PATH: join(dir, 'tutor.db'),
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: `${api.url}/api/`,
    });
    const form = new URLSearchParams({
      team_id: 'T1',
      user_id: 'U1',
      channel_id: 'C1',
      command: '/tutor',
      text: 'lesson 3.1',
      response_url: `${api.url}/response/1`,
    }).toString();
    const res = await fetch(`${server.base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(form) },
      body: form,
    });
    expect(res.status).toBe(200);
    await api.waitFor('users.info');
    const code = await server.terminate();
    expect(code).toBe(0);
    expect(JSON.stringify(api.called('response_url')[0]?.body)).toContain('What is training');
    await api.close();
  });
});
