import type { Db } from './database.js';
import type { Member } from './members.js';

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
  members: `SELECT m.id, m.workspace_id, m.external_id, m.display_name, m.email, m.time_zone, m.created_at,
      p.lessons_read, p.checks_done, p.checks_passed, p.last_attempt_at
    FROM members m LEFT JOIN member_progress p ON p.member_id = m.id WHERE m.workspace_id = ? ORDER BY m.id`,
  concepts: `SELECT concept_id AS conceptId, correct, total FROM concept_totals WHERE workspace_id = ? ORDER BY concept_id`,
} as const;

/** The members query's columns, in order: read as arrays, which is much cheaper for big teams. */
type StandingRow = [
  id: number,
  workspaceId: string,
  externalId: string,
  displayName: string | null,
  email: string | null,
  timeZone: string,
  createdAt: number,
  lessonsRead: string | null,
  checksDone: string | null,
  checksPassed: string | null,
  lastAttemptAt: number | null,
];

export const idList = (text: string | null): string[] => (text ? text.split(',') : []);

export function teamSummaryQuery(db: Db): (workspaceId: string) => TeamSummary {
  const members = db.prepare<[string], StandingRow>(TEAM_SQL.members).raw(true);
  const concepts = db.prepare<[string], TeamSummary['concepts'][number]>(TEAM_SQL.concepts);
  // One read transaction: both lists describe the same moment even while others write.
  return db.transaction(
    (workspaceId: string): TeamSummary => ({
      members: members.all(workspaceId).map((r) => ({
        id: r[0],
        workspaceId: r[1],
        externalId: r[2],
        displayName: r[3],
        email: r[4],
        timeZone: r[5],
        createdAt: r[6],
        lessonsRead: idList(r[7]),
        checksDone: idList(r[8]),
        checksPassed: idList(r[9]),
        lastAttemptAt: r[10],
      })),
      concepts: concepts.all(workspaceId),
    }),
  );
}
