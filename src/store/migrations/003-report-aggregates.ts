import type { Migration } from './migration.js';

/**
 * Roll-ups for the manager report, kept current by the writes that change them: one row per
 * member (lessons read, checks done and passed, last attempt) and per-concept totals per
 * workspace. The report then reads one row per member instead of every read and attempt
 * (10,000 members × 9 checks well under 100 ms). Existing data is backfilled.
 */
export const migration003: Migration = {
  version: 3,
  name: 'report-aggregates',
  sql: `
CREATE TABLE member_progress (
  member_id       INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
  -- Comma-separated ids, each once: what the member has read, answered, and answered right.
  lessons_read    TEXT NOT NULL DEFAULT '',
  checks_done     TEXT NOT NULL DEFAULT '',
  checks_passed   TEXT NOT NULL DEFAULT '',
  last_attempt_at INTEGER
) STRICT;

CREATE TABLE concept_totals (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  concept_id   TEXT NOT NULL,
  correct      INTEGER NOT NULL CHECK (correct >= 0),
  total        INTEGER NOT NULL CHECK (total >= correct),
  PRIMARY KEY (workspace_id, concept_id)
) STRICT, WITHOUT ROWID;

INSERT INTO member_progress (member_id, lessons_read, checks_done, checks_passed, last_attempt_at)
SELECT m.id,
  coalesce((SELECT group_concat(lesson_id) FROM (SELECT DISTINCT lesson_id FROM lesson_reads WHERE member_id = m.id)), ''),
  coalesce((SELECT group_concat(check_id) FROM (SELECT DISTINCT check_id FROM quiz_attempts WHERE member_id = m.id)), ''),
  coalesce((SELECT group_concat(check_id) FROM (SELECT DISTINCT check_id FROM quiz_attempts WHERE member_id = m.id AND correct = 1)), ''),
  (SELECT max(attempted_at) FROM quiz_attempts WHERE member_id = m.id)
FROM members m;

INSERT INTO concept_totals (workspace_id, concept_id, correct, total)
SELECT m.workspace_id, json_extract(c.value, '$.conceptId'), sum(json_extract(c.value, '$.correct')),
       sum(json_extract(c.value, '$.total'))
FROM quiz_attempts a JOIN members m ON m.id = a.member_id, json_each(a.results, '$.concepts') c
WHERE json_type(c.value, '$.conceptId') = 'text'
  AND json_type(c.value, '$.correct') = 'integer'
  AND json_type(c.value, '$.total') = 'integer'
  AND json_extract(c.value, '$.correct') BETWEEN 0 AND json_extract(c.value, '$.total')
GROUP BY m.workspace_id, json_extract(c.value, '$.conceptId');
`,
};
