/**
 * Text an attacker controls reaches Slack as text, end to end: through the real Bolt receiver,
 * signed commands, a fake Slack Web API (whose users.info gives the hostile display name) and a
 * fake OpenAI server (whose answer is hostile). Assertions are on the Block Kit Slack received.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completion, type FakeOpenAI, startFakeOpenAI } from '../../explain/fake-openai.js';
import { expectInertMrkdwn, HOSTILE, mrkdwnTexts } from '../../views/hostile.js';
import { type SlackWorld, startSlackWorld } from '../harness.js';

const textOf = (body: unknown) => JSON.stringify(body);

let w: SlackWorld;
let ai: FakeOpenAI;
beforeAll(async () => {
  ai = await startFakeOpenAI();
  w = await startSlackWorld({
    TUTOR_MANAGERS: 'UBOSS',
    OPENAI_API_KEY: 'sk-test-key-123456',
    OPENAI_BASE_URL: ai.baseUrl,
  });
});
afterAll(async () => {
  await w.close();
  await ai.close();
});

describe('untrusted text in Slack', () => {
  it('/cost: formatting tricks in the scenario are refused to the member only, quoted as text', async () => {
    const res = await w.command('/cost', '1M queries/day at $0.01 ~~x~~ _y_ `z` *b* <https://evil.example|z>', {
      channel: 'C7',
    });
    const answer = (await res.json()) as { response_type: string; text: string; blocks: unknown[] };
    expect(answer.response_type).toBe('ephemeral');
    const texts = [...mrkdwnTexts(answer.blocks), answer.text];
    expect(texts.join('\n')).toContain("Couldn't estimate that");
    expectInertMrkdwn(texts);
  });

  it('the manager report: a display name with a masked link, a mention and formatting stays text', async () => {
    w.api.users.set('UEVIL', { name: HOSTILE });
    await w.command('/tutor', 'progress', { user: 'UEVIL' });
    const own = await w.api.waitFor('response_url', (c) => textOf(c.body).includes('Your progress'));
    expectInertMrkdwn(mrkdwnTexts(own.body));
    await w.command('/tutor', 'report', { user: 'UBOSS' });
    const report = await w.api.waitFor('response_url', (c) => textOf(c.body).includes('Team report'));
    const texts = mrkdwnTexts(report.body);
    expect(texts.join('\n')).toContain('[Claim your bonus](https://evil.example/x)');
    expectInertMrkdwn(texts);
  });

  it('the model’s explanation (then cached for others) cannot carry a link or a mention', async () => {
    ai.reply({ status: 200, json: completion({ explanation: HOSTILE, analogy: HOSTILE.slice(0, 290) }) });
    await w.command('/explain', 'Inference is the ongoing variable cost.', { user: 'UEX' });
    const first = await w.api.waitFor('response_url', (c) => textOf(c.body).includes('Explained by'));
    expect(textOf(first.body)).toContain('Claim your bonus');
    expectInertMrkdwn(mrkdwnTexts(first.body));
    // A second member gets the cached answer: still text.
    await w.command('/explain', 'Inference is the ongoing variable cost.', { user: 'UEX2' });
    const cached = await w.api.waitFor('response_url', (c) => textOf(c.body).includes('From the cache'));
    expect(textOf(cached.body)).toContain('Claim your bonus');
    expectInertMrkdwn(mrkdwnTexts(cached.body));
  });
});
