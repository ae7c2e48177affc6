import { dayCheck, type Migration } from './migration.js';

const TIME = (column: string) => `CHECK (${column} GLOB '[0-2][0-9]:[0-5][0-9]' AND ${column} < '24:00')`;

/**
 * Personal daily lessons by DM (issue 15):
 * - enrolments: a manager's "everyone in this place gets lessons at 09:00 their time";
 * - personal_schedules: one per member, in the member's own zone. `time_zone` is the zone it is
 *   served in and `zone_since` when it was adopted, so a member who moves is served at the new local
 *   time from the next local day. `opted_out` is the member's own "off": an enrolment never turns it
 *   back on. `self_set`: the member chose their own time, which a later enrolment leaves alone.
 * - personal_deliveries: the exactly-once ledger per (member, local day, kind), with a lease, and
 *   the content decided at the first claim (so a takeover sends the same lesson, not the next one).
 */
export const migration005: Migration = {
  version: 5,
  name: 'personal',
  sql: `
CREATE TABLE enrolments (
  id           INTEGER PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  platform     TEXT NOT NULL,
  place        TEXT NOT NULL,               -- channel / team id whose members are enrolled
  time_of_day  TEXT NOT NULL ${TIME('time_of_day')},
  weekdays     TEXT NOT NULL CHECK (weekdays <> ''),
  created_by   TEXT,
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  UNIQUE (workspace_id, place)
) STRICT;

CREATE TABLE personal_schedules (
  member_id    INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
  time_of_day  TEXT NOT NULL ${TIME('time_of_day')},
  weekdays     TEXT NOT NULL CHECK (weekdays <> ''),
  time_zone    TEXT NOT NULL,
  zone_since   INTEGER NOT NULL,
  reminders    INTEGER NOT NULL DEFAULT 1 CHECK (reminders IN (0, 1)),
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  opted_out    INTEGER NOT NULL DEFAULT 0 CHECK (opted_out IN (0, 1)),
  self_set     INTEGER NOT NULL DEFAULT 0 CHECK (self_set IN (0, 1)),
  enrolled_by  TEXT,                        -- the manager's platform id; NULL when the member started it
  enrolment_id INTEGER REFERENCES enrolments(id) ON DELETE SET NULL,
  finished_at  INTEGER,                     -- the chapter is done: the schedule stopped itself
  unreachable  TEXT,                        -- why the last DM could not reach the member (e.g. app not installed)
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX personal_schedules_enrolment ON personal_schedules (enrolment_id);

CREATE TABLE personal_deliveries (
  member_id   INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  local_day   TEXT NOT NULL ${dayCheck('local_day')},
  kind        TEXT NOT NULL CHECK (kind IN ('lesson', 'reminder')),
  status      TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1),
  claimed_by  TEXT NOT NULL,
  lease_until INTEGER NOT NULL,
  maybe_sent  INTEGER NOT NULL DEFAULT 0 CHECK (maybe_sent IN (0, 1)),
  content     TEXT CHECK (content IS NULL OR json_valid(content)),
  sent_at     INTEGER,
  last_error  TEXT,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (member_id, local_day, kind)
) STRICT, WITHOUT ROWID;
CREATE INDEX personal_deliveries_day ON personal_deliveries (local_day, kind, status);
`,
};
