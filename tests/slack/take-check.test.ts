import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackWorld, startSlackWorld } from './harness.js';

type Message = { blocks: unknown[] };
const textOf = (m: Message) => JSON.stringify(m.blocks);

let w: SlackWorld;
let seen = 0;
beforeAll(async () => {
  w = await startSlackWorld();
});
afterAll(() => w.close());

async function nextResponse(): Promise<Message> {
  const call = await w.api.waitFor('response_url', (c) => w.api.calls.indexOf(c) >= seen);
  seen = w.api.calls.indexOf(call) + 1;
  return call.body as unknown as Message;
}

describe('"Take the check" under a lesson', () => {
  it('after reading only §3.1, asks about §3.1 (not the cloud-bill sort that spans §3.5)', async () => {
    await w.command('/tutor', 'lesson 3.1', { user: 'UFRESH' });
    const lesson = await nextResponse();
    expect(textOf(lesson)).toContain('§3.1 What is training');
    const res = await w.click(lesson, /^quiz\.start:/, { user: 'UFRESH' });
    expect(res.status).toBe(200);
    const check = await nextResponse();
    expect(textOf(check)).toContain('Concept check · 2 of 9');
    expect(textOf(check)).toContain('About §3.1');
    expect(textOf(check)).not.toContain('§3.5');
  });

  it('§3.5 opens check 7, about fine-tuning, from its own lesson', async () => {
    await w.command('/tutor', 'lesson 3.5', { user: 'UFRESH' });
    await w.click(await nextResponse(), /^quiz\.start:/, { user: 'UFRESH' });
    const check = await nextResponse();
    expect(textOf(check)).toContain('Concept check · 7 of 9');
    expect(textOf(check)).toContain('About §3.5');
  });
});
