import { dayCheck, type Migration } from './migration.js';

// Times are integer milliseconds since the epoch (UTC); JSON is TEXT checked by json_valid.
// STRICT tables make SQLite reject a value of the wrong type instead of quietly storing it.
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE workspaces (
  id         TEXT PRIMARY KEY,              -- 'slack:T123', 'teams:<tenant>', 'cli:local'
  platform   TEXT NOT NULL,
  name       TEXT,
  settings   TEXT NOT NULL DEFAULT '{}'
             CHECK (json_valid(settings) AND json_type(settings) = 'object'),
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE members (
  id           INTEGER PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  external_id  TEXT NOT NULL,               -- the platform's user id
  display_name TEXT,
  email        TEXT,
  time_zone    TEXT NOT NULL DEFAULT 'UTC', -- IANA name; streaks and local days use it
  created_at   INTEGER NOT NULL,
  UNIQUE (workspace_id, external_id)
) STRICT;

CREATE TABLE lesson_reads (
  id        INTEGER PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  lesson_id TEXT NOT NULL,
  mode      TEXT NOT NULL CHECK (mode IN ('essentials', 'full')),
  read_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE quiz_attempts (
  id              INTEGER PRIMARY KEY,
  member_id       INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  check_id        TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,     -- a retried or double-clicked submission maps to one row
  answers         TEXT NOT NULL CHECK (json_valid(answers)),
  results         TEXT NOT NULL CHECK (json_valid(results)),
  score           INTEGER NOT NULL CHECK (score >= 0),
  total           INTEGER NOT NULL CHECK (total >= 0 AND score <= total),
  correct         INTEGER NOT NULL CHECK (correct IN (0, 1)),
  attempted_at    INTEGER NOT NULL,
  local_day       TEXT NOT NULL ${dayCheck('local_day')}
) STRICT;

CREATE TABLE schedules (
  id           INTEGER PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  platform     TEXT NOT NULL,
  target       TEXT NOT NULL,               -- channel / conversation id
  time_of_day  TEXT NOT NULL CHECK (time_of_day GLOB '[0-2][0-9]:[0-5][0-9]' AND time_of_day < '24:00'),
  time_zone    TEXT NOT NULL,
  weekdays     TEXT NOT NULL CHECK (weekdays <> ''),  -- 'mon,tue,wed,thu,fri'
  created_by   TEXT,
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  UNIQUE (workspace_id, target)
) STRICT;

-- The exactly-once ledger: one row per (schedule, local day), claimed before sending.
CREATE TABLE deliveries (
  schedule_id INTEGER NOT NULL REFERENCES schedules(id) ON DELETE CASCADE,
  local_day   TEXT NOT NULL ${dayCheck('local_day')},
  status      TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1),
  claimed_by  TEXT NOT NULL,
  claimed_at  INTEGER NOT NULL,
  sent_at     INTEGER,
  last_error  TEXT,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (schedule_id, local_day)
) STRICT, WITHOUT ROWID;

CREATE TABLE conversation_refs (
  id           TEXT PRIMARY KEY,            -- Teams conversation id
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  reference    TEXT NOT NULL CHECK (json_valid(reference)),
  updated_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE slack_installations (
  id           TEXT PRIMARY KEY,            -- enterprise id (org-wide install) or team id
  installation TEXT NOT NULL CHECK (json_valid(installation)),
  updated_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE explanation_cache (
  key            TEXT PRIMARY KEY,
  sentence       TEXT NOT NULL,
  model          TEXT NOT NULL,
  prompt_version TEXT NOT NULL,
  explanation    TEXT NOT NULL CHECK (json_valid(explanation)),
  created_at     INTEGER NOT NULL,
  hits           INTEGER NOT NULL DEFAULT 0
) STRICT;
`,
};
