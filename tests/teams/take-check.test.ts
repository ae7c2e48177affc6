import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardOf, clickData, textOf } from './cards.js';
import type { ConnectorCall } from './fake-connector.js';
import { startTeamsWorld, type TeamsWorld } from './harness.js';

let w: TeamsWorld;
beforeAll(async () => {
  w = await startTeamsWorld();
});
afterAll(() => w.close());

async function only(post: () => Promise<Response>): Promise<ConnectorCall> {
  const before = w.connector.calls.length;
  expect((await post()).status).toBe(200);
  const calls = w.connector.calls.slice(before).filter((c) => c.kind !== 'member');
  expect(calls).toHaveLength(1);
  return calls[0] as ConnectorCall;
}

const idOf = (call: ConnectorCall) => (call.kind === 'update' ? call.id : call.responseId) ?? '';

describe('"Take the check" under a lesson', () => {
  it('after reading only §3.1, asks about §3.1', async () => {
    const who = { user: 'fresh' };
    const lesson = await only(() => w.message('lesson 3.1', who));
    expect(textOf(cardOf(lesson))).toContain('§3.1 What is training');
    const check = await only(() => w.submit(clickData(cardOf(lesson), 'quiz.start'), idOf(lesson), who));
    const text = textOf(cardOf(check));
    expect(text).toContain('Concept check · 2 of 9');
    expect(text).toContain('About §3.1');
    expect(text).not.toContain('§3.5');
  });
});
