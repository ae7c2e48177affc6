import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardOf, clickData, textOf } from '../teams/cards.js';
import type { ConnectorCall } from '../teams/fake-connector.js';
import { startTeamsWorld, type TeamsWorld } from '../teams/harness.js';
import { type SmallDisk, smallDisk } from './disk.js';

let disk: SmallDisk;
let w: TeamsWorld;
beforeAll(async () => {
  disk = smallDisk(16);
  w = await startTeamsWorld({}, disk.dir);
});
afterAll(async () => {
  disk.free();
  await w.close().catch(() => {});
  disk.close();
});

/** What the bot sent because of one activity (the adapter answers after the turn). */
async function reply(post: () => Promise<Response>): Promise<ConnectorCall> {
  const before = w.connector.calls.length;
  await post();
  const calls = w.connector.calls.slice(before).filter((c) => c.kind !== 'member');
  expect(calls).toHaveLength(1);
  return calls[0] as ConnectorCall;
}

const storedAttempts = (user: string): number => {
  const db = new Database(w.dbPath, { readonly: true });
  try {
    return (
      db
        .prepare<[string], { n: number }>(
          'SELECT count(*) AS n FROM quiz_attempts a JOIN members m ON m.id = a.member_id WHERE m.external_id = ?',
        )
        .get(user)?.n ?? 0
    );
  } finally {
    db.close();
  }
};

describe('Teams answers with the disk full', () => {
  it('are stored and shown, or refused with "try again": never shown as recorded and lost', async () => {
    const users = Array.from({ length: 12 }, (_, i) => `full${i}`);
    const checks: ConnectorCall[] = [];
    for (const user of users) checks.push(await reply(() => w.message('quiz 5', { user })));
    disk.fill();
    let refused = 0;
    for (const [i, user] of users.entries()) {
      const check = checks[i] as ConnectorCall;
      const shown = await reply(() =>
        w.submit(clickData(cardOf(check), 'quiz.answer'), check.responseId ?? '', { user }),
      );
      const text = textOf(cardOf(shown));
      if (/Correct ✓|Not quite ✗/.test(text))
        expect(storedAttempts(`aad-${user}`), `${user} was shown a result`).toBe(1);
      else {
        refused += 1;
        expect(text).toContain("I couldn't save that");
        expect(storedAttempts(`aad-${user}`)).toBe(0);
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});
