import type { Db } from './database.js';
import { idList } from './snapshot.js';

type ProgressRow = { lessons_read: string; checks_done: string; checks_passed: string; last_attempt_at: number | null };

const withId = (list: string, id: string) => {
  const ids = idList(list);
  return ids.includes(id) ? list : [...ids, id].join(',');
};

/**
 * Keeps the report roll-ups (member_progress, concept_totals) current. Callers run these inside
 * the transaction of the write they summarise, so a roll-up never disagrees with its rows.
 * concept_totals hold each member's first attempt per check (see migration 004).
 */
export function rollupWriter(db: Db) {
  const get = db.prepare<[number], ProgressRow>('SELECT * FROM member_progress WHERE member_id = ?');
  const put = db.prepare(
    `INSERT INTO member_progress (member_id, lessons_read, checks_done, checks_passed, last_attempt_at)
     VALUES (@memberId, @lessons, @done, @passed, @last)
     ON CONFLICT (member_id) DO UPDATE SET lessons_read = excluded.lessons_read, checks_done = excluded.checks_done,
       checks_passed = excluded.checks_passed, last_attempt_at = excluded.last_attempt_at`,
  );
  const addConcept = db.prepare(
    `INSERT INTO concept_totals (workspace_id, concept_id, correct, total)
     SELECT workspace_id, @conceptId, @correct, @total FROM members WHERE id = @memberId
     ON CONFLICT (workspace_id, concept_id) DO UPDATE SET correct = correct + excluded.correct, total = total + excluded.total`,
  );
  const current = (memberId: number): ProgressRow =>
    get.get(memberId) ?? { lessons_read: '', checks_done: '', checks_passed: '', last_attempt_at: null };
  const save = (memberId: number, row: ProgressRow) =>
    put.run({
      memberId,
      lessons: row.lessons_read,
      done: row.checks_done,
      passed: row.checks_passed,
      last: row.last_attempt_at,
    });

  return {
    read(memberId: number, lessonId: string): void {
      const row = current(memberId);
      const lessons = withId(row.lessons_read, lessonId);
      if (lessons !== row.lessons_read || !get.get(memberId)) save(memberId, { ...row, lessons_read: lessons });
    },
    attempt(
      memberId: number,
      a: {
        checkId: string;
        correct: boolean;
        at: number;
        concepts: readonly { conceptId: string; correct: number; total: number }[];
      },
    ): void {
      const row = current(memberId);
      // The team's accuracy counts each member's first attempt per check only: later attempts (a
      // retry after seeing the key) still count for the member's own review, not for the team.
      const first = !idList(row.checks_done).includes(a.checkId);
      save(memberId, {
        ...row,
        checks_done: withId(row.checks_done, a.checkId),
        checks_passed: a.correct ? withId(row.checks_passed, a.checkId) : row.checks_passed,
        last_attempt_at: Math.max(row.last_attempt_at ?? 0, a.at),
      });
      if (first)
        for (const c of a.concepts)
          addConcept.run({ memberId, conceptId: c.conceptId, correct: c.correct, total: c.total });
    },
  };
}
