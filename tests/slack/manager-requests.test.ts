import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCall } from './fake-slack-api.js';
import { clickPayload, type SlackWorld, sign, startSlackWorld } from './harness.js';

type Message = { blocks: unknown[] };
const textOf = (m: { blocks?: unknown[]; text?: unknown }) => JSON.stringify(m.blocks ?? m.text);
const ENV = { TUTOR_MANAGERS: 'UBOSS' };

/** A `/tutor` command body as Slack sends it, answered at `/response/<id>`; posting it twice is a replay. */
const commandBody = (world: SlackWorld, text: string, user: string, id: string): string =>
  new URLSearchParams({
    token: 'deprecated',
    team_id: 'T1',
    team_domain: 'acme',
    channel_id: 'C1',
    channel_name: 'general',
    user_id: user,
    user_name: user.toLowerCase(),
    command: '/tutor',
    text,
    api_app_id: 'A1',
    response_url: `${world.api.url}/response/${id}`,
    trigger_id: `trigger-${id}`,
  }).toString();

const clickBody = (world: SlackWorld, message: Message, action: RegExp, id: string) =>
  new URLSearchParams({
    payload: JSON.stringify(
      clickPayload(message, action, { user: 'UBOSS', responseUrl: `${world.api.url}/response/${id}` }),
    ),
  }).toString();

/** What the app sent to one response URL. */
const answersAt = (world: SlackWorld, id: string): ApiCall[] =>
  world.api.calls.filter((c) => c.path === `/response/${id}`);
const answerAt = (world: SlackWorld, id: string) =>
  world.api.waitFor('response_url', (c) => c.path === `/response/${id}`);

/** The Slack ids of the members marked nudged today. */
const nudgedMembers = async (world: SlackWorld): Promise<string[]> =>
  (
    await world.rows<{ id: string }>(
      'select m.external_id as id from nudges n join members m on m.id = n.member_id order by 1',
    )
  ).map((r) => r.id);

let barrier = 0;
/** Sends a fresh request and waits for its answer, so whatever was posted before it has been handled. */
async function settle(world: SlackWorld): Promise<void> {
  const id = `settle-${++barrier}`;
  await world.post(commandBody(world, 'help', 'USETTLE', id), 'form');
  await answerAt(world, id);
}

async function reportCard(world: SlackWorld, id: string): Promise<Message> {
  await world.post(commandBody(world, 'report', 'UBOSS', id), 'form');
  return (await answerAt(world, id)).body as unknown as Message;
}

let w: SlackWorld;
beforeAll(async () => {
  w = await startSlackWorld(ENV);
  // Three members who have not answered a check today.
  for (const user of ['UA', 'UB', 'UC']) {
    await w.post(commandBody(w, 'lesson', user, `lesson-${user}`), 'form');
    await answerAt(w, `lesson-${user}`);
  }
});
afterAll(() => w.close());

describe('nudge: each member’s DM fails on its own', () => {
  it('nudges the others when one DM fails, and lets the failed member be nudged again later', async () => {
    w.api.override('conversations.open', (call) =>
      call.body.users === 'UB' ? { body: { ok: false, error: 'cannot_dm_bot' } } : undefined,
    );
    const card = await reportCard(w, 'nudge-report');
    const sentBefore = w.api.called('chat.postMessage').length;
    await w.post(clickBody(w, card, /^report\.nudge:/, 'nudge-1'), 'form');
    const done = await answerAt(w, 'nudge-1');
    expect(textOf(done.body)).toContain('1 could not be sent just now');
    const dms = w.api
      .called('chat.postMessage')
      .slice(sentBefore)
      .filter((c) => textOf(c.body).includes("Today's concept check"))
      .map((c) => c.body.channel);
    expect(dms).toEqual(expect.arrayContaining(['DA', 'DC']));
    expect(dms).not.toContain('DB');

    // The failed member is not marked nudged: once Slack lets us, the next click reaches them.
    const nudged = await nudgedMembers(w);
    expect(nudged).toEqual(expect.arrayContaining(['UA', 'UC']));
    expect(nudged).not.toContain('UB');
    w.api.override('conversations.open', () => undefined);
    const before = w.api.called('chat.postMessage').length;
    await w.post(clickBody(w, card, /^report\.nudge:/, 'nudge-2'), 'form');
    expect(textOf((await answerAt(w, 'nudge-2')).body)).toContain('Nudged 1 member');
    expect(
      w.api
        .called('chat.postMessage')
        .slice(before)
        .map((c) => c.body.channel),
    ).toEqual(['DB']);
  });
});

