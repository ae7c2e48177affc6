import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CardJson, cardOf, submitsOf, textOf } from './cards.js';
import { startTeamsWorld, type TeamsWorld, type Who } from './harness.js';
import { createValidator } from './render/validate.js';

let w: TeamsWorld;
const validator = createValidator();
beforeAll(async () => {
  w = await startTeamsWorld();
});
afterAll(async () => {
  validator.dispose();
  await w.close();
});

type Invoke = {
  task?: { type: string; value?: { title?: string; card?: { contentType: string; content: CardJson } } };
};

/** Posts an invoke and returns the dialog card the bot answered with. */
async function invoke(name: string, value: Record<string, unknown>, who?: Who): Promise<CardJson> {
  const res = await w.post({ ...w.activity('invoke', who), name, value });
  expect(res.status).toBe(200);
  const body = (await res.json()) as Invoke;
  expect(body.task?.type).toBe('continue');
  const card = body.task?.value?.card;
  expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  expect(validator.problems(card?.content)).toEqual([]);
  return card?.content as CardJson;
}

const pickerData = (card: CardJson) => {
  const submit = submitsOf(card).find((s) => s.data.action === 'explain.pick');
  expect(submit).toBeDefined();
  return submit?.data ?? {};
};

describe('explain in Teams, with no OpenAI key', () => {
  it('explain SENTENCE in the personal chat: "Explaining…", then the answer in its place', async () => {
    const before = w.connector.calls.length;
    const res = await w.message('explain Quantization makes inference cheaper at scale.');
    expect(res.status).toBe(200);
    const calls = w.connector.calls.slice(before).filter((c) => c.kind !== 'member');
    expect(calls.map((c) => c.kind)).toEqual(['reply', 'update']);
    expect(textOf(cardOf(calls[0] as never))).toContain('Explaining');
    const answer = cardOf(calls[1] as never);
    expect(textOf(answer)).toContain('In plain English');
    expect(textOf(answer)).toContain('Offline explanation from the glossary');
    expect(textOf(answer)).toMatch(/[Qq]uantization/);
  });

  it('in a channel, offers the explanation in a dialog instead of posting it for everyone', async () => {
    const before = w.connector.calls.length;
    await w.message('explain Inference is the ongoing variable cost.', { scope: 'channel' });
    const reply = w.connector.calls.slice(before).find((c) => c.kind === 'reply');
    const card = cardOf(reply as never);
    expect(textOf(card)).not.toContain('In plain English');
    const open = submitsOf(card).find((s) => s.title === 'Open the explanation');
    expect(open?.data.msteams).toEqual({ type: 'task/fetch' });
    const dialog = await invoke('task/fetch', { data: open?.data }, { scope: 'channel' });
    expect(textOf(dialog)).toContain('In plain English');
  });

  it('"Explain a sentence" on a lesson opens the picker in a dialog; picking one shows the explanation there', async () => {
    const before = w.connector.calls.length;
    await w.message('lesson 3.6');
    const lesson = cardOf(w.connector.calls.slice(before).find((c) => c.kind === 'reply') as never);
    const explain = submitsOf(lesson).find((s) => s.title === 'Explain a sentence');
    expect(explain?.data.msteams).toEqual({ type: 'task/fetch' });
    const picker = await invoke('task/fetch', { data: explain?.data });
    expect(textOf(picker)).toContain('one token after another');
    const answer = await invoke('task/submit', { data: { ...pickerData(picker), sel_sentence: '0' } });
    expect(textOf(answer)).toContain('In plain English');
    expect(textOf(answer)).toContain('§3.6');
  });

  it('the message action explains a sentence of any message, only in the dialog', async () => {
    const messagePayload = {
      body: {
        contentType: 'html',
        content: '<p>Fine-tuning teaches tone, not facts. Inference is paid per request.</p>',
      },
    };
    const picker = await invoke('composeExtension/fetchTask', {
      commandId: 'explainMessage',
      commandContext: 'message',
      messagePayload,
    });
    expect(textOf(picker)).toContain('Fine-tuning teaches tone, not facts.');
    const before = w.connector.calls.length;
    const answer = await invoke('composeExtension/submitAction', {
      commandId: 'explainMessage',
      data: { ...pickerData(picker), sel_sentence: '0' },
      messagePayload,
    });
    expect(textOf(answer)).toMatch(/[Ff]ine-tuning/);
    expect(w.connector.calls.slice(before).filter((c) => c.kind !== 'member')).toEqual([]);
  });

  it('an expired or forged picker gets a clear note, not an error', async () => {
    const answer = await invoke('task/submit', {
      data: { action: 'explain.pick', session: 'forged', sel_sentence: '0' },
    });
    expect(textOf(answer)).toContain('expired');
  });
});

