import type { Clock } from './clock.js';
import { StoreError } from './errors.js';
import type { Sql } from './sql/sql.js';
import type { Platform } from './workspaces.js';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A channel's (or DM's) subscription to the daily prompt. */
export interface Schedule {
  id: number;
  workspaceId: string;
  platform: Platform;
  /** Channel / conversation id the prompt is posted to; one schedule per target. */
  target: string;
  /** Local wall-clock time `HH:MM` in `timeZone`. */
  timeOfDay: string;
  timeZone: string;
  weekdays: Weekday[];
  createdBy: string | null;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface UpsertSchedule {
  workspaceId: string;
  platform: Platform;
  target: string;
  timeOfDay: string;
  timeZone: string;
  weekdays: readonly Weekday[];
  createdBy?: string | null;
}

export interface ScheduleRepository {
  /** Subscribes a target, or changes its time/zone/days; (re)activates it either way. */
  upsert(input: UpsertSchedule): Promise<Schedule>;
  get(id: number): Promise<Schedule | undefined>;
  list(workspaceId: string): Promise<Schedule[]>;
  /** Unsubscribes; false when there was no active schedule for the target. */
  deactivate(workspaceId: string, target: string): Promise<boolean>;
  /** Every active schedule of every workspace, for the runner. */
  active(): Promise<Schedule[]>;
}

interface Row {
  id: number;
  workspace_id: string;
  platform: string;
  target: string;
  time_of_day: string;
  time_zone: string;
  weekdays: string;
  created_by: string | null;
  active: number;
  created_at: number;
  updated_at: number;
}

const toSchedule = (row: Row): Schedule => ({
  id: row.id,
  workspaceId: row.workspace_id,
  platform: row.platform as Platform,
  target: row.target,
  timeOfDay: row.time_of_day,
  timeZone: row.time_zone,
  weekdays: row.weekdays.split(',') as Weekday[],
  createdBy: row.created_by,
  active: row.active === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const UPSERT = `INSERT INTO schedules (workspace_id, platform, target, time_of_day, time_zone, weekdays,
    created_by, active, created_at, updated_at)
  VALUES (@workspaceId, @platform, @target, @timeOfDay, @timeZone, @weekdays, @createdBy, 1, @at, @at)
  ON CONFLICT (workspace_id, target) DO UPDATE SET
    platform = excluded.platform, time_of_day = excluded.time_of_day,
    time_zone = excluded.time_zone, weekdays = excluded.weekdays,
    created_by = coalesce(excluded.created_by, schedules.created_by),
    active = 1, updated_at = excluded.updated_at
  RETURNING *`;
const DEACTIVATE =
  'UPDATE schedules SET active = 0, updated_at = ? WHERE workspace_id = ? AND target = ? AND active = 1';

export function scheduleRepository(sql: Sql, now: Clock): ScheduleRepository {
  return {
    async upsert(input) {
      // Canonical order and no repeats, so equal schedules are stored identically.
      const weekdays = WEEKDAYS.filter((day) => input.weekdays.includes(day)).join(',');
      if (weekdays === '') {
        throw new StoreError('store_invalid_data', `A schedule for ${input.target} needs at least one weekday.`);
      }
      const row = await sql.get<Row>(UPSERT, {
        workspaceId: input.workspaceId,
        platform: input.platform,
        target: input.target,
        timeOfDay: input.timeOfDay,
        timeZone: input.timeZone,
        weekdays,
        createdBy: input.createdBy ?? null,
        at: now(),
      });
      return toSchedule(row as Row); // RETURNING always yields the row
    },
    async get(id) {
      const row = await sql.get<Row>('SELECT * FROM schedules WHERE id = ?', [id]);
      return row && toSchedule(row);
    },
    list: async (workspaceId) =>
      (await sql.all<Row>('SELECT * FROM schedules WHERE workspace_id = ? ORDER BY id', [workspaceId])).map(toSchedule),
    deactivate: async (workspaceId, target) => (await sql.run(DEACTIVATE, [now(), workspaceId, target])).changes === 1,
    active: async () => (await sql.all<Row>('SELECT * FROM schedules WHERE active = 1 ORDER BY id')).map(toSchedule),
  };
}
