import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCall } from './fake-slack-api.js';
import { type SlackWorld, sign, startSlackWorld } from './harness.js';

type Message = {
  text: string;
  blocks: {
    type: string;
    text?: { text: string };
    elements?: { action_id: string; text?: { text: string }; value?: string }[];
  }[];
  response_type?: string;
  replace_original?: boolean;
};

const textOf = (m: { blocks?: unknown[]; text?: unknown }) => JSON.stringify(m.blocks ?? m.text);
const buttonLabels = (m: Message) =>
  m.blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []).map((e) => e.text?.text) : []));

let w: SlackWorld;
let seen = 0;
beforeAll(async () => {
  w = await startSlackWorld({ TUTOR_MANAGERS: 'UBOSS' });
});
afterAll(() => w.close());

/** The next response_url message after the ones a test has already looked at. */
async function nextResponse(predicate: (c: ApiCall) => boolean = () => true): Promise<Message> {
  const call = await w.api.waitFor('response_url', (c) => w.api.calls.indexOf(c) >= seen && predicate(c));
  seen = w.api.calls.indexOf(call) + 1;
  return call.body as unknown as Message;
}

describe('/tutor', () => {
  it('acknowledges at once and sends the next lesson only to the member, with its buttons', async () => {
    const started = performance.now();
    const res = await w.command('/tutor', '');
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(2_500);
    const msg = await nextResponse();
    expect(msg.response_type).toBe('ephemeral');
    expect(textOf(msg)).toContain('§3.1 What is training');
    expect(buttonLabels(msg)).toEqual(['Read full', 'Take the check', 'Next lesson', 'Explain a sentence']);
  });

  it('reads a lesson in full', async () => {
    await w.command('/tutor', 'lesson 3.4 full');
    const msg = await nextResponse();
    expect(textOf(msg)).toContain('Inference cost at scale');
    expect(textOf(msg)).toContain('The story');
  });

  it('"Read full" replaces the essentials in place', async () => {
    await w.command('/tutor', 'lesson 3.2');
    const essentials = await nextResponse();
    await w.click(essentials, /^lesson\.open:/);
    const full = await nextResponse();
    expect(full.replace_original).toBe(true);
    expect(textOf(full)).toContain('The story');
  });

  it('answers unknown words with the help text, not an error', async () => {
    await w.command('/tutor', 'dance please');
    const msg = await nextResponse();
    expect(textOf(msg)).toContain('I didn');
    expect(textOf(msg)).toContain('/tutor quiz');
  });

  it('shows the member their progress', async () => {
    await w.command('/tutor', 'progress');
    expect(textOf(await nextResponse())).toContain('Lessons read');
  });
});

/** A slash command's answer that came back in its acknowledgement (Slack posts it for the app). */
async function ackMessage(res: Response): Promise<Message> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  return (await res.json()) as Message;
}

describe('/cost', () => {
  let answer: Message;

  it('answers in the channel, in the acknowledgement itself, with the arithmetic and what-if buttons', async () => {
    const before = w.api.calls.length;
    answer = await ackMessage(await w.command('/cost', '1M queries/day at $0.01', { channel: 'C2' }));
    expect(answer.response_type).toBe('in_channel');
    expect(textOf(answer)).toContain('$10,000');
    expect(textOf(answer)).toContain('$3,650,000');
    expect(textOf(answer)).toContain('month = 30 days');
    expect(buttonLabels(answer).join(' ')).toContain('×10');
    expect(answer.text).toContain('$10,000');
    // Nothing else to call: the answer works even where the bot was never invited.
    await new Promise((r) => setTimeout(r, 200));
    expect(w.api.calls.length).toBe(before);
  });

  it('posts a what-if in the thread of the answer', async () => {
    await w.click(answer, /^cost\.whatif:/, { channel: 'C2', ephemeral: false, ts: '1700000555.000100' });
    const variant = await w.api.waitFor('chat.postMessage', (c) => c.body.thread_ts === '1700000555.000100');
    expect(textOf(variant.body)).toContain('$100,000');
  });

  it('answers a scenario it cannot read only to the asker, with a working example', async () => {
    const msg = await ackMessage(await w.command('/cost', '1M queries at', { channel: 'C3' }));
    expect(msg.response_type).toBe('ephemeral');
    expect(textOf(msg)).toMatch(/price/i);
  });

  it('answers a well-signed command it cannot read with a note, not silence', async () => {
    const msg = await ackMessage(await w.command('/cost', '1M queries at $1', { channel: 'not a channel' }));
    expect(msg.response_type).toBe('ephemeral');
    expect(textOf(msg)).toContain('/cost 1M queries/day at $0.01');
  });
});

