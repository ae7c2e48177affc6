import type { Db } from './database.js';
import type { Member } from './members.js';

/**
 * One member as the manager report sees them: who they are (only what the report shows) and
 * progress ids from the member_progress roll-up. Read for every member of big teams, so no more.
 */
export interface MemberStanding extends Pick<Member, 'id' | 'externalId' | 'displayName' | 'timeZone'> {
  /** Ids joined by commas, as the roll-up keeps them (empty for none): see IdList in the report. */
  lessonsRead: string;
  checksDone: string;
  checksPassed: string;
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
  members: `SELECT m.id, m.external_id, m.display_name, m.time_zone,
      p.lessons_read, p.checks_done, p.checks_passed, p.last_attempt_at
    FROM members m LEFT JOIN member_progress p ON p.member_id = m.id WHERE m.workspace_id = ? ORDER BY m.id`,
  concepts: `SELECT concept_id AS conceptId, correct, total FROM concept_totals WHERE workspace_id = ? ORDER BY concept_id`,
} as const;

/** The members query's columns, in order: read as arrays, which is much cheaper for big teams. */
type StandingRow = [
  id: number,
  externalId: string,
  displayName: string | null,
  timeZone: string,
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
        externalId: r[1],
        displayName: r[2],
        timeZone: r[3],
        lessonsRead: r[4] ?? '',
        checksDone: r[5] ?? '',
        checksPassed: r[6] ?? '',
        lastAttemptAt: r[7],
      })),
      concepts: concepts.all(workspaceId),
    }),
  );
}
