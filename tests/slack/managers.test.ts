import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackWorld, startSlackWorld } from './harness.js';

const textOf = (m: { blocks?: unknown[]; text?: unknown }) => JSON.stringify(m.blocks ?? m.text);

let w: SlackWorld;
beforeAll(async () => {
  w = await startSlackWorld({ TUTOR_MANAGERS: 'UBOSS, Grace.Hopper@Example.com' });
  w.api.users.set('UGRACE', { name: 'Grace', email: 'grace.hopper@example.com' });
  w.api.users.set('UMALLORY', { name: 'Mallory', email: 'mallory@example.com' });
  w.api.users.set('UNOMAIL', { name: 'No Mail' });
});
afterAll(() => w.close());

async function reportFor(user: string): Promise<string> {
  const before = w.api.called('response_url').length;
  await w.command('/tutor', 'report', { user });
  const call = await w.api.waitFor('response_url', (c) => w.api.called('response_url').indexOf(c) >= before);
  return textOf(call.body as { blocks?: unknown[] });
}

describe('TUTOR_MANAGERS in Slack', () => {
  it('takes an e-mail address, matched without regard to case', async () => {
    expect(await reportFor('UGRACE')).toContain('Team report');
  });

  it('refuses someone whose e-mail is not listed, or whose e-mail Slack does not show', async () => {
    expect(await reportFor('UMALLORY')).toContain('for managers');
    expect(await reportFor('UNOMAIL')).toContain('for managers');
  });
});