describe('a member asking in a loop', () => {
  it('gets a friendly "one moment" after 30 estimates a minute, and others are not affected', async () => {
    for (let i = 0; i < 30; i++) {
      const msg = await ackMessage(
        await w.command('/cost', `${i + 1}k queries at $0.01`, { user: 'ULOOP', channel: 'CLOOP' }),
      );
      expect(msg.response_type).toBe('in_channel');
    }
    // Word for word one it answered before: a remembered answer still counts against the limit.
    const slow = await ackMessage(await w.command('/cost', '1k queries at $0.01', { user: 'ULOOP', channel: 'CLOOP' }));
    expect(slow.response_type).toBe('ephemeral');
    expect(textOf(slow)).toContain('faster than I can answer');
    const calm = await ackMessage(await w.command('/cost', '5 queries at $1', { user: 'UCALM', channel: 'CLOOP' }));
    expect(calm.response_type).toBe('in_channel');
    expect(textOf(calm)).toContain('$5');
  });
});

describe('requests Slack did not sign', () => {
  const form = new URLSearchParams({
    team_id: 'T1',
    user_id: 'U1',
    channel_id: 'C1',
    command: '/cost',
    text: '1M queries at $1',
    response_url: 'http://127.0.0.1:9/x',
  }).toString();

  it('refuses a bad signature with 401 and does nothing', async () => {
    const res = await w.post(form, 'form', sign(form, Math.floor(Date.now() / 1000), 'wrong-secret'));
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(w.api.called('chat.postMessage').filter((c) => textOf(c.body).includes('1M queries at $1'))).toEqual([]);
  });

  it('refuses a stale timestamp (a replayed request)', async () => {
    const res = await w.post(form, 'form', sign(form, Math.floor(Date.now() / 1000) - 60 * 10));
    expect(res.status).toBe(401);
  });

  it('refuses a request with no signature', async () => {
    const res = await w.post(form, 'form', {});
    expect(res.status).toBe(401);
  });
});

describe('concept checks in messages', () => {
  const attempts = async () => (await w.rows<{ n: number }>('select count(*) as n from quiz_attempts'))[0]?.n ?? 0;

  it('updates the check in place with the result, and a double click counts once', async () => {
    await w.command('/tutor', 'quiz 5', { user: 'U5' });
    const check = await nextResponse();
    const before = await attempts();
    await w.click(check, /^quiz\.answer:/, { user: 'U5' });
    const result = await nextResponse();
    expect(result.replace_original).toBe(true);
    expect(textOf(result)).toMatch(/Correct ✓|Not quite ✗/);
    await w.click(check, /^quiz\.answer:/, { user: 'U5' });
    const again = await nextResponse();
    expect(textOf(again)).toContain('already answered');
    expect(await attempts()).toBe(before + 1);
  });

  it('grades a full sort quiz placed in the message', async () => {
    await w.command('/tutor', 'quiz 1', { user: 'U6' });
    const quiz = await nextResponse();
    const selects = (
      quiz.blocks as {
        type: string;
        block_id?: string;
        accessory?: { type: string; action_id: string; options: { value: string; text: { text: string } }[] };
      }[]
    ).filter((b) => b.accessory?.type === 'static_select');
    expect(selects).toHaveLength(6);
    // The chapter's answer key, placed by the member: pre-training and fine-tuning are training, the rest
    // inference. The card shows the items in its own order, so each is matched by its id.
    const key = (select: string) => (/pretrain-70b|brand-voice-fine-tune/.test(select) ? 'training' : 'inference');
    const values: Record<string, Record<string, unknown>> = {};
    selects.forEach((b) => {
      const option = b.accessory?.options.find((o) => o.value === key(`${b.block_id} ${b.accessory?.action_id}`));
      values[b.block_id ?? ''] = { [b.accessory?.action_id ?? '']: { type: 'static_select', selected_option: option } };
    });
    await w.click(quiz, /^quiz\.sort:/, { user: 'U6', state: { values } });
    const result = await nextResponse();
    expect(result.replace_original).toBe(true);
    expect(textOf(result)).toContain('Correct ✓');
  });

  it('asks for every item when the sort is submitted half done, and records nothing', async () => {
    await w.command('/tutor', 'quiz 1', { user: 'U7' });
    const quiz = await nextResponse();
    const before = await attempts();
    await w.click(quiz, /^quiz\.sort:/, { user: 'U7', state: { values: {} } });
    const note = await nextResponse();
    expect(textOf(note)).toContain('Place every item');
    expect(note.replace_original).not.toBe(true);
    expect(await attempts()).toBe(before);
  });

  it('lets nobody answer for another member: a click on someone else’s card records nothing for either', async () => {
    await w.command('/tutor', 'quiz 3', { user: 'UOWNER' });
    const card = await nextResponse();
    const countFor = async (user: string) =>
      (
        await w.rows<{ n: number }>(
          'select count(*) as n from quiz_attempts a join members m on m.id = a.member_id where m.external_id = ?',
          [user],
        )
      )[0]?.n;
    await w.click(card, /^quiz\.answer:/, { user: 'UOTHER' });
    expect(textOf(await nextResponse())).toContain('shown to someone else');
    expect(await countFor('UOWNER')).toBe(0);
    expect(await countFor('UOTHER')).toBe(0);
  });

  it('refuses a forged button value without a crash', async () => {
    const before = await attempts();
    const forged = {
      blocks: [
        {
          type: 'actions',
          block_id: 'b',
          elements: [{ action_id: 'quiz.answer:0', value: JSON.stringify({ check: '../../etc', option: 'x' }) }],
        },
      ],
    };
    const res = await w.click(forged, 'quiz.answer:0', { user: 'U8' });
    expect(res.status).toBe(200);
    expect(textOf(await nextResponse())).toContain('out of date');
    expect(await attempts()).toBe(before);
  });
});

