import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { TEAM_SQL } from '../../src/store/snapshot.js';
import { useTmpDir } from '../helpers/tmp-db.js';
import { seeded, WORKSPACE } from './helpers.js';

const tmp = useTmpDir();

describe('progress.teamSummary', () => {
  it("aggregates the workspace's reads, best check results and concept totals (never answers)", async () => {
    const { store, member } = await seeded(tmp.track(openDatabase(tmp.file())));
    const bob = await store.members.ensure({
      workspaceId: WORKSPACE,
      externalId: 'U002',
      timeZone: 'America/New_York',
    });
    await store.workspaces.ensure({ id: 'teams:other', platform: 'teams' });
    const stranger = await store.members.ensure({ workspaceId: 'teams:other', externalId: 'X' });
    let key = 0;
    const attempt = (memberId: number, correct: boolean, at: number) =>
      store.progress.recordAttempt({
        memberId,
        checkId: 'c1',
        idempotencyKey: `k-${++key}`,
        answers: { secret: 'not in reports' },
        results: {},
        score: correct ? 1 : 0,
        total: 1,
        correct,
        at,
        localDay: '2024-06-01',
        concepts: [{ conceptId: 'latency', correct: correct ? 1 : 0, total: 1 }],
      });
    for (const m of [member, bob, stranger]) {
      await store.progress.recordRead({ memberId: m.id, lessonId: '3.1', mode: 'essentials', at: 5 });
      await store.progress.recordRead({ memberId: m.id, lessonId: '3.1', mode: 'full', at: 6 });
      await attempt(m.id, false, 7);
    }
    await attempt(member.id, true, 9);

    const summary = await store.progress.teamSummary(WORKSPACE);
    expect(summary.members.map((m) => m.externalId)).toEqual(['U001', 'U002']);
    expect(
      summary.members.map(({ lessonsRead, checksDone, checksPassed, lastAttemptAt }) => ({
        lessonsRead,
        checksDone,
        checksPassed,
        lastAttemptAt,
      })),
    ).toEqual([
      { lessonsRead: '3.1', checksDone: 'c1', checksPassed: 'c1', lastAttemptAt: 9 },
      { lessonsRead: '3.1', checksDone: 'c1', checksPassed: '', lastAttemptAt: 7 },
    ]);
    // Each member's first attempt per check: U001's later right answer is not the team's accuracy.
    expect(summary.concepts).toEqual([{ conceptId: 'latency', correct: 0, total: 2 }]);
    expect(JSON.stringify(summary)).not.toContain('not in reports');
    expect(await store.progress.teamSummary('slack:empty')).toEqual({ members: [], concepts: [] });
    expect((await store.progress.teamSummary('teams:other')).concepts).toEqual([
      { conceptId: 'latency', correct: 0, total: 1 },
    ]);
  });

  it('counts a repeated attempt once in the concept totals', async () => {
    const { store, member } = await seeded(tmp.track(openDatabase(tmp.file())));
    const a = {
      memberId: member.id,
      checkId: 'c1',
      idempotencyKey: 'same',
      answers: {},
      results: {},
      score: 1,
      total: 1,
      correct: true,
      at: 1,
      localDay: '2024-06-01',
      concepts: [{ conceptId: 'latency', correct: 1, total: 1 }],
    };
    await store.progress.recordAttempt(a);
    await store.progress.recordAttempt(a);
    expect((await store.progress.teamSummary(WORKSPACE)).concepts).toEqual([
      { conceptId: 'latency', correct: 1, total: 1 },
    ]);
  });

  it('reads through indexes only: no query scans a whole table', () => {
    const db = tmp.track(openDatabase(tmp.file()));
    for (const sql of Object.values(TEAM_SQL)) {
      const plan = db
        .prepare<[string], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all(WORKSPACE)
        .map((row) => row.detail);
      expect(
        plan.filter(
          (step) => !/^(SEARCH .* USING (.*INDEX|INTEGER PRIMARY KEY|PRIMARY KEY)|USE TEMP B-TREE)/.test(step),
        ),
      ).toEqual([]);
    }
  });

  it('handles 10,000 members × 9 checks', async () => {
    const db = tmp.track(openDatabase(tmp.file()));
    const { store } = await seeded(db);
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
      const progress = db.prepare(
        "INSERT INTO member_progress (member_id, lessons_read, checks_done, checks_passed, last_attempt_at) VALUES (?, '3.1,3.2', ?, ?, 8) ON CONFLICT DO NOTHING",
      );
      const all = Array.from({ length: checks }, (_, c) => `c${c}`).join(',');
      for (const id of ids) {
        for (let c = 0; c < checks; c++) attempt.run(id, `c${c}`, `${id}:${c}`, c);
        progress.run(id, all, all);
      }
    })();

    const started = performance.now();
    const summary = await store.progress.teamSummary(WORKSPACE);
    const elapsed = performance.now() - started;
    expect(summary.members).toHaveLength(members);
    expect(summary.members.every((m) => m.checksDone.split(',').length === checks)).toBe(true);
    // Not a benchmark (that is `npm run bench`): a loose ceiling that only catches a quadratic plan.
    expect(elapsed).toBeLessThan(10_000);
  });
});
