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

describe('a database file made read-only while the server runs', () => {
  it('turns /healthz to 503 once the probe has to write again', async () => {
    const liveDir = mkdtempSync(join(tmpdir(), 'read-only-live-'));
    const live = await startSlackWorld({}, liveDir);
    // The data files, not the -shm index: SQLite maps that into memory, and an immutable mapping
    // ends the process with SIGBUS on its next write, which no server can catch.
    const files = ['tutor.db', 'tutor.db-wal'].map((f) => join(liveDir, f));
    const undos: (() => void)[] = [];
    try {
      expect((await fetch(`${live.base}/healthz`)).status).toBe(200);
      for (const f of files) undos.push(makeReadOnly(f));
      // A pass is trusted for 5 s (an open endpoint must not make the disk sync on demand).
      await new Promise((r) => setTimeout(r, 5_200));
      const res = await fetch(`${live.base}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'unavailable', reason: 'database' });
    } finally {
      for (const undo of undos) undo();
      await live.close();
      rmSync(liveDir, { recursive: true, force: true });
    }
  });
});
