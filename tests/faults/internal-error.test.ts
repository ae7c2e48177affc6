import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCall } from '../slack/fake-slack-api.js';
import { type SlackWorld, startSlackWorld } from '../slack/harness.js';
import { cardOf, clickData, textOf } from '../teams/cards.js';
import type { ConnectorCall } from '../teams/fake-connector.js';
import { startTeamsWorld, type TeamsWorld } from '../teams/harness.js';

/** Damages the stored answers of one member as a faulty disk or a stray script would: unreadable JSON. */
function damageAnswers(dbPath: string, externalId: string): void {
  const db = new Database(dbPath);
  try {
    db.pragma('ignore_check_constraints = ON'); // damage does not go through the schema's checks
    const changed = db
      .prepare(
        `UPDATE quiz_attempts SET results = '{"score": 1, "tot' WHERE member_id =
           (SELECT id FROM members WHERE external_id = ?)`,
      )
      .run(externalId).changes;
    expect(changed).toBeGreaterThan(0);
  } finally {
    db.close();
  }
}

describe('Slack: a command that fails inside', () => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await startSlackWorld();
  });
  afterAll(() => w.close());

  it('still answers the member, with no stack trace', async () => {
    await w.command('/tutor', 'quiz 5', { user: 'UDMG' });
    const check = await w.api.waitFor('response_url', () => true);
    await w.click(check.body as { blocks: unknown[] }, /^quiz\.answer:/, { user: 'UDMG' });
    await w.api.waitFor('response_url', (c) => /Correct|Not quite/.test(JSON.stringify(c.body)));
    damageAnswers(w.dbPath, 'UDMG');

    const before = w.api.calls.length;
    const res = await w.command('/tutor', 'progress', { user: 'UDMG' });
    expect(res.status).toBe(200);
    const answer = await w.api.waitFor('response_url', (c: ApiCall) => w.api.calls.indexOf(c) >= before);
    const text = JSON.stringify(answer.body);
    expect(text).toContain('Something went wrong');
    expect(text).toContain('try again');
    expect(text).not.toMatch(/SyntaxError|JSON|\bat \w+ \(/);
  });
});

describe('Teams: a command that fails inside', () => {
  let w: TeamsWorld;
  beforeAll(async () => {
    w = await startTeamsWorld();
  });
  afterAll(() => w.close());

  const reply = async (post: () => Promise<Response>): Promise<ConnectorCall> => {
    const before = w.connector.calls.length;
    await post();
    const calls = w.connector.calls.slice(before).filter((c) => c.kind !== 'member');
    expect(calls).toHaveLength(1);
    return calls[0] as ConnectorCall;
  };

  it('still answers the member, with no stack trace', async () => {
    const check = await reply(() => w.message('quiz 5', { user: 'dmg' }));
    await reply(() => w.submit(clickData(cardOf(check), 'quiz.answer'), check.responseId ?? '', { user: 'dmg' }));
    damageAnswers(w.dbPath, 'aad-dmg');
    const shown = textOf(cardOf(await reply(() => w.message('progress', { user: 'dmg' }))));
    expect(shown).toContain('Something went wrong');
    expect(shown).not.toMatch(/SyntaxError|JSON|\bat \w+ \(/);
  });
});
