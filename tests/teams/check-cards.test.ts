import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardOf, clickData, textOf } from './cards.js';
import type { ConnectorCall } from './fake-connector.js';
import { startTeamsWorld, type TeamsWorld, type Who } from './harness.js';

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
const say = (text: string, who: Who) => only(() => w.message(text, who));
const click = (value: Record<string, unknown>, on: ConnectorCall, who: Who) =>
  only(() => w.submit(value, idOf(on), who));

const attemptsOf = async (user: string) => {
  const [row] = await w.rows<{ n: number }>(
    'select count(*) as n from quiz_attempts a join members m on m.id = a.member_id where m.external_id = ?',
    [`aad-${user}`],
  );
  return row?.n;
};

describe('check cards belong to the member they were shown to (Teams)', () => {
  it('answers a real card, and refuses a forged nonce with a fresh card, recording nothing', async () => {
    const me: Who = { user: 'gil' };
    const check = await say('quiz 5', me);
    const answer = clickData(cardOf(check), 'quiz.answer');
    const forged = await click({ ...answer, nonce: 'forged-1' }, check, me);
    expect(forged.kind).not.toBe('update');
    expect(textOf(cardOf(forged))).toContain('This check card has expired');
    expect(await attemptsOf('gil')).toBe(0);
    const result = await click(answer, check, me);
    expect(result.kind).toBe('update');
    expect(textOf(cardOf(result))).toMatch(/Correct ✓|Not quite ✗/);
    expect(await attemptsOf('gil')).toBe(1);
  });

  it('in a channel, another member’s click brings their own card and never updates the shared one with the key', async () => {
    const ed: Who = { scope: 'channel', user: 'ed' };
    const fay: Who = { scope: 'channel', user: 'fay' };
    const check = await say('quiz 5', ed);
    const answer = clickData(cardOf(check), 'quiz.answer');
    const own = await click(answer, check, fay);
    expect(own.kind).not.toBe('update');
    const text = textOf(cardOf(own));
    expect(text).toContain('shown to someone else');
    expect(text).not.toMatch(/Correct ✓|Not quite ✗|Answered by/);
    expect(await attemptsOf('ed')).toBe(0);
    expect(await attemptsOf('fay')).toBe(0);
    // Fay's own card is hers to answer; Ed's is still his.
    const mine = await click(clickData(cardOf(own), 'quiz.answer'), own, fay);
    expect(mine.kind).toBe('update');
    expect(textOf(cardOf(mine))).toContain('Answered by Fay');
    const his = await click(answer, check, ed);
    expect(his.kind).toBe('update');
    expect(textOf(cardOf(his))).toContain('Answered by Ed');
    expect(await attemptsOf('fay')).toBe(1);
    expect(await attemptsOf('ed')).toBe(1);
  });
});
