import type { Member } from './members.js';
import type { Sql } from './sql/sql.js';

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
export const READ_COLUMNS = 'r.member_id AS "memberId", r.lesson_id AS "lessonId", r.mode, r.read_at AS "readAt"';

/** The report queries, exported so a test can check that their plans use indexes only. */
export const TEAM_SQL = {
  members: `SELECT m.id, m.external_id, m.display_name, m.time_zone,
      p.lessons_read, p.checks_done, p.checks_passed, p.last_attempt_at
    FROM members m LEFT JOIN member_progress p ON p.member_id = m.id WHERE m.workspace_id = ? ORDER BY m.id`,
  concepts: `SELECT concept_id AS "conceptId", correct, total FROM concept_totals WHERE workspace_id = ? ORDER BY concept_id`,
} as const;

interface StandingRow {
  id: number;
  external_id: string;
  display_name: string | null;
  time_zone: string;
  lessons_read: string | null;
  checks_done: string | null;
  checks_passed: string | null;
  last_attempt_at: number | null;
}

export const idList = (text: string | null): string[] => (text ? text.split(',') : []);

export function teamSummaryQuery(sql: Sql): (workspaceId: string) => Promise<TeamSummary> {
  // One transaction: both lists describe the same moment even while others write.
  return (workspaceId) =>
    sql.transaction(async () => ({
      members: (await sql.all<StandingRow>(TEAM_SQL.members, [workspaceId])).map((r) => ({
        id: r.id,
        externalId: r.external_id,
        displayName: r.display_name,
        timeZone: r.time_zone,
        lessonsRead: r.lessons_read ?? '',
        checksDone: r.checks_done ?? '',
        checksPassed: r.checks_passed ?? '',
        lastAttemptAt: r.last_attempt_at,
      })),
      concepts: await sql.all<TeamSummary['concepts'][number]>(TEAM_SQL.concepts, [workspaceId]),
    }));
}
