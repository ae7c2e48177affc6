import type { Migration } from '../migration.js';
import { pgDayCheck } from './checks.js';

// PostgreSQL twin of ../002-learning.ts.
export const migration002: Migration = {
  version: 2,
  name: 'learning',
  sql: `
CREATE TABLE review_items (
  member_id   BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  concept_id  TEXT NOT NULL,
  stage       INTEGER NOT NULL CHECK (stage >= 0),
  due_at      BIGINT NOT NULL,
  last_result TEXT NOT NULL CHECK (last_result IN ('correct', 'missed')),
  updated_at  BIGINT NOT NULL,
  PRIMARY KEY (member_id, concept_id)
);
CREATE INDEX review_items_due ON review_items (member_id, due_at);

CREATE TABLE activity_days (
  member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  day       TEXT NOT NULL ${pgDayCheck('day')},
  PRIMARY KEY (member_id, day)
);

CREATE TABLE nudges (
  member_id  BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  day        TEXT NOT NULL ${pgDayCheck('day')},
  created_at BIGINT NOT NULL,
  PRIMARY KEY (member_id, day)
);

-- Micro-dollars of a busy day can pass 2^31: BIGINT, as SQLite's INTEGER is 64-bit.
CREATE TABLE explanation_spend (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  day          TEXT NOT NULL ${pgDayCheck('day')},
  usd_micros   BIGINT NOT NULL DEFAULT 0 CHECK (usd_micros >= 0),
  calls        INTEGER NOT NULL DEFAULT 0 CHECK (calls >= 0),
  PRIMARY KEY (workspace_id, day)
);

ALTER TABLE explanation_cache ADD COLUMN last_hit_at BIGINT;

CREATE INDEX lesson_reads_member ON lesson_reads (member_id, read_at);
CREATE INDEX quiz_attempts_member ON quiz_attempts (member_id, attempted_at);
CREATE INDEX conversation_refs_workspace ON conversation_refs (workspace_id);
`,
};
