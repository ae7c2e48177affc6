import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completion, type FakeOpenAI, startFakeOpenAI } from '../explain/fake-openai.js';
import { type SlackWorld, startSlackWorld } from './harness.js';

const textOf = (m: unknown) => JSON.stringify(m);

describe('explain with no OpenAI key (a fresh machine)', () => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await startSlackWorld();
  });
  afterAll(() => w.close());

  it('/explain shows "Explaining…" at once, then replaces it with the glossary explanation, only for the asker', async () => {
    await w.command('/explain', 'Quantization makes inference cheaper at scale.', { user: 'UEX' });
    const placeholder = await w.api.waitFor('response_url', (c) => textOf(c.body).includes('Explaining'));
    expect(placeholder.body.response_type).toBe('ephemeral');
    const answer = await w.api.waitFor(
      'response_url',
      (c) => c.body.replace_original === true && textOf(c.body).includes('In plain English'),
    );
    expect(answer.body.response_type).toBe('ephemeral');
    expect(textOf(answer.body)).toContain('Offline explanation from the glossary');
    expect(textOf(answer.body)).toMatch(/[Qq]uantization/);
    expect(w.api.called('chat.postMessage').filter((c) => textOf(c.body).includes('In plain English'))).toEqual([]);
  });

  it('asks for a sentence when /explain comes alone', async () => {
    await w.command('/explain', '', { user: 'UEX' });
    await w.api.waitFor('response_url', (c) => textOf(c.body).includes('Type the sentence after'));
  });
});

describe('explain with OpenAI', () => {
  let w: SlackWorld;
  let ai: FakeOpenAI;
  beforeAll(async () => {
    ai = await startFakeOpenAI();
    w = await startSlackWorld({
      OPENAI_API_KEY: 'sk-test-key-123456',
      OPENAI_BASE_URL: `${ai.baseUrl}`,
      TUTOR_MANAGERS: 'UBOSS',
    });
  });
  afterAll(async () => {
    await w.close();
    await ai.close();
  });

  it('message shortcut → picker modal → "Explaining…" → the explanation, from the model', async () => {
    ai.reply({
      status: 200,
      json: completion({
        explanation: 'Running a trained model costs money every time someone uses it.',
        analogy: 'Like a taxi meter.',
      }),
    });
    const message = {
      type: 'message',
      text: 'Lesson 3.2',
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: 'Inference is the ongoing variable cost. Every click costs compute.' },
        },
      ],
      ts: '1700000000.000100',
    };
    await w.post(
      new URLSearchParams({
        payload: JSON.stringify({
          type: 'message_action',
          callback_id: 'explain_message',
          trigger_id: 'trigger-1',
          user: { id: 'UEX', team_id: 'T1' },
          team: { id: 'T1' },
          channel: { id: 'C1' },
          message,
          response_url: `${w.api.url}/response/shortcut`,
        }),
      }).toString(),
      'form',
    );
    const opened = await w.api.waitFor('views.open');
    const view = opened.body.view as {
      blocks: {
        type: string;
        block_id?: string;
        element?: { action_id: string; options: { value: string; text: { text: string } }[] };
      }[];
      private_metadata: string;
    };
    expect(textOf(view)).toContain('Inference is the ongoing variable cost.');
    const input = view.blocks.find((b) => b.type === 'input');
    const option = input?.element?.options.find((o) => o.text.text.startsWith('Inference'));
    const res = await w.post(
      new URLSearchParams({
        payload: JSON.stringify({
          type: 'view_submission',
          user: { id: 'UEX', team_id: 'T1' },
          team: { id: 'T1' },
          view: {
            id: 'V1',
            callback_id: 'explain_pick',
            private_metadata: view.private_metadata,
            state: {
              values: {
                [input?.block_id ?? '']: {
                  [input?.element?.action_id ?? '']: { type: 'static_select', selected_option: option },
                },
              },
            },
          },
        }),
      }).toString(),
      'form',
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Explaining');
    const updated = await w.api.waitFor('views.update');
    expect(textOf(updated.body)).toContain('Running a trained model costs money');
    expect(textOf(updated.body)).toContain('Explained by');
    // The model saw the sentence, inside its delimiters.
    const asked = ai.requests[0]?.body.messages?.find((m) => m.role === 'user')?.content ?? '';
    expect(asked).toMatch(/<sentence>\s*Inference is the ongoing variable cost\.\s*<\/sentence>/);
  });

  it('"Why?" under a result explains the right answer, only to the member', async () => {
    ai.reply({
      status: 200,
      json: completion({
        explanation: 'Ten times the users means ten times the compute.',
        analogy: 'Like a toll road.',
      }),
    });
    await w.command('/tutor', 'quiz 5', { user: 'UWHY' });
    const check = await w.api.waitFor('response_url', (c) => textOf(c.body).includes('Concept check'));
    await w.click(check.body as never, /^quiz\.answer:/, { user: 'UWHY' });
    const result = await w.api.waitFor(
      'response_url',
      (c) => c.body.replace_original === true && textOf(c.body).includes('Why?'),
    );
    await w.click(result.body as never, /^explain\.why:/, { user: 'UWHY' });
    const answer = await w.api.waitFor('response_url', (c) => textOf(c.body).includes('Ten times the users'));
    expect(answer.body.response_type).toBe('ephemeral');
  });

  it('"Explain a sentence" under a lesson opens the picker with the lesson’s sentences', async () => {
    await w.command('/tutor', 'lesson 3.6', { user: 'ULES' });
    const lesson = await w.api.waitFor('response_url', (c) => textOf(c.body).includes('The latency problem'));
    await w.click(lesson.body as never, /^explain\.lesson:/, { user: 'ULES' });
    const opened = await w.api.waitFor(
      'views.open',
      (c) => textOf(c.body).includes('All of it') && textOf(c.body).includes('one token after another'),
    );
    expect(opened.body.trigger_id).toBe('trigger');
  });

  it('shows managers today’s explanations, cache hits and spend against the budget', async () => {
    await w.command('/tutor', 'report', { user: 'UBOSS' });
    const report = await w.api.waitFor('response_url', (c) => textOf(c.body).includes('Team report'));
    expect(textOf(report.body)).toMatch(
      /Explanations today: \d+ served, \d+% from the cache, \d+ AI calls?, \$[0-9.]+ of the \$1\.00 daily budget/,
    );
  });
});
