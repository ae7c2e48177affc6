import type { Db } from './database.js';
import { type Member, type MemberRow, toMember } from './members.js';

/** One member as the manager report sees them: progress ids from the member_progress roll-up. */
export interface MemberStanding extends Member {
  lessonsRead: string[];
  checksDone: string[];
  checksPassed: string[];
  lastAttemptAt: number | null;
}

/** Everything the manager report needs. Answers never leave the store. */
export interface TeamSummary {
  members: MemberStanding[];
  concepts: { conceptId: string; correct: number; total: number }[];
}

/** Lesson-read columns as LessonRead fields (alias `r`); shared with the per-member query. */
export const READ_COLUMNS = 'r.member_id AS memberId, r.lesson_id AS lessonId, r.mode, r.read_at AS readAt';

/** The report queries, exported so a test can check that their plans use indexes only. */
export const TEAM_SQL = {
  members: `SELECT m.*, p.lessons_read, p.checks_done, p.checks_passed, p.last_attempt_at
    FROM members m LEFT JOIN member_progress p ON p.member_id = m.id WHERE m.workspace_id = ? ORDER BY m.id`,
  concepts: `SELECT concept_id AS conceptId, correct, total FROM concept_totals WHERE workspace_id = ? ORDER BY concept_id`,
} as const;

type StandingRow = MemberRow & {
  lessons_read: string | null;
  checks_done: string | null;
  checks_passed: string | null;
  last_attempt_at: number | null;
};

export const idList = (text: string | null): string[] => (text ? text.split(',') : []);

export function teamSummaryQuery(db: Db): (workspaceId: string) => TeamSummary {
  const members = db.prepare<[string], StandingRow>(TEAM_SQL.members);
  const concepts = db.prepare<[string], TeamSummary['concepts'][number]>(TEAM_SQL.concepts);
  // One read transaction: both lists describe the same moment even while others write.
  return db.transaction(
    (workspaceId: string): TeamSummary => ({
      members: members.all(workspaceId).map((row) => ({
        ...toMember(row),
        lessonsRead: idList(row.lessons_read),
        checksDone: idList(row.checks_done),
        checksPassed: idList(row.checks_passed),
        lastAttemptAt: row.last_attempt_at,
      })),
      concepts: concepts.all(workspaceId),
    }),
  );
}