/**
 * The Microsoft 365 Agents Playground and the Bot Framework Emulator show a `task/fetch` button as
 * dead. Activities shaped as they send them (the Playground: channel msteams, its connector at
 * http://localhost:PORT/_connector, a clientInfo entity; the Emulator: channel emulator) get the
 * same flows in the conversation.
 */
describe('explain in a client without dialogs', () => {
  const playground = (a: Record<string, unknown>) => ({
    ...a,
    serviceUrl: `${w.connector.url}_connector`,
    from: { id: 'user-id-0', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' },
    conversation: { ...(a.conversation as object), id: 'personal-chat-alex' },
    entities: [{ type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'UTC' }],
  });
  const emulator = (a: Record<string, unknown>) => ({
    ...a,
    channelId: 'emulator',
    conversation: { id: 'emulator-conversation-1' },
    channelData: undefined,
  });
  type Shape = (a: Record<string, unknown>) => Record<string, unknown>;

  /** Posts an activity as the client sends it; returns what the bot sent or updated in answer. */
  async function send(shape: Shape, extra: Record<string, unknown>) {
    const before = w.connector.calls.length;
    const res = await w.post({ ...shape(w.activity('message')), ...extra });
    expect(res.status).toBe(200);
    return w.connector.calls.slice(before).filter((c) => c.kind === 'reply' || c.kind === 'update');
  }
  const noDialogs = (card: CardJson) => {
    expect(JSON.stringify(card)).not.toContain('task/fetch');
    expect(validator.problems(card)).toEqual([]);
  };

  it('the Playground: "Explain a sentence" answers with the sentences as buttons, then the explanation', async () => {
    const [lessonCall] = await send(playground, { text: 'lesson 3.6', textFormat: 'plain' });
    const lesson = cardOf(lessonCall as never);
    noDialogs(lesson);
    const explain = submitsOf(lesson).find((s) => s.title === 'Explain a sentence');
    expect(explain).toBeDefined();

    const [pickerCall, ...more] = await send(playground, { replyToId: lessonCall?.responseId, value: explain?.data });
    expect(more).toEqual([]);
    expect(pickerCall?.kind).toBe('reply');
    const picker = cardOf(pickerCall as never);
    noDialogs(picker);
    const sentences = submitsOf(picker);
    const sentence = sentences.find((s) => s.title.includes('one token after another'));
    expect(sentence?.data.action).toBe('explain.pick');
    expect(sentences.at(-1)?.title).toBe('All of it');

    const calls = await send(playground, { replyToId: pickerCall?.responseId, value: sentence?.data });
    expect(calls.map((c) => c.kind)).toEqual(['reply', 'update']);
    expect(textOf(cardOf(calls[0] as never))).toContain('Explaining');
    const answer = cardOf(calls[1] as never);
    expect(textOf(answer)).toContain('In plain English');
    expect(textOf(answer)).toContain('one token after another');
    expect(textOf(answer)).toContain('§3.6');
  });

  it('the Playground: "Why?" on a result answers in the conversation, below the result', async () => {
    const [checkCall] = await send(playground, { text: 'quiz 5', textFormat: 'plain' });
    const check = cardOf(checkCall as never);
    const option = submitsOf(check).find((s) => s.data.action === 'quiz.answer');
    const [resultCall] = await send(playground, { replyToId: checkCall?.responseId, value: option?.data });
    const result = cardOf(resultCall as never);
    noDialogs(result);
    const why = submitsOf(result).find((s) => s.title === 'Why?');
    expect(why).toBeDefined();
    const calls = await send(playground, { replyToId: resultCall?.responseId, value: why?.data });
    expect(calls.map((c) => c.kind)).toEqual(['reply', 'update']);
    expect(calls[1]?.id).toBe(calls[0]?.responseId);
    expect(textOf(cardOf(calls[1] as never))).toContain('In plain English');
  });

  it('the Emulator: the same, from its channel id', async () => {
    const [lessonCall] = await send(emulator, { text: 'lesson 3.6', textFormat: 'plain' });
    const explain = submitsOf(cardOf(lessonCall as never)).find((s) => s.title === 'Explain a sentence');
    expect(explain?.data.msteams).toBeUndefined();
    const [pickerCall] = await send(emulator, { replyToId: lessonCall?.responseId, value: explain?.data });
    const all = submitsOf(cardOf(pickerCall as never)).find((s) => s.title === 'All of it');
    const calls = await send(emulator, { replyToId: pickerCall?.responseId, value: all?.data });
    expect(textOf(cardOf(calls.at(-1) as never))).toContain('In plain English');
  });

  it('a sentence button of someone else, or an expired one, gets a clear note', async () => {
    const calls = await send(playground, { value: { action: 'explain.pick', session: 'forged', pick: '0' } });
    expect(textOf(cardOf(calls.at(-1) as never))).toContain('expired');
  });
});
