/** Repository contract: the team report reads the same on SQLite and PostgreSQL. */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { TEAM_SQL } from '../../src/store/snapshot.js';
import { useTmpDir } from '../helpers/tmp-db.js';
import { BACKENDS, useStores } from './backends.js';
import { seed, WORKSPACE } from './helpers.js';

const tmp = useTmpDir();

// Bulk loads, one text for both databases (a recursive CTE instead of generate_series): the test is about reading.
const ADD_MEMBERS = `WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
  INSERT INTO members (workspace_id, external_id, created_at) SELECT ?, 'U' || i, 0 FROM n`;
const ADD_ATTEMPTS = `WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < ?)
  INSERT INTO quiz_attempts (member_id, check_id, idempotency_key, answers, results, score, total, correct,
    attempted_at, local_day)
  SELECT m.id, 'c' || c.i, m.id || ':' || c.i, '{}', '{"concepts":[]}', 1, 1, 1, c.i, '2024-06-01'
  FROM members m CROSS JOIN c WHERE m.workspace_id = ?`;
const ADD_PROGRESS = `INSERT INTO member_progress (member_id, lessons_read, checks_done, checks_passed, last_attempt_at)
  SELECT id, '3.1,3.2', ?, ?, 8 FROM members WHERE workspace_id = ? ON CONFLICT DO NOTHING`;

describe.each(BACKENDS)('progress.teamSummary ($name)', (backend) => {
  const stores = useStores(backend);
  const seeded = async () => {
    const opened = await stores(() => 1_700_000_000_000);
    return { ...opened, member: await seed(opened.store) };
  };

  it("aggregates the workspace's reads, best check results and concept totals (never answers)", async () => {
    const { store, member } = await seeded();
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
    const { store, member } = await seeded();
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

  it('handles 10,000 members × 9 checks', async () => {
    const { store, sql } = await seeded();
    const members = 10_000;
    const checks = 9;
    const all = Array.from({ length: checks }, (_, c) => `c${c}`).join(',');
    await sql.transaction(async () => {
      await sql.run(ADD_MEMBERS, [members, WORKSPACE]);
      await sql.run(ADD_ATTEMPTS, [checks - 1, WORKSPACE]);
      await sql.run(ADD_PROGRESS, [all, all, WORKSPACE]);
    });

    const started = performance.now();
    const summary = await store.progress.teamSummary(WORKSPACE);
    const elapsed = performance.now() - started;
    expect(summary.members).toHaveLength(members);
    expect(summary.members.every((m) => m.checksDone.split(',').length === checks)).toBe(true);
    // Not a benchmark (that is `npm run bench`): a loose ceiling that only catches a quadratic plan.
    expect(elapsed).toBeLessThan(10_000);
  });
});

// SQLite only: its EXPLAIN QUERY PLAN names every table access. PostgreSQL's planner picks a
// sequential scan for small tables whatever the indexes, and forcing it (enable_seqscan off) would
// prove nothing, so there is no PostgreSQL twin; `npm run bench` measures its report latency instead.
describe('the report queries on SQLite', () => {
  it('read through indexes only: no query scans a whole table', () => {
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
});
