import type { Migration } from '../migration.js';

/**
 * PostgreSQL twin of ../004-integrity.ts. SQLite's step also rebuilds concept_totals from the
 * attempts (json_each); a PostgreSQL database has no attempts at this step (see 003), so that
 * rebuild is left out.
 */
export const migration004: Migration = {
  version: 4,
  name: 'integrity',
  sql: `
CREATE TABLE check_cards (
  nonce     TEXT PRIMARY KEY,
  member_id BIGINT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  check_id  TEXT NOT NULL,
  issued_at BIGINT NOT NULL,
  key_slot  INTEGER,
  balanced  INTEGER NOT NULL DEFAULT 0 CHECK (balanced IN (0, 1))
);
CREATE INDEX check_cards_member ON check_cards (member_id);
CREATE INDEX check_cards_issued ON check_cards (issued_at);

CREATE TABLE request_replays (
  digest     TEXT PRIMARY KEY,
  expires_at BIGINT NOT NULL
);
CREATE INDEX request_replays_expiry ON request_replays (expires_at);

-- One row, id 1, written by the health probe: no identity, the id is always given.
CREATE TABLE health_probe (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at BIGINT NOT NULL
);
`,
};
