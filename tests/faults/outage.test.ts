import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedDueSchedules } from '../helpers/due-schedules.js';
import { startFakeSlack } from '../slack/fake-slack-api.js';
import { SIGNING_SECRET, sign } from '../slack/harness.js';
import { startServerProcess } from './server-process.js';

const dir = mkdtempSync(join(tmpdir(), 'outage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Slack Web API failing with 500s', () => {
  it('delivers when Slack recovers, and shows what still fails in the logs and the manager report', async () => {
    const dbPath = join(dir, 'tutor.db');
    await seedDueSchedules(dbPath, { id: 'slack:T1', platform: 'slack' }, ['CRECOVER', 'CBROKEN']);

    const api = await startFakeSlack();
    let recoverFailures = 0;
    api.override('chat.postMessage', (call) => {
      if (call.body.channel === 'CBROKEN') return { status: 500, body: 'upstream unavailable' };
      if (call.body.channel === 'CRECOVER' && recoverFailures < 2) {
        recoverFailures += 1;
        return { status: 500, body: 'upstream unavailable' };
      }
      return undefined;
    });
    const server = await startServerProcess({
      DATABASE_PATH: dbPath,
      LOG_LEVEL: 'warn',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: `${api.url}/api/`,
      SCHEDULER_TICK_MS: '100',
      TUTOR_MANAGERS: 'UBOSS',
    });
    try {
      const delivered = await api.waitFor(
        'chat.postMessage',
        (c) => c.body.channel === 'CRECOVER' && api.calls.filter((x) => x.body.channel === 'CRECOVER').indexOf(c) === 2,
        15_000,
      );
      expect(JSON.stringify(delivered.body)).toContain('What is training');
      // Failures are logged as they happen…
      expect(server.output()).toMatch(/"event":"daily\.(retry|deferred)".*"target":"CBROKEN"/);
      // …and a manager sees the channel that is not getting its lessons.
      const form = new URLSearchParams({
        team_id: 'T1',
        user_id: 'UBOSS',
        channel_id: 'C1',
        command: '/tutor',
        text: 'report',
        response_url: `${api.url}/response/report`,
      }).toString();
      const res = await fetch(`${server.base}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(form) },
        body: form,
      });
      expect(res.status).toBe(200);
      const report = await api.waitFor('response_url', (c) => JSON.stringify(c.body).includes('Team report'));
      expect(JSON.stringify(report.body)).toContain('Daily lessons not delivered');
      expect(JSON.stringify(report.body)).toContain('CBROKEN');
      expect(JSON.stringify(report.body)).not.toContain('CRECOVER');
      expect(api.calls.filter((c) => c.method === 'chat.postMessage' && c.body.channel === 'CRECOVER')).toHaveLength(3);
    } finally {
      await server.kill();
      await api.close();
    }
  });
});
