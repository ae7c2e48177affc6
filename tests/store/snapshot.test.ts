import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { TEAM_SQL } from '../../src/store/snapshot.js';
import { useTmpDir } from '../helpers/tmp-db.js';
import { seeded, WORKSPACE } from './helpers.js';

const tmp = useTmpDir();

describe('progress.teamSnapshot', () => {
  it("returns the workspace's members, reads and attempts (without answers)", () => {
    const { store, member } = seeded(tmp.track(openDatabase(tmp.file())));
    const bob = store.members.ensure({ workspaceId: WORKSPACE, externalId: 'U002', timeZone: 'America/New_York' });
    store.workspaces.ensure({ id: 'teams:other', platform: 'teams' });
    const stranger = store.members.ensure({ workspaceId: 'teams:other', externalId: 'X' });
    for (const m of [member, bob, stranger]) {
      store.progress.recordRead({ memberId: m.id, lessonId: '3.1', mode: 'essentials', at: 5 });
      store.progress.recordAttempt({
        memberId: m.id,
        checkId: 'c1',
        idempotencyKey: `k-${m.id}`,
        answers: { secret: 'not in reports' },
        results: { concepts: [{ id: 'latency', correct: false }] },
        score: 0,
        total: 1,
        correct: false,
        at: 7,
        localDay: '2024-06-01',
      });
    }

    const snapshot = store.progress.teamSnapshot(WORKSPACE);
    expect(snapshot.members.map((m) => m.externalId)).toEqual(['U001', 'U002']);
    expect(snapshot.reads).toEqual([
      { memberId: member.id, lessonId: '3.1', mode: 'essentials', readAt: 5 },
      { memberId: bob.id, lessonId: '3.1', mode: 'essentials', readAt: 5 },
    ]);
    expect(snapshot.attempts).toHaveLength(2);
    expect(snapshot.attempts[1]).toEqual({
      memberId: bob.id,
      checkId: 'c1',
      results: { concepts: [{ id: 'latency', correct: false }] },
      score: 0,
      total: 1,
      correct: false,
      attemptedAt: 7,
      localDay: '2024-06-01',
    });
    expect(store.progress.teamSnapshot('slack:empty')).toEqual({ members: [], reads: [], attempts: [] });
  });

  it('reads through indexes only: no query scans a whole table', () => {
    const db = tmp.track(openDatabase(tmp.file()));
    for (const sql of Object.values(TEAM_SQL)) {
      const plan = db
        .prepare<[string], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all(WORKSPACE)
        .map((row) => row.detail);
      expect(plan.filter((step) => !/^(SEARCH .* USING .*INDEX|USE TEMP B-TREE)/.test(step))).toEqual([]);
    }
  });

  it('handles 10,000 members × 9 checks', () => {
    const db = tmp.track(openDatabase(tmp.file()));
    const { store } = seeded(db);
    const members = 10_000;
    const checks = 9;
    // Bulk-load with raw statements in one transaction: this test is about reading.
    db.transaction(() => {
      const member = db.prepare('INSERT INTO members (workspace_id, external_id, created_at) VALUES (?, ?, 0)');
      const attempt = db.prepare(
        `INSERT INTO quiz_attempts (member_id, check_id, idempotency_key, answers, results, score, total, correct,
           attempted_at, local_day) VALUES (?, ?, ?, '{}', '{"concepts":[]}', 1, 1, 1, ?, '2024-06-01')`,
      );
      for (let m = 2; m <= members; m++) member.run(WORKSPACE, `U${m}`);
      const ids = db.prepare<[string], number>('SELECT id FROM members WHERE workspace_id = ?').pluck().all(WORKSPACE);
      for (const id of ids) for (let c = 0; c < checks; c++) attempt.run(id, `c${c}`, `${id}:${c}`, c);
    })();

    const started = performance.now();
    const snapshot = store.progress.teamSnapshot(WORKSPACE);
    const elapsed = performance.now() - started;
    expect(snapshot.members).toHaveLength(members);
    expect(snapshot.attempts).toHaveLength(members * checks);
    // Not a benchmark (that is `npm run bench`): a loose ceiling that only catches a quadratic plan.
    expect(elapsed).toBeLessThan(10_000);
  });
});
