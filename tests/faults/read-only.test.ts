import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCall } from '../slack/fake-slack-api.js';
import { type SlackWorld, startSlackWorld } from '../slack/harness.js';
import { makeReadOnly } from './disk.js';

type Message = { blocks: unknown[] };

const dir = mkdtempSync(join(tmpdir(), 'read-only-'));
const dbPath = join(dir, 'tutor.db');
let w: SlackWorld;
let check: Message;
let undo: () => void = () => {};

async function responseAfter(world: SlackWorld, index: number): Promise<Message> {
  const call = await world.api.waitFor('response_url', (c: ApiCall) => world.api.calls.indexOf(c) >= index, 10_000);
  return call.body as unknown as Message;
}

beforeAll(async () => {
  // A member uses the tutor; then the server stops and its database file becomes read-only.
  const first = await startSlackWorld({}, dir);
  await first.command('/tutor', 'quiz 5', { user: 'URO' });
  check = await responseAfter(first, 0);
  await first.app.stop();
  await first.api.close();
  undo = makeReadOnly(dbPath);
  w = await startSlackWorld({}, dir);
});
afterAll(async () => {
  undo();
  await w?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a read-only database file', () => {
  it('makes /healthz answer 503 naming the fault', async () => {
    const res = await fetch(`${w.base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', reason: 'database', detail: 'read-only' });
  });

  it('refuses an answer with "try again" and stores nothing', async () => {
    const before = w.api.calls.length;
    await w.click(check, /^quiz\.answer:/, { user: 'URO' });
    const shown = JSON.stringify(await responseAfter(w, before));
    expect(shown).toContain("I couldn't save that");
    expect(shown).not.toMatch(/Correct ✓|Not quite ✗/);
    const db = new Database(dbPath, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM quiz_attempts').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('still shows a known member their lesson', async () => {
    const before = w.api.calls.length;
    await w.command('/tutor', 'lesson 3.3', { user: 'URO' });
    const shown = JSON.stringify(await responseAfter(w, before));
    expect(shown).toContain('Who pays for what');
  });
});
