import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackWorld, startSlackWorld } from '../slack/harness.js';
import { readUntil, spawnFixture } from '../store/helpers.js';

describe('the database locked by another process for a moment', () => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await startSlackWorld();
  });
  afterAll(() => w.close());

  it('makes requests wait and then succeed, with no error for the member', async () => {
    const holder = spawnFixture('hold-lock.ts', [w.dbPath, '800']);
    await readUntil(holder, (out) => out.includes('locked\n'));
    const released = readUntil(holder, (out) => out.includes('released at'));
    const res = await w.command('/tutor', 'lesson 3.3', { user: 'ULOCK' });
    expect(res.status).toBe(200);
    const reply = await w.api.waitFor(
      'response_url',
      (c) => JSON.stringify(c.body).includes('Who pays for what'),
      10_000,
    );
    expect(JSON.stringify(reply.body)).not.toContain('Something went wrong');
    await released;
    expect((await fetch(`${w.base}/healthz`)).status).toBe(200);
  });
});
