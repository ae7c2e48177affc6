import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCall } from './fake-slack-api.js';
import { type SlackWorld, startSlackWorld } from './harness.js';

type Message = {
  blocks: { type: string; elements?: { action_id: string; value?: string }[] }[];
  response_type?: string;
  replace_original?: boolean;
};

const textOf = (m: { blocks?: unknown[] }) => JSON.stringify(m.blocks);

let w: SlackWorld;
let seen = 0;
beforeAll(async () => {
  w = await startSlackWorld();
});
afterAll(() => w.close());

async function nextResponse(): Promise<Message> {
  const call = await w.api.waitFor('response_url', (c: ApiCall) => w.api.calls.indexOf(c) >= seen);
  seen = w.api.calls.indexOf(call) + 1;
  return call.body as unknown as Message;
}

const attemptsOf = async (user: string) => {
  const [row] = await w.rows<{ n: number }>(
    'select count(*) as n from quiz_attempts a join members m on m.id = a.member_id where m.external_id = ?',
    [user],
  );
  return row?.n;
};

/** The same card with every nonce replaced: what a forger posts. */
const withNonce = (m: Message, nonce: string): Message => ({
  ...m,
  blocks: m.blocks.map((b) => ({
    ...b,
    ...(b.elements
      ? {
          elements: b.elements.map((e) =>
            e.value?.includes('"nonce"') ? { ...e, value: JSON.stringify({ ...JSON.parse(e.value), nonce }) } : e,
          ),
        }
      : {}),
  })),
});

describe('check cards belong to the member they were shown to (Slack)', () => {
  it('answers a real card, and refuses forged nonces with a fresh card, recording nothing', async () => {
    await w.command('/tutor', 'quiz 5', { user: 'UREAL' });
    const card = await nextResponse();
    for (let i = 0; i < 5; i++) {
      const res = await w.click(withNonce(card, `forged-${i}`), /^quiz\.answer:/, { user: 'UREAL' });
      expect(res.status).toBe(200);
      const refused = await nextResponse();
      expect(refused.response_type).toBe('ephemeral');
      expect(refused.replace_original).toBe(false);
      expect(textOf(refused)).toContain('This check card has expired');
    }
    expect(await attemptsOf('UREAL')).toBe(0);
    await w.click(card, /^quiz\.answer:/, { user: 'UREAL' });
    const result = await nextResponse();
    expect(textOf(result)).toMatch(/Correct ✓|Not quite ✗/);
    expect(await attemptsOf('UREAL')).toBe(1);
  });

  it('gives another member who clicks a shared card their own card, privately, and leaves the shared one alone', async () => {
    await w.command('/tutor', 'quiz 5', { user: 'UOWNER' });
    const card = await nextResponse();
    const updatesBefore = w.api.called('chat.update').length;
    // The card as a message in the channel everyone sees, clicked by someone it was not shown to.
    await w.click(card, /^quiz\.answer:/, { user: 'UOTHER', ephemeral: false, channel: 'C1', ts: '1700000001.000100' });
    const own = await nextResponse();
    expect(own.response_type).toBe('ephemeral');
    expect(own.replace_original).toBe(false);
    expect(textOf(own)).toContain('shown to someone else');
    expect(textOf(own)).not.toMatch(/Correct ✓|Not quite ✗/);
    expect(w.api.called('chat.update')).toHaveLength(updatesBefore);
    expect(await attemptsOf('UOWNER')).toBe(0);
    expect(await attemptsOf('UOTHER')).toBe(0);
    // Their own card works for them.
    await w.click(own, /^quiz\.answer:/, { user: 'UOTHER' });
    expect(textOf(await nextResponse())).toMatch(/Correct ✓|Not quite ✗/);
    expect(await attemptsOf('UOTHER')).toBe(1);
    // And the owner's card still works for the owner.
    await w.click(card, /^quiz\.answer:/, { user: 'UOWNER' });
    expect(textOf(await nextResponse())).toMatch(/Correct ✓|Not quite ✗/);
    expect(await attemptsOf('UOWNER')).toBe(1);
  });
});
