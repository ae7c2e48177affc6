import { dayCheck, type Migration } from './migration.js';

/**
 * What several instances behind one load balancer must agree on, once kept in each process's memory
 * (issue 14). Every table holds short-lived rows that the repositories sweep a bounded batch at a time.
 * - rate_limit_events: one row per use a sliding-window limit let through (`key` is the limit's own
 *   key, e.g. a member's); `expires_at` is `at` plus the window, so a sweep needs no window length.
 * - explain_counters: explanations served and cache hits per workspace and UTC day, for the report.
 *   No foreign key: a count for a workspace the store does not know is harmless and must not fail.
 * - download_links: a CSV link by the SHA-256 of its token (the token itself is only in the URL),
 *   and what to make when it is opened.
 * - pick_sessions: the sentences of an open "Explain" picker, for the member (`owner`) it was made for.
 */
export const migration006: Migration = {
  version: 6,
  name: 'shared-state',
  sql: `
CREATE TABLE rate_limit_events (
  id         INTEGER PRIMARY KEY,
  key        TEXT NOT NULL,
  at         INTEGER NOT NULL,
  expires_at INTEGER NOT NULL CHECK (expires_at >= at)
) STRICT;
CREATE INDEX rate_limit_events_key ON rate_limit_events (key, at);
CREATE INDEX rate_limit_events_expiry ON rate_limit_events (expires_at);

CREATE TABLE explain_counters (
  workspace_id TEXT NOT NULL,
  day          TEXT NOT NULL ${dayCheck('day')},
  served       INTEGER NOT NULL DEFAULT 0 CHECK (served >= 0),
  cache_hits   INTEGER NOT NULL DEFAULT 0 CHECK (cache_hits >= 0),
  PRIMARY KEY (workspace_id, day)
) STRICT, WITHOUT ROWID;
CREATE INDEX explain_counters_day ON explain_counters (day);

CREATE TABLE download_links (
  token_hash   TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
  kind         TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX download_links_expiry ON download_links (expires_at);

CREATE TABLE pick_sessions (
  id         TEXT PRIMARY KEY,
  owner      TEXT NOT NULL,
  data       TEXT NOT NULL CHECK (json_valid(data)),
  expires_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX pick_sessions_expiry ON pick_sessions (expires_at);
`,
};
