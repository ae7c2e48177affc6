import { StoreError } from './errors.js';
import { fromJson, toFlag, toJson } from './json.js';
import { rollupWriter } from './rollups.js';
import { READ_COLUMNS, type TeamSummary, teamSummaryQuery } from './snapshot.js';
import type { Sql, TransactionOptions } from './sql/sql.js';

export type ReadMode = 'essentials' | 'full';

export interface LessonRead {
  memberId: number;
  lessonId: string;
  mode: ReadMode;
  readAt: number;
}

export interface NewAttempt {
  memberId: number;
  checkId: string;
  /** Derived from the submission (member, check, card instance…): a retry carries the same key. */
  idempotencyKey: string;
  answers: unknown;
  /** Per-item / per-concept grading, as the core produced it. */
  results: unknown;
  score: number;
  total: number;
  correct: boolean;
  at: number;
  /** The member's local calendar day of the attempt, `YYYY-MM-DD`. */
  localDay: string;
  /** Per-concept results, kept as rows for the manager report's accuracy per concept. */
  concepts?: readonly { conceptId: string; correct: number; total: number }[];
}

export interface StoredAttempt {
  id: number;
  memberId: number;
  checkId: string;
  idempotencyKey: string;
  answers: unknown;
  results: unknown;
  score: number;
  total: number;
  correct: boolean;
  attemptedAt: number;
  localDay: string;
}

export interface ProgressRepository {
  recordRead(read: { memberId: number; lessonId: string; mode: ReadMode; at: number }): Promise<void>;
  /**
   * Stores an attempt once per idempotency key. A repeat returns the first stored attempt with
   * `recorded: false` (never a second row, never an error). A key already used by another member
   * is a caller bug and throws `store_idempotency_conflict`.
   */
  recordAttempt(attempt: NewAttempt): Promise<{ recorded: boolean; attempt: StoredAttempt }>;
  /** Records that the member was active on their local `day`; true the first time for that day. */
  markActive(memberId: number, day: string): Promise<boolean>;
  reads(memberId: number): Promise<LessonRead[]>;
  attempts(memberId: number): Promise<StoredAttempt[]>;
  /** Active days, oldest first. */
  activeDays(memberId: number): Promise<string[]>;
  /** The manager report's data for one workspace, aggregated in SQL. */
  teamSummary(workspaceId: string): Promise<TeamSummary>;
}

export interface ReadRow {
  memberId: number;
  lessonId: string;
  mode: ReadMode;
  readAt: number;
}

export interface AttemptRow {
  id: number;
  member_id: number;
  check_id: string;
  idempotency_key: string;
  answers: string;
  results: string;
  score: number;
  total: number;
  correct: number;
  attempted_at: number;
  local_day: string;
}

const toAttempt = (row: AttemptRow): StoredAttempt => ({
  id: row.id,
  memberId: row.member_id,
  checkId: row.check_id,
  idempotencyKey: row.idempotency_key,
  answers: fromJson(row.answers),
  results: fromJson(row.results),
  score: row.score,
  total: row.total,
  correct: row.correct === 1,
  attemptedAt: row.attempted_at,
  localDay: row.local_day,
});

// DO NOTHING (not OR IGNORE): only the idempotency key may be "ignored"; a bad member id or a
// CHECK violation must still fail loudly.
const INSERT_ATTEMPT = `INSERT INTO quiz_attempts (member_id, check_id, idempotency_key, answers, results, score, total,
    correct, attempted_at, local_day)
  VALUES (@memberId, @checkId, @idempotencyKey, @answers, @results, @score, @total, @correct, @at, @localDay)
  ON CONFLICT (idempotency_key) DO NOTHING`;

/**
 * Every answer adds to its workspace's concept totals: under SERIALIZABLE, concurrent answers would
 * fail on that shared row and be retried over and over. These bodies lock the member's roll-up row
 * before reading it and otherwise only insert or upsert, so READ COMMITTED keeps them correct.
 */
export const HOT: TransactionOptions = { isolation: 'read-committed' };

export function progressRepository(sql: Sql): ProgressRepository {
  const summary = teamSummaryQuery(sql);
  const rollups = rollupWriter(sql);

  return {
    recordRead: (r) =>
      sql.transaction(async () => {
        await sql.run('INSERT INTO lesson_reads (member_id, lesson_id, mode, read_at) VALUES (?, ?, ?, ?)', [
          r.memberId,
          r.lessonId,
          r.mode,
          r.at,
        ]);
        await rollups.read(r.memberId, r.lessonId);
      }, HOT),
    // Insert-then-select in one transaction, so the row we read back is the one the key owns.
    recordAttempt: (attempt) =>
      sql.transaction(async () => {
        const { changes } = await sql.run(INSERT_ATTEMPT, {
          memberId: attempt.memberId,
          checkId: attempt.checkId,
          idempotencyKey: attempt.idempotencyKey,
          answers: toJson(attempt.answers, 'attempt answers'),
          results: toJson(attempt.results, 'attempt results'),
          score: attempt.score,
          total: attempt.total,
          correct: toFlag(attempt.correct),
          at: attempt.at,
          localDay: attempt.localDay,
        });
        const row = await sql.get<AttemptRow>('SELECT * FROM quiz_attempts WHERE idempotency_key = ?', [
          attempt.idempotencyKey,
        ]);
        if (!row) throw new Error('unreachable: the attempt was inserted or already present');
        if (row.member_id !== attempt.memberId) {
          throw new StoreError(
            'store_idempotency_conflict',
            `Idempotency key "${attempt.idempotencyKey}" already belongs to another member's attempt; ` +
              'keys must include the member.',
          );
        }
        // Only a new attempt moves the roll-ups: a repeated key changes nothing anywhere.
        if (changes === 1)
          await rollups.attempt(row.member_id, {
            checkId: attempt.checkId,
            correct: attempt.correct,
            at: attempt.at,
            concepts: attempt.concepts ?? [],
          });
        return { recorded: changes === 1, attempt: toAttempt(row) };
      }, HOT),
    markActive: async (memberId, day) =>
      (
        await sql.run('INSERT INTO activity_days (member_id, day) VALUES (?, ?) ON CONFLICT DO NOTHING', [
          memberId,
          day,
        ])
      ).changes === 1,
    reads: (memberId) =>
      sql.all<LessonRead>(`SELECT ${READ_COLUMNS} FROM lesson_reads r WHERE r.member_id = ? ORDER BY r.read_at, r.id`, [
        memberId,
      ]),
    attempts: async (memberId) =>
      (
        await sql.all<AttemptRow>('SELECT * FROM quiz_attempts WHERE member_id = ? ORDER BY attempted_at, id', [
          memberId,
        ])
      ).map(toAttempt),
    activeDays: async (memberId) =>
      (
        await sql.all<{ day: string }>('SELECT day FROM activity_days WHERE member_id = ? ORDER BY day', [memberId])
      ).map((r) => r.day),
    teamSummary: (workspaceId) => summary(workspaceId),
  };
}
