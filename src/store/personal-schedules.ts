import type { Clock } from './clock.js';
import { weekdayList } from './enrolments.js';
import type { Weekday } from './schedules.js';
import type { Sql } from './sql/sql.js';
import type { Platform } from './workspaces.js';

/** One member's daily lesson by DM, at their own local time. */
export interface PersonalSchedule {
  memberId: number;
  /** `HH:MM` in `timeZone`. */
  timeOfDay: string;
  weekdays: Weekday[];
  /** The zone the schedule is served in: the member's, adopted from the local day after it changed. */
  timeZone: string;
  /**
   * When the schedule moved to `timeZone` (0: it started there): a local day that began before the
   * move is not served in the new zone.
   */
  zoneSince: number;
  reminders: boolean;
  active: boolean;
  /** The member turned it off: an enrolment never turns it back on. */
  optedOut: boolean;
  /** The member chose this time themselves: a later enrolment leaves it alone. */
  selfSet: boolean;
  /** The manager who enrolled the member (platform id); null when the member started it. */
  enrolledBy: string | null;
  enrolmentId: number | null;
  finishedAt: number | null;
  /** Why the last DM could not reach the member; null once one got through. */
  unreachable: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A schedule with what the runner needs of its member: who to DM, and their zone now. */
export interface RunnableSchedule extends PersonalSchedule {
  workspaceId: string;
  platform: Platform;
  externalId: string;
  /** The member's zone as the platform last told it (members.time_zone). */
  memberTimeZone: string;
}

export interface SetPersonalSchedule {
  memberId: number;
  timeOfDay: string;
  weekdays: readonly Weekday[];
  timeZone: string;
  /** true: the member set it (turns an opt-out off); false: an enrolment did. */
  selfSet: boolean;
  enrolledBy?: string | null;
  enrolmentId?: number | null;
  reminders?: boolean;
}

export interface PersonalScheduleRepository {
  /** Starts or changes a member's schedule and activates it (clearing opt-out and a finished chapter). */
  set(input: SetPersonalSchedule): Promise<PersonalSchedule>;
  get(memberId: number): Promise<PersonalSchedule | undefined>;
  /** The member's own "off": stays off until they turn it on again. False when there was none. */
  optOut(memberId: number): Promise<boolean>;
  setReminders(memberId: number, on: boolean): Promise<boolean>;
  /** The chapter is done: the schedule stops itself. */
  finish(memberId: number): Promise<void>;
  /** Serves the schedule in the member's new zone from now on (the runner calls it once it sees the change). */
  adoptZone(memberId: number, timeZone: string): Promise<void>;
  /** Notes (or, with null, clears) why DMs cannot reach the member, for the manager's report. */
  markUnreachable(memberId: number, reason: string | null): Promise<void>;
  /** Stops the schedules an enrolment made that the member never made their own; returns how many. */
  endEnrolment(enrolmentId: number): Promise<number>;
  /** Active, unfinished, not opted out: what the runner looks at each tick. */
  runnable(): Promise<RunnableSchedule[]>;
  /** Every schedule of a workspace's members (for the manager's report and `enroll list`). */
  ofWorkspace(workspaceId: string): Promise<(PersonalSchedule & { externalId: string })[]>;
}

interface Row {
  member_id: number;
  time_of_day: string;
  weekdays: string;
  time_zone: string;
  zone_since: number;
  reminders: number;
  active: number;
  opted_out: number;
  self_set: number;
  enrolled_by: string | null;
  enrolment_id: number | null;
  finished_at: number | null;
  unreachable: string | null;
  created_at: number;
  updated_at: number;
}

interface JoinedRow extends Row {
  workspace_id: string;
  platform: string;
  external_id: string;
  member_time_zone: string;
}

const toSchedule = (row: Row): PersonalSchedule => ({
  memberId: row.member_id,
  timeOfDay: row.time_of_day,
  weekdays: row.weekdays.split(',') as Weekday[],
  timeZone: row.time_zone,
  zoneSince: row.zone_since,
  reminders: row.reminders === 1,
  active: row.active === 1,
  optedOut: row.opted_out === 1,
  selfSet: row.self_set === 1,
  enrolledBy: row.enrolled_by,
  enrolmentId: row.enrolment_id,
  finishedAt: row.finished_at,
  unreachable: row.unreachable,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const SET = `INSERT INTO personal_schedules (member_id, time_of_day, weekdays, time_zone, zone_since, reminders, active,
    opted_out, self_set, enrolled_by, enrolment_id, created_at, updated_at)
  VALUES (@memberId, @timeOfDay, @weekdays, @timeZone, 0, coalesce(@reminders, 1), 1, 0, @selfSet,
    @enrolledBy, @enrolmentId, @at, @at)
  ON CONFLICT (member_id) DO UPDATE SET
    time_of_day = excluded.time_of_day, weekdays = excluded.weekdays,
    zone_since = CASE WHEN excluded.time_zone = personal_schedules.time_zone
                 THEN personal_schedules.zone_since ELSE excluded.created_at END,
    time_zone = excluded.time_zone,
    reminders = CASE WHEN @remindersGiven = 1 THEN excluded.reminders ELSE personal_schedules.reminders END,
    active = 1, opted_out = 0, finished_at = NULL,
    self_set = CASE WHEN excluded.self_set = 1 THEN 1 ELSE personal_schedules.self_set END,
    enrolled_by = CASE WHEN excluded.self_set = 1 THEN personal_schedules.enrolled_by ELSE excluded.enrolled_by END,
    enrolment_id = CASE WHEN excluded.self_set = 1 THEN personal_schedules.enrolment_id ELSE excluded.enrolment_id END,
    updated_at = excluded.updated_at
  RETURNING *`;
const RUNNABLE = `SELECT p.*, m.workspace_id, w.platform, m.external_id, m.time_zone AS member_time_zone
  FROM personal_schedules p JOIN members m ON m.id = p.member_id JOIN workspaces w ON w.id = m.workspace_id
  WHERE p.active = 1 AND p.opted_out = 0 AND p.finished_at IS NULL
  ORDER BY p.member_id`;
const OF_WORKSPACE = `SELECT p.*, m.external_id FROM personal_schedules p JOIN members m ON m.id = p.member_id
  WHERE m.workspace_id = ? ORDER BY m.id`;
const UNREACHABLE =
  'UPDATE personal_schedules SET unreachable = @reason WHERE member_id = @memberId AND unreachable IS DISTINCT FROM @reason';
const END_ENROLMENT = `UPDATE personal_schedules SET active = 0, updated_at = ?
  WHERE enrolment_id = ? AND self_set = 0 AND active = 1`;

export function personalScheduleRepository(sql: Sql, now: Clock): PersonalScheduleRepository {
  return {
    async set(input) {
      const row = await sql.get<Row>(SET, {
        memberId: input.memberId,
        timeOfDay: input.timeOfDay,
        weekdays: weekdayList(input.weekdays, `A personal schedule for member ${input.memberId}`),
        timeZone: input.timeZone,
        selfSet: input.selfSet ? 1 : 0,
        enrolledBy: input.enrolledBy ?? null,
        enrolmentId: input.enrolmentId ?? null,
        reminders: input.reminders === false ? 0 : 1,
        remindersGiven: input.reminders === undefined ? 0 : 1,
        at: now(),
      });
      return toSchedule(row as Row); // RETURNING always yields the row
    },
    async get(memberId) {
      const row = await sql.get<Row>('SELECT * FROM personal_schedules WHERE member_id = ?', [memberId]);
      return row && toSchedule(row);
    },
    optOut: async (memberId) =>
      (
        await sql.run('UPDATE personal_schedules SET active = 0, opted_out = 1, updated_at = ? WHERE member_id = ?', [
          now(),
          memberId,
        ])
      ).changes === 1,
    setReminders: async (memberId, on) =>
      (
        await sql.run('UPDATE personal_schedules SET reminders = ?, updated_at = ? WHERE member_id = ?', [
          on ? 1 : 0,
          now(),
          memberId,
        ])
      ).changes === 1,
    async finish(memberId) {
      await sql.run('UPDATE personal_schedules SET finished_at = ? WHERE member_id = ? AND finished_at IS NULL', [
        now(),
        memberId,
      ]);
    },
    async adoptZone(memberId, timeZone) {
      await sql.run('UPDATE personal_schedules SET time_zone = ?, zone_since = ? WHERE member_id = ?', [
        timeZone,
        now(),
        memberId,
      ]);
    },
    async markUnreachable(memberId, reason) {
      await sql.run(UNREACHABLE, { reason, memberId });
    },
    endEnrolment: async (enrolmentId) => (await sql.run(END_ENROLMENT, [now(), enrolmentId])).changes,
    runnable: async () =>
      (await sql.all<JoinedRow>(RUNNABLE)).map((r) => ({
        ...toSchedule(r),
        workspaceId: r.workspace_id,
        platform: r.platform as Platform,
        externalId: r.external_id,
        memberTimeZone: r.member_time_zone,
      })),
    ofWorkspace: async (workspaceId) =>
      (await sql.all<Row & { external_id: string }>(OF_WORKSPACE, [workspaceId])).map((r) => ({
        ...toSchedule(r),
        externalId: r.external_id,
      })),
  };
}
