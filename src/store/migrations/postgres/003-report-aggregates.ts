import type { Migration } from '../migration.js';

/**
 * PostgreSQL twin of ../003-report-aggregates.ts. SQLite's step backfills the roll-ups from
 * existing reads and attempts; a PostgreSQL database reaches this step empty (every instance
 * migrates to the latest version before serving, and `tutor db copy` fills the final schema), so
 * there is nothing to backfill.
 */
export const migration003: Migration = {
  version: 3,
  name: 'report-aggregates',
  sql: `
CREATE TABLE member_progress (
  member_id       BIGINT PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
  lessons_read    TEXT NOT NULL DEFAULT '',
  checks_done     TEXT NOT NULL DEFAULT '',
  checks_passed   TEXT NOT NULL DEFAULT '',
  last_attempt_at BIGINT
);

CREATE TABLE concept_totals (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  concept_id   TEXT NOT NULL,
  correct      INTEGER NOT NULL CHECK (correct >= 0),
  total        INTEGER NOT NULL CHECK (total >= correct),
  PRIMARY KEY (workspace_id, concept_id)
);
`,
};
