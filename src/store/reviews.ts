import type { Sql } from './sql/sql.js';

export type ReviewResult = 'correct' | 'missed';

/** One concept in a member's spaced-review queue (the core decides stages and due times). */
export interface ReviewItem {
  memberId: number;
  conceptId: string;
  stage: number;
  dueAt: number;
  lastResult: ReviewResult;
  updatedAt: number;
}

export interface ReviewRepository {
  /** The member's whole queue, soonest due first. */
  get(memberId: number): Promise<ReviewItem[]>;
  upsert(item: ReviewItem): Promise<void>;
  /** Drops a concept from the queue (e.g. mastered); false when it was not there. */
  remove(memberId: number, conceptId: string): Promise<boolean>;
  /** Items due at or before `now`, soonest first. */
  due(memberId: number, now: number): Promise<ReviewItem[]>;
}

const COLUMNS = `member_id AS "memberId", concept_id AS "conceptId", stage, due_at AS "dueAt",
  last_result AS "lastResult", updated_at AS "updatedAt"`;
const UPSERT = `INSERT INTO review_items (member_id, concept_id, stage, due_at, last_result, updated_at)
  VALUES (@memberId, @conceptId, @stage, @dueAt, @lastResult, @updatedAt)
  ON CONFLICT (member_id, concept_id) DO UPDATE SET
    stage = excluded.stage, due_at = excluded.due_at,
    last_result = excluded.last_result, updated_at = excluded.updated_at`;

export function reviewRepository(sql: Sql): ReviewRepository {
  return {
    get: (memberId) =>
      sql.all<ReviewItem>(`SELECT ${COLUMNS} FROM review_items WHERE member_id = ? ORDER BY due_at, concept_id`, [
        memberId,
      ]),
    async upsert(item) {
      const { memberId, conceptId, stage, dueAt, lastResult, updatedAt } = item;
      await sql.run(UPSERT, { memberId, conceptId, stage, dueAt, lastResult, updatedAt });
    },
    remove: async (memberId, conceptId) =>
      (await sql.run('DELETE FROM review_items WHERE member_id = ? AND concept_id = ?', [memberId, conceptId]))
        .changes === 1,
    due: (memberId, now) =>
      sql.all<ReviewItem>(
        `SELECT ${COLUMNS} FROM review_items WHERE member_id = ? AND due_at <= ? ORDER BY due_at, concept_id`,
        [memberId, now],
      ),
  };
}
