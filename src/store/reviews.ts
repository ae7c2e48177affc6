import type { Db } from './database.js';

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
  get(memberId: number): ReviewItem[];
  upsert(item: ReviewItem): void;
  /** Drops a concept from the queue (e.g. mastered); false when it was not there. */
  remove(memberId: number, conceptId: string): boolean;
  /** Items due at or before `now`, soonest first. */
  due(memberId: number, now: number): ReviewItem[];
}

const COLUMNS = `member_id AS memberId, concept_id AS conceptId, stage, due_at AS dueAt,
  last_result AS lastResult, updated_at AS updatedAt`;

export function reviewRepository(db: Db): ReviewRepository {
  const all = db.prepare<[number], ReviewItem>(
    `SELECT ${COLUMNS} FROM review_items WHERE member_id = ? ORDER BY due_at, concept_id`,
  );
  const due = db.prepare<[number, number], ReviewItem>(
    `SELECT ${COLUMNS} FROM review_items WHERE member_id = ? AND due_at <= ?
     ORDER BY due_at, concept_id`,
  );
  const upsert = db.prepare<ReviewItem>(
    `INSERT INTO review_items (member_id, concept_id, stage, due_at, last_result, updated_at)
     VALUES (@memberId, @conceptId, @stage, @dueAt, @lastResult, @updatedAt)
     ON CONFLICT (member_id, concept_id) DO UPDATE SET
       stage = excluded.stage, due_at = excluded.due_at,
       last_result = excluded.last_result, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare<[number, string]>('DELETE FROM review_items WHERE member_id = ? AND concept_id = ?');

  return {
    get: (memberId) => all.all(memberId),
    upsert(item) {
      upsert.run(item);
    },
    remove: (memberId, conceptId) => remove.run(memberId, conceptId).changes === 1,
    due: (memberId, now) => due.all(memberId, now),
  };
}
