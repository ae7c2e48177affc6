import type { Db } from './database.js';
import { fromJson } from './json.js';
import { type Member, type MemberRow, toMember } from './members.js';
import type { AttemptRow, LessonRead, ReadRow, StoredAttempt } from './progress.js';

export type SnapshotAttempt = Omit<StoredAttempt, 'id' | 'idempotencyKey' | 'answers'>;

export interface TeamSnapshot {
  members: Member[];
  reads: LessonRead[];
  attempts: SnapshotAttempt[];
}

/** Lesson-read columns as LessonRead fields (alias `r`); shared with the per-member query. */
export const READ_COLUMNS = 'r.member_id AS memberId, r.lesson_id AS lessonId, r.mode, r.read_at AS readAt';

type SnapshotRow = Omit<AttemptRow, 'id' | 'idempotency_key' | 'answers'>;

const toSnapshotAttempt = (row: SnapshotRow): SnapshotAttempt => ({
  memberId: row.member_id,
  checkId: row.check_id,
  results: fromJson(row.results),
  score: row.score,
  total: row.total,
  correct: row.correct === 1,
  attemptedAt: row.attempted_at,
  localDay: row.local_day,
});

/**
 * The report queries, exported so a test can check their plans. Each is driven from the
 * workspace's members (unique index on workspace_id) into a per-member index (migration 2), so the
 * cost grows with the team's own rows, never with the whole table.
 */
export const TEAM_SQL = {
  members: 'SELECT * FROM members WHERE workspace_id = ? ORDER BY id',
  reads: `SELECT ${READ_COLUMNS} FROM members m JOIN lesson_reads r ON r.member_id = m.id
    WHERE m.workspace_id = ? ORDER BY m.id, r.read_at, r.id`,
  attempts: `SELECT a.member_id, a.check_id, a.results, a.score, a.total, a.correct, a.attempted_at, a.local_day
    FROM members m JOIN quiz_attempts a ON a.member_id = m.id
    WHERE m.workspace_id = ? ORDER BY m.id, a.attempted_at, a.id`,
} as const;

export function teamSnapshotQuery(db: Db): (workspaceId: string) => TeamSnapshot {
  const members = db.prepare<[string], MemberRow>(TEAM_SQL.members);
  const reads = db.prepare<[string], ReadRow>(TEAM_SQL.reads);
  const attempts = db.prepare<[string], SnapshotRow>(TEAM_SQL.attempts);
  // One read transaction: the three lists describe the same moment even while others write.
  return db.transaction(
    (workspaceId: string): TeamSnapshot => ({
      members: members.all(workspaceId).map(toMember),
      reads: reads.all(workspaceId),
      attempts: attempts.all(workspaceId).map(toSnapshotAttempt),
    }),
  );
}
