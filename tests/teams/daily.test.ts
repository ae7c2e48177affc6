import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { start } from '../../src/main.js';
import { seedDueSchedules } from '../helpers/due-schedules.js';
import { databaseEnv, testRows } from '../support/test-database.js';
import { cardOf, cardProblems, textOf } from './cards.js';
import { startFakeConnector } from './fake-connector.js';
import { baseActivity, CHANNEL_ID, GROUP_CHAT, TENANT } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'teams-daily-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const until = async (done: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
};

describe('daily prompts sent proactively', () => {
  it('posts the due lesson exactly once through a 429, gives up on a removed bot, and sends nothing again after a restart', async () => {
    const connector = await startFakeConnector();
    const database = await databaseEnv(dir);
    const env = {
      PORT: '0',
      ...database,
      LOG_LEVEL: 'error',
      SCHEDULER_TICK_MS: '100',
      TEAMS_LOCAL_CLIENTS: '1',
    };

    // The bot hears from a channel and a group chat: their references are stored.
    const first = await start(env);
    for (const scope of ['channel', 'groupChat'] as const) {
      const activity = { ...baseActivity(connector.url, 'message', { scope, user: 'kim' }), text: 'hello' };
      const res = await fetch(`http://127.0.0.1:${first.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      expect(res.status).toBe(200);
    }
    await first.stop();

    await seedDueSchedules(database, { id: `teams:${TENANT}`, platform: 'teams' }, [CHANNEL_ID, GROUP_CHAT]);

    // Teams throttles the channel's first send (Retry-After: 1 s); the bot was removed from the group chat.
    let throttled = false;
    connector.override('send', (call) => {
      if (call.conversationId === GROUP_CHAT)
        return { status: 403, body: { error: { code: 'BotNotInConversationRoster' } } };
      if (throttled) return undefined;
      throttled = true;
      return { status: 429, headers: { 'retry-after': '1' }, body: { error: { code: 'Throttled' } } };
    });
    const sends = () => connector.calls.filter((c) => c.kind === 'send');
    const toChannel = () => sends().filter((c) => c.conversationId === CHANNEL_ID);
    const second = await start(env);
    await until(() => toChannel().length >= 2 && sends().some((c) => c.conversationId === GROUP_CHAT));
    await new Promise((r) => setTimeout(r, 300));
    await second.stop();

    const [limited, delivered] = toChannel();
    expect(toChannel()).toHaveLength(2);
    // The scheduler waited out Retry-After (plus jitter) before the one delivery.
    expect((delivered?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
    if (!delivered) throw new Error('the lesson was not delivered');
    const card = cardOf(delivered);
    expect(textOf(card)).toContain("Today's lesson");
    expect(textOf(card)).toContain('What is training');
    expect(delivered.body.replyToId).toBeUndefined();
    expect(sends().filter((c) => c.conversationId === GROUP_CHAT)).toHaveLength(1);

    // A restart on the same database sends nothing again.
    const third = await start(env);
    await new Promise((r) => setTimeout(r, 500));
    await third.stop();
    expect(sends()).toHaveLength(3);
    await connector.close();

    const check = testRows(database);
    const rows = await check.rows(
      'select s.target, d.status, d.attempts, d.last_error from deliveries d join schedules s on s.id = d.schedule_id order by s.target',
    );
    await check.close();
    // Two attempts in the ledger: the retry was the scheduler's, not hidden inside the HTTP client.
    expect(rows).toEqual([
      { target: CHANNEL_ID, status: 'sent', attempts: 2, last_error: 'HTTP 429 Throttled' },
      {
        target: GROUP_CHAT,
        status: 'failed',
        attempts: 1,
        last_error: 'permanent: HTTP 403 BotNotInConversationRoster',
      },
    ]);
    expect(cardProblems(sends())).toEqual([]);
  });
});
