import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackWorld, startSlackWorld } from '../slack/harness.js';

let w: SlackWorld;
beforeAll(async () => {
  w = await startSlackWorld();
});
afterAll(() => w.close());

const anyJson = fc.jsonValue({ maxDepth: 3 });
const actionIds = fc.constantFrom(
  'quiz.answer:0',
  'quiz.sort:1',
  'lesson.open:0',
  'quiz.start:2',
  'report.csv:0',
  'report.nudge:1',
  'cost.whatif:0',
  'tutor.select:x',
  'unknown.thing:9',
);

describe('fuzzing through the real receiver', () => {
  it('answers any command text with a 200 (never a 5xx), /cost with a readable message, and stays healthy', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/tutor', '/cost'), fc.string({ maxLength: 600 }), async (command, text) => {
        const res = await w.command(command, text, { user: 'UFUZZ' });
        expect(res.status).toBe(200);
        // /cost answers in its acknowledgement: always a message a person can read.
        if (command === '/cost') {
          const answer = (await res.json()) as { text?: string; response_type?: string };
          expect(answer.text?.length).toBeGreaterThan(0);
          expect(['in_channel', 'ephemeral']).toContain(answer.response_type);
        }
      }),
      { numRuns: 120 },
    );
    expect((await fetch(`${w.base}/healthz`)).status).toBe(200);
  });

  // Payloads no listener takes are answered after Bolt's unhandled-request wait (1 s each).
  it('answers random action payloads (wrong types, huge strings, unknown ids) with a 2xx or 4xx', {
    timeout: 180_000,
  }, async () => {
    const payloads = fc.record({
      // Mostly block_actions (what our listeners take); the rest wait out Bolt's unhandled-request timer.
      type: fc.oneof(
        { weight: 6, arbitrary: fc.constant('block_actions') },
        { weight: 1, arbitrary: fc.constantFrom('view_submission', 'shortcut', 'nonsense') },
      ),
      user: fc.oneof(fc.record({ id: fc.constantFrom('U1', 'UFUZZ', '', 'not an id') }), anyJson),
      team: fc.oneof(fc.record({ id: fc.constantFrom('T1', 'T2') }), fc.constant(null), anyJson),
      container: fc.oneof(
        fc.record({
          type: fc.constant('message'),
          is_ephemeral: fc.boolean(),
          channel_id: fc.constantFrom('C1', 'D1'),
        }),
        anyJson,
      ),
      response_url: fc.constant(`${w.api.url}/response/fuzz`),
      actions: fc.oneof(
        fc.array(
          fc.record({
            action_id: actionIds,
            block_id: fc.oneof(fc.string({ maxLength: 300 }), fc.constant('tutor.submit|sort%3Acloud-bill-sort')),
            value: fc.oneof(
              fc.string({ maxLength: 3_000 }),
              anyJson.map((v) => JSON.stringify(v)),
              fc
                .record({
                  check: fc.string(),
                  option: fc.string(),
                  nonce: fc.string(),
                  lesson: fc.string(),
                  q: fc.string({ maxLength: 800 }),
                })
                .map((v) => JSON.stringify(v)),
            ),
          }),
          { maxLength: 2 },
        ),
        anyJson,
      ),
      state: anyJson,
    });
    // Sent twenty at a time: payloads no listener takes each wait out Bolt's unhandled-request timer.
    const samples = fc.sample(payloads, { numRuns: 160 });
    for (let i = 0; i < samples.length; i += 20) {
      const statuses = await Promise.all(
        samples.slice(i, i + 20).map(async (p) => ({ p, status: (await w.action(p)).status })),
      );
      for (const { p, status } of statuses) expect(status, JSON.stringify(p).slice(0, 300)).toBeLessThan(500);
    }
    expect((await fetch(`${w.base}/healthz`)).status).toBe(200);
  });

  it('refuses bodies that are not Slack payloads at all with a 4xx', async () => {
    for (const body of ['payload=%7Bnot-json', 'payload=', '\u0000\u0001', 'a'.repeat(10_000)]) {
      const res = await w.post(body, 'form');
      expect(res.status, body.slice(0, 20)).toBeLessThan(500);
    }
  });
});
