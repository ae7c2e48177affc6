import type { Clock } from './clock.js';
import { StoreError } from './errors.js';
import { WEEKDAYS, type Weekday } from './schedules.js';
import type { Sql } from './sql/sql.js';
import type { Platform } from './workspaces.js';

/** A manager's enrolment of a place: every member of it gets a personal schedule at this local time. */
export interface Enrolment {
  id: number;
  workspaceId: string;
  platform: Platform;
  /** Channel / team id. */
  place: string;
  /** `HH:MM` in each member's own time zone. */
  timeOfDay: string;
  weekdays: Weekday[];
  createdBy: string | null;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface UpsertEnrolment {
  workspaceId: string;
  platform: Platform;
  place: string;
  timeOfDay: string;
  weekdays: readonly Weekday[];
  createdBy: string | null;
}

export interface EnrolmentRepository {
  /** Enrols a place, or changes its time and days; (re)activates it either way. */
  upsert(input: UpsertEnrolment): Promise<Enrolment>;
  get(id: number): Promise<Enrolment | undefined>;
  /** The workspace's active enrolments, oldest first. */
  list(workspaceId: string): Promise<Enrolment[]>;
  /** Ends an enrolment; undefined when the place had none active. */
  deactivate(workspaceId: string, place: string): Promise<Enrolment | undefined>;
}

interface Row {
  id: number;
  workspace_id: string;
  platform: string;
  place: string;
  time_of_day: string;
  weekdays: string;
  created_by: string | null;
  active: number;
  created_at: number;
  updated_at: number;
}

const toEnrolment = (row: Row): Enrolment => ({
  id: row.id,
  workspaceId: row.workspace_id,
  platform: row.platform as Platform,
  place: row.place,
  timeOfDay: row.time_of_day,
  weekdays: row.weekdays.split(',') as Weekday[],
  createdBy: row.created_by,
  active: row.active === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Weekdays in canonical order, each once; a schedule needs at least one. */
export function weekdayList(days: readonly Weekday[], what: string): string {
  const list = WEEKDAYS.filter((d) => days.includes(d)).join(',');
  if (list === '') throw new StoreError('store_invalid_data', `${what} needs at least one weekday.`);
  return list;
}

const UPSERT = `INSERT INTO enrolments (workspace_id, platform, place, time_of_day, weekdays, created_by, active,
    created_at, updated_at)
  VALUES (@workspaceId, @platform, @place, @timeOfDay, @weekdays, @createdBy, 1, @at, @at)
  ON CONFLICT (workspace_id, place) DO UPDATE SET
    platform = excluded.platform, time_of_day = excluded.time_of_day, weekdays = excluded.weekdays,
    created_by = coalesce(excluded.created_by, enrolments.created_by), active = 1, updated_at = excluded.updated_at
  RETURNING *`;
const DEACTIVATE =
  'UPDATE enrolments SET active = 0, updated_at = ? WHERE workspace_id = ? AND place = ? AND active = 1 RETURNING *';

export function enrolmentRepository(sql: Sql, now: Clock): EnrolmentRepository {
  return {
    async upsert(input) {
      const row = await sql.get<Row>(UPSERT, {
        workspaceId: input.workspaceId,
        platform: input.platform,
        place: input.place,
        timeOfDay: input.timeOfDay,
        weekdays: weekdayList(input.weekdays, `An enrolment of ${input.place}`),
        createdBy: input.createdBy,
        at: now(),
      });
      return toEnrolment(row as Row); // RETURNING always yields the row
    },
    async get(id) {
      const row = await sql.get<Row>('SELECT * FROM enrolments WHERE id = ?', [id]);
      return row && toEnrolment(row);
    },
    list: async (workspaceId) =>
      (
        await sql.all<Row>('SELECT * FROM enrolments WHERE workspace_id = ? AND active = 1 ORDER BY id', [workspaceId])
      ).map(toEnrolment),
    async deactivate(workspaceId, place) {
      const row = await sql.get<Row>(DEACTIVATE, [now(), workspaceId, place]);
      return row && toEnrolment(row);
    },
  };
}
