import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start } from '../../src/main.js';
import { seedDueSchedules } from '../helpers/due-schedules.js';
import { databaseEnv, testRows } from '../support/test-database.js';
import { startFakeSlack } from './fake-slack-api.js';
import { SIGNING_SECRET, type SlackWorld, startSlackWorld } from './harness.js';

const textOf = (m: unknown) => JSON.stringify(m);

describe('/tutor daily', () => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await startSlackWorld();
  });
  afterAll(() => w.close());

  it('subscribes a channel, lists it and turns it off', async () => {
    // The member names a channel they are in (Slack lists them in it).
    w.api.channels.set('C0DAILY', ['U1']);
    await w.command('/tutor', 'daily <#C0DAILY|learning> 09:00 Europe/Berlin weekdays');
    const on = await w.api.waitFor('response_url', (c) => textOf(c.body).includes('Daily lessons are on'));
    expect(textOf(on.body)).toContain('09:00 Europe/Berlin');
    await w.command('/tutor', 'daily list');
    const list = await w.api.waitFor('response_url', (c) => textOf(c.body).includes('Daily lessons you can change'));
    // The channel is a link in Slack's own mention syntax, not escaped text.
    expect(textOf(list.body)).toContain('<#C0DAILY>');
    await w.command('/tutor', 'daily off <#C0DAILY|learning>');
    await w.api.waitFor('response_url', (c) => textOf(c.body).includes('are off'));
  });

  it('explains a time zone it does not know, with an example', async () => {
    await w.command('/tutor', 'daily 09:00 Mars/Olympus');
    const msg = await w.api.waitFor('response_url', (c) => textOf(c.body).includes('IANA'));
    expect(textOf(msg.body)).toContain('/tutor daily 09:00');
  });
});

describe('daily delivery', () => {
  const dir = mkdtempSync(join(tmpdir(), 'daily-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('posts each due lesson exactly once, through 429s and across a restart', async () => {
    const database = await databaseEnv(dir);
    await seedDueSchedules(database, { id: 'slack:T1', platform: 'slack' }, ['CD1', 'CD2', 'CD3']);

    const api = await startFakeSlack();
    // Slack rate-limits the first post to each channel.
    const limited = new Set<string>();
    api.override('chat.postMessage', (call) => {
      const channel = String(call.body.channel);
      if (limited.has(channel)) return undefined;
      limited.add(channel);
      return { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } };
    });
    const env = {
      PORT: '0',
      ...database,
      LOG_LEVEL: 'error',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: `${api.url}/api/`,
      SCHEDULER_TICK_MS: '100',
    };
    const delivered = () =>
      api
        .called('chat.postMessage')
        .filter((c, i, all) => all.slice(0, i).some((p) => p.body.channel === c.body.channel));
    const first = await start(env);
    const deadline = Date.now() + 10_000;
    while (delivered().length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await first.stop();
    expect(
      delivered()
        .map((c) => c.body.channel)
        .sort(),
    ).toEqual(['CD1', 'CD2', 'CD3']);
    expect(textOf(delivered()[0]?.body)).toContain('What is training');

    // A restart on the same database sends nothing again.
    const second = await start(env);
    await new Promise((r) => setTimeout(r, 600));
    await second.stop();
    await api.close();
    expect(delivered()).toHaveLength(3);
    const check = testRows(database);
    const [sent] = await check.rows<{ n: number }>("select count(*) as n from deliveries where status = 'sent'");
    await check.close();
    expect(sent?.n).toBe(3);
  });
});