describe('nudge: a DM that Slack refuses to post', () => {
  it('still nudges the others, and does not mark the member whose message failed', async () => {
    for (const user of ['UD', 'UE']) {
      await w.post(commandBody(w, 'lesson', user, `lesson-${user}`), 'form');
      await answerAt(w, `lesson-${user}`);
    }
    w.api.override('chat.postMessage', (call) =>
      call.body.channel === 'DD' ? { body: { ok: false, error: 'msg_too_long' } } : undefined,
    );
    const card = await reportCard(w, 'nudge-post-report');
    const before = w.api.called('chat.postMessage').length;
    await w.post(clickBody(w, card, /^report\.nudge:/, 'nudge-post'), 'form');
    const done = textOf((await answerAt(w, 'nudge-post')).body);
    w.api.override('chat.postMessage', () => undefined);
    expect(done).toContain('Nudged 1 member');
    expect(done).toContain('1 could not be sent just now');
    const tried = w.api
      .called('chat.postMessage')
      .slice(before)
      .map((c) => c.body.channel);
    expect(tried).toEqual(expect.arrayContaining(['DD', 'DE']));
    const nudged = await nudgedMembers(w);
    expect(nudged).toContain('UE');
    expect(nudged).not.toContain('UD');
  });
});

describe('replayed manager requests are served once', () => {
  it('answers the report command once when the same signed request arrives twice', async () => {
    const body = commandBody(w, 'report', 'UBOSS', 'replay-report');
    const headers = sign(body);
    expect((await w.post(body, 'form', headers)).status).toBe(200);
    await answerAt(w, 'replay-report');
    expect((await w.post(body, 'form', headers)).status).toBe(200);
    await settle(w);
    expect(answersAt(w, 'replay-report')).toHaveLength(1);
  });

  it('sends the CSV and the nudges once for a replayed click', async () => {
    const card = await reportCard(w, 'replay-card');
    const csv = clickBody(w, card, /^report\.csv:/, 'replay-csv');
    const csvHeaders = sign(csv);
    const uploads = () => w.api.called('files.completeUploadExternal').length;
    const before = uploads();
    expect((await w.post(csv, 'form', csvHeaders)).status).toBe(200);
    await answerAt(w, 'replay-csv');
    expect((await w.post(csv, 'form', csvHeaders)).status).toBe(200);
    await settle(w);
    expect(uploads()).toBe(before + 1);
    expect(answersAt(w, 'replay-csv')).toHaveLength(1);

    const nudge = clickBody(w, card, /^report\.nudge:/, 'replay-nudge');
    const nudgeHeaders = sign(nudge);
    await w.post(nudge, 'form', nudgeHeaders);
    await answerAt(w, 'replay-nudge');
    await w.post(nudge, 'form', nudgeHeaders);
    await settle(w);
    expect(answersAt(w, 'replay-nudge')).toHaveLength(1);
  });

  it('remembers a served request across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slack-replay-'));
    const first = await startSlackWorld(ENV, dir);
    const body = commandBody(first, 'report', 'UBOSS', 'before-restart');
    const headers = sign(body);
    await first.post(body, 'form', headers);
    await answerAt(first, 'before-restart');
    await first.app.stop();
    // The same database, a new process; the replay still points at the first fake Slack.
    const second = await startSlackWorld(ENV, dir);
    try {
      expect((await second.post(body, 'form', headers)).status).toBe(200);
      await settle(second);
      expect(answersAt(first, 'before-restart')).toHaveLength(1);
    } finally {
      await second.close();
      await first.api.close();
    }
  });
});
