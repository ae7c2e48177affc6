import { dayCheck, type Migration } from './migration.js';

// Spaced review, streaks, nudges, the explainer's budget, and the indexes reports need.
export const migration002: Migration = {
  version: 2,
  name: 'learning',
  sql: `
CREATE TABLE review_items (
  member_id   INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  concept_id  TEXT NOT NULL,
  stage       INTEGER NOT NULL CHECK (stage >= 0),
  due_at      INTEGER NOT NULL,
  last_result TEXT NOT NULL CHECK (last_result IN ('correct', 'missed')),
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (member_id, concept_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX review_items_due ON review_items (member_id, due_at);

-- Days the member was active in their own time zone; a streak is a run of consecutive days.
CREATE TABLE activity_days (
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  day       TEXT NOT NULL ${dayCheck('day')},
  PRIMARY KEY (member_id, day)
) STRICT, WITHOUT ROWID;

-- At most one nudge per member per day, however many managers press the button.
CREATE TABLE nudges (
  member_id  INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  day        TEXT NOT NULL ${dayCheck('day')},
  created_at INTEGER NOT NULL,
  PRIMARY KEY (member_id, day)
) STRICT, WITHOUT ROWID;

CREATE TABLE explanation_spend (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  day          TEXT NOT NULL ${dayCheck('day')},
  usd_micros   INTEGER NOT NULL DEFAULT 0 CHECK (usd_micros >= 0),
  calls        INTEGER NOT NULL DEFAULT 0 CHECK (calls >= 0),
  PRIMARY KEY (workspace_id, day)
) STRICT, WITHOUT ROWID;

ALTER TABLE explanation_cache ADD COLUMN last_hit_at INTEGER;

-- Reports walk a workspace's members and read each one's rows: index the child side of each FK.
CREATE INDEX lesson_reads_member ON lesson_reads (member_id, read_at);
CREATE INDEX quiz_attempts_member ON quiz_attempts (member_id, attempted_at);
CREATE INDEX conversation_refs_workspace ON conversation_refs (workspace_id);
`,
};
