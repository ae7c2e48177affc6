/**
 * Text an attacker controls reaches Teams as text, end to end: real activities through the real
 * CloudAdapter, a fake Bot Connector receiving the cards, and a fake OpenAI server whose answer is
 * hostile. Assertions are on the Adaptive Card JSON the connector received.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completion, type FakeOpenAI, startFakeOpenAI } from '../../explain/fake-openai.js';
import { expectInertTeams, HOSTILE, teamsMarkdownTexts } from '../../views/hostile.js';
import { cardOf, clickData, textOf } from '../cards.js';
import type { ConnectorCall } from '../fake-connector.js';
import { BOT, startTeamsWorld, type TeamsWorld, type Who } from '../harness.js';

let w: TeamsWorld;
let ai: FakeOpenAI;
beforeAll(async () => {
  ai = await startFakeOpenAI();
  w = await startTeamsWorld({
    TUTOR_MANAGERS: 'aad-boss',
    OPENAI_API_KEY: 'sk-test-key-123456',
    OPENAI_BASE_URL: ai.baseUrl,
  });
});
afterAll(async () => {
  await w.close();
  await ai.close();
});

interface As extends Who {
  readonly name?: string;
  readonly conversationName?: string;
}

/** Posts a message (as a member with any display name, in a conversation with any name); returns what the bot sent. */
async function say(text: string, who: As = {}): Promise<ConnectorCall[]> {
  const a = w.activity('message', who) as Record<string, Record<string, unknown>>;
  if (who.name) a.from = { ...a.from, name: who.name };
  if (who.conversationName) a.conversation = { ...a.conversation, name: who.conversationName };
  const mention = `<at>${BOT.name}</at>`;
  const personal = (who.scope ?? 'personal') === 'personal';
  const before = w.connector.calls.length;
  const res = await w.post({
    ...a,
    text: personal ? text : `${mention} ${text}`,
    textFormat: 'plain',
    ...(personal ? {} : { entities: [{ type: 'mention', text: mention, mentioned: BOT }] }),
  });
  expect(res.status).toBe(200);
  return w.connector.calls.slice(before).filter((c) => c.kind !== 'member');
}

const lastCard = (calls: readonly ConnectorCall[]) => cardOf(calls[calls.length - 1] as ConnectorCall);

describe('untrusted text in Teams', () => {
  it('cost: a masked link and formatting in the scenario are refused, quoted as text', async () => {
    const calls = await say('cost 1M queries/day at $0.01 [x](https:evil.example) ~~x~~ _y_ *b*');
    const card = lastCard(calls);
    expect(textOf(card)).toContain("Couldn't estimate that");
    expectInertTeams(teamsMarkdownTexts(card));
  });

  it('a display name: in the shared check card’s byline and in the manager’s report', async () => {
    const channel: As = { user: 'evil', name: HOSTILE, scope: 'channel' };
    const check = await say('quiz 5', channel);
    const before = w.connector.calls.length;
    const click = w.activity('message', channel) as Record<string, Record<string, unknown>>;
    const res = await w.post({
      ...click,
      from: { ...click.from, name: HOSTILE },
      replyToId: String(check[0]?.responseId),
      value: clickData(lastCard(check), 'quiz.answer'),
    });
    expect(res.status).toBe(200);
    const result = w.connector.calls.slice(before).find((c) => c.kind === 'update');
    const byline = teamsMarkdownTexts(cardOf(result as ConnectorCall));
    expect(byline.join('\n')).toContain('Answered by \\[Claim your bonus\\]');
    expectInertTeams(byline);
    await say('progress', { user: 'evil', name: HOSTILE });
    const report = lastCard(await say('report', { user: 'boss' }));
    const texts = teamsMarkdownTexts(report);
    expect(texts.join('\n')).toContain('\\[Claim your bonus\\]');
    expectInertTeams(texts);
  });

  it('a channel or chat name, in the list of daily lessons', async () => {
    await say('daily 09:00 Europe/Berlin weekdays', { user: 'ann', scope: 'groupChat', conversationName: HOSTILE });
    const list = teamsMarkdownTexts(lastCard(await say('daily list', { user: 'ann' })));
    expect(list.join('\n')).toContain('\\[Claim your bonus\\]');
    expectInertTeams(list);
  });

  it('the model’s explanation cannot carry a link, HTML or a mention', async () => {
    ai.reply({ status: 200, json: completion({ explanation: HOSTILE, analogy: HOSTILE.slice(0, 290) }) });
    const calls = await say('explain Inference is the ongoing variable cost.');
    const answer = calls.find((c) => c.kind === 'update');
    const texts = teamsMarkdownTexts(cardOf(answer as ConnectorCall));
    expect(texts.join('\n')).toContain('Explained by');
    expect(texts.join('\n')).toContain('\\[Claim your bonus\\]');
    expectInertTeams(texts);
  });
});
