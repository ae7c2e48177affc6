import { idList } from './snapshot.js';
import type { Sql } from './sql/sql.js';

type ProgressRow = { lessons_read: string; checks_done: string; checks_passed: string; last_attempt_at: number | null };

const withId = (list: string, id: string) => {
  const ids = idList(list);
  return ids.includes(id) ? list : [...ids, id].join(',');
};

const PUT = `INSERT INTO member_progress (member_id, lessons_read, checks_done, checks_passed, last_attempt_at)
  VALUES (@memberId, @lessons, @done, @passed, @last)
  ON CONFLICT (member_id) DO UPDATE SET lessons_read = excluded.lessons_read, checks_done = excluded.checks_done,
    checks_passed = excluded.checks_passed, last_attempt_at = excluded.last_attempt_at`;
const ADD_CONCEPT = `INSERT INTO concept_totals (workspace_id, concept_id, correct, total)
  SELECT workspace_id, CAST(@conceptId AS TEXT), CAST(@correct AS INTEGER), CAST(@total AS INTEGER)
  FROM members WHERE id = @memberId
  ON CONFLICT (workspace_id, concept_id) DO UPDATE SET correct = concept_totals.correct + excluded.correct,
    total = concept_totals.total + excluded.total`;

// Locks the member's row (creating it empty) and returns it: a read-then-write of the same member in
// another transaction waits here, so no update is lost, whatever the isolation level (PostgreSQL's
// ON CONFLICT DO UPDATE takes the row lock; SQLite has one writer anyway).
const LOCK = `INSERT INTO member_progress (member_id, lessons_read, checks_done, checks_passed, last_attempt_at)
  VALUES (?, '', '', '', NULL)
  ON CONFLICT (member_id) DO UPDATE SET member_id = excluded.member_id
  RETURNING lessons_read, checks_done, checks_passed, last_attempt_at`;

/**
 * Keeps the report roll-ups (member_progress, concept_totals) current. Callers run these inside
 * the transaction of the write they summarise, so a roll-up never disagrees with its rows.
 * concept_totals hold each member's first attempt per check (see migration 004).
 */
export function rollupWriter(sql: Sql) {
  const locked = async (memberId: number) => (await sql.get<ProgressRow>(LOCK, [memberId])) as ProgressRow;
  const save = (memberId: number, row: ProgressRow) =>
    sql.run(PUT, {
      memberId,
      lessons: row.lessons_read,
      done: row.checks_done,
      passed: row.checks_passed,
      last: row.last_attempt_at,
    });

  return {
    async read(memberId: number, lessonId: string): Promise<void> {
      const row = await locked(memberId);
      const lessons = withId(row.lessons_read, lessonId);
      if (lessons !== row.lessons_read) await save(memberId, { ...row, lessons_read: lessons });
    },
    async attempt(
      memberId: number,
      a: {
        checkId: string;
        correct: boolean;
        at: number;
        concepts: readonly { conceptId: string; correct: number; total: number }[];
      },
    ): Promise<void> {
      const row = await locked(memberId);
      // The team's accuracy counts each member's first attempt per check only: later attempts (a
      // retry after seeing the key) still count for the member's own review, not for the team.
      const first = !idList(row.checks_done).includes(a.checkId);
      await save(memberId, {
        ...row,
        checks_done: withId(row.checks_done, a.checkId),
        checks_passed: a.correct ? withId(row.checks_passed, a.checkId) : row.checks_passed,
        last_attempt_at: Math.max(row.last_attempt_at ?? 0, a.at),
      });
      if (first)
        for (const c of a.concepts)
          await sql.run(ADD_CONCEPT, { memberId, conceptId: c.conceptId, correct: c.correct, total: c.total });
    },
  };
}
