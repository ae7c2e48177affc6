import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCall } from '../slack/fake-slack-api.js';
import { type SlackWorld, startSlackWorld } from '../slack/harness.js';
import { type SmallDisk, smallDisk } from './disk.js';

type Message = { blocks: { type: string; elements?: { action_id: string; value?: string }[] }[]; text?: string };
const textOf = (m: unknown) => JSON.stringify(m);

let disk: SmallDisk;
let w: SlackWorld;
let seen = 0;
beforeAll(async () => {
  disk = smallDisk(16);
  w = await startSlackWorld({}, disk.dir);
});
afterAll(async () => {
  disk.free();
  await w.close().catch(() => {});
  disk.close();
});

async function nextResponse(): Promise<Message> {
  const call = await w.api.waitFor('response_url', (c: ApiCall) => w.api.calls.indexOf(c) >= seen, 10_000);
  seen = w.api.calls.indexOf(call) + 1;
  return call.body as unknown as Message;
}

const storedAttempts = (user: string): number => {
  const db = new Database(w.dbPath, { readonly: true });
  try {
    return (
      db
        .prepare<[string], { n: number }>(
          `SELECT count(*) AS n FROM quiz_attempts a JOIN members m ON m.id = a.member_id WHERE m.external_id = ?`,
        )
        .get(user)?.n ?? 0
    );
  } finally {
    db.close();
  }
};

describe('answers with the disk full', () => {
  it('are either stored and shown as recorded, or refused with "try again": never shown as recorded and lost', async () => {
    const users = Array.from({ length: 12 }, (_, i) => `UFULL${i}`);
    // Each member opens a check while there is room (their member row is stored then).
    const checks: Message[] = [];
    for (const user of users) {
      await w.command('/tutor', 'quiz 5', { user });
      checks.push(await nextResponse());
    }
    disk.fill();
    const outcomes: { user: string; shown: string }[] = [];
    try {
      for (const [i, user] of users.entries()) {
        await w.click(checks[i] as Message, /^quiz\.answer:/, { user });
        outcomes.push({ user, shown: textOf(await nextResponse()) });
      }
    } finally {
      disk.free();
    }
    let refused = 0;
    for (const o of outcomes) {
      const recordedShown = /Correct ✓|Not quite ✗/.test(o.shown);
      if (recordedShown) expect(storedAttempts(o.user), `${o.user} was shown a result`).toBe(1);
      else {
        refused += 1;
        expect(o.shown).toContain("I couldn't save that");
        expect(o.shown).toContain('try again');
        expect(storedAttempts(o.user)).toBe(0);
      }
    }
    // The disk was really full: at least one answer could not be written.
    expect(refused).toBeGreaterThan(0);

    // With space again, the same click is stored and graded.
    const last = users[users.length - 1] as string;
    if (storedAttempts(last) === 0) {
      await w.click(checks[checks.length - 1] as Message, /^quiz\.answer:/, { user: last });
      expect(textOf(await nextResponse())).toMatch(/Correct ✓|Not quite ✗/);
      expect(storedAttempts(last)).toBe(1);
    }
  });
});

describe('/healthz with the disk full', () => {
  it('answers 503 naming the fault while no write fits, and 200 again once there is room', async () => {
    expect((await fetch(`${w.base}/healthz`)).status).toBe(200);
    disk.fill();
    try {
      const res = await fetch(`${w.base}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable', reason: 'database', detail: 'disk full' });
    } finally {
      disk.free();
    }
    expect((await fetch(`${w.base}/healthz`)).status).toBe(200);
  });
});