describe('manager report', () => {
  it('politely refuses a member who is not a manager', async () => {
    await w.command('/tutor', 'report', { user: 'U1' });
    expect(textOf(await nextResponse())).toContain('for managers');
  });

  it('refuses the CSV button to a non-manager, checked on the server', async () => {
    const fake = {
      blocks: [{ type: 'actions', block_id: 'b', elements: [{ action_id: 'report.csv:0', value: '{}' }] }],
    };
    await w.click(fake, 'report.csv:0', { user: 'U1' });
    expect(textOf(await nextResponse())).toContain('for managers');
    expect(w.api.called('files.getUploadURLExternal')).toHaveLength(0);
  });

  it('shows a manager the report, sends the CSV to their DM and nudges who has not done today’s check', async () => {
    await w.command('/tutor', 'report', { user: 'UBOSS' });
    const report = await nextResponse();
    expect(textOf(report)).toContain('Team report');
    expect(textOf(report)).toContain('Accuracy per concept');
    await w.click(report, /^report\.csv:/, { user: 'UBOSS' });
    const complete = await w.api.waitFor('files.completeUploadExternal');
    expect(JSON.stringify(complete.body)).toContain('DBOSS');
    const upload = await w.api.waitFor('upload');
    expect(String(upload.body.content)).toContain('member,lesson 3.1');
    await nextResponse((c) => textOf(c.body).includes('CSV sent'));
    await w.click(report, /^report\.nudge:/, { user: 'UBOSS' });
    const done = await nextResponse((c) => textOf(c.body).includes('Nudges sent'));
    expect(textOf(done)).toMatch(/Nudged \d+ member/);
    const nudges = w.api.called('chat.postMessage').filter((c) => textOf(c.body).includes("Today's concept check"));
    expect(nudges.length).toBeGreaterThan(0);
    // Once per member per day: a second click nudges nobody new.
    await w.click(report, /^report\.nudge:/, { user: 'UBOSS' });
    expect(textOf(await nextResponse((c) => textOf(c.body).includes('Nudges sent')))).toContain('Nudged 0 members');
  });
});

describe('events', () => {
  it('publishes App Home with the member’s progress', async () => {
    await w.event({ type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home', event_ts: '1' });
    const publish = await w.api.waitFor('views.publish', (c) => c.body.user_id === 'U1');
    expect(JSON.stringify(publish.body.view)).toContain('Your progress');
  });

  it('answers @Tutor cost … in the thread', async () => {
    await w.event({
      type: 'app_mention',
      user: 'U1',
      channel: 'C9',
      ts: '1700000900.000100',
      text: '<@UBOT> cost 10M requests/day at $0.002',
      event_ts: '1',
    });
    const post = await w.api.waitFor('chat.postMessage', (c) => c.body.channel === 'C9');
    expect(post.body.thread_ts).toBe('1700000900.000100');
    expect(textOf(post.body)).toContain('$20,000');
  });

  it('answers words in the DM', async () => {
    await w.event({
      type: 'message',
      channel_type: 'im',
      user: 'U1',
      channel: 'D1',
      ts: '1700000901.000100',
      text: 'lesson 3.6',
      event_ts: '1',
    });
    const post = await w.api.waitFor(
      'chat.postMessage',
      (c) => c.body.channel === 'D1' && textOf(c.body).includes('3.6'),
    );
    expect(textOf(post.body)).toContain('The latency problem');
  });

  it('never answers its own messages in the DM (Slack sends them back as events), nor other bots', async () => {
    const before = w.api.called('chat.postMessage').length;
    for (const own of [
      { user: 'UBOT', bot_id: 'BBOT' }, // as Slack sends a bot token's own post
      { bot_id: 'BOTHER', user: 'UOTHERBOT' }, // another app's bot in the DM
    ])
      await w.event({
        type: 'message',
        channel_type: 'im',
        channel: 'D1',
        ts: '1700000902.000100',
        text: 'lesson 3.6',
        event_ts: '2',
        ...own,
      });
    // Another app's bot mentioning the tutor in a channel: no answer either, or two bots could loop.
    await w.event({
      type: 'app_mention',
      user: 'UOTHERBOT',
      bot_id: 'BOTHER',
      channel: 'C9',
      ts: '1700000903.000100',
      text: '<@UBOT> cost 10M requests/day at $0.002',
      event_ts: '3',
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(w.api.called('chat.postMessage').length).toBe(before);
    expect(w.api.called('chat.postEphemeral').filter((c) => c.body.user === 'UOTHERBOT')).toEqual([]);
  });
});
