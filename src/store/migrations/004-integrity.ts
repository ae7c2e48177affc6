import type { Migration } from './migration.js';

/**
 * Integrity of the figures and of manager requests:
 * - check_cards: every check card's nonce, issued by the server and bound to the member it was
 *   shown to and its check, so an answer on a forged, foreign or unknown card is refused.
 * - request_replays: a hash of each manager request's signature for Slack's 5-minute window, kept
 *   in the database so a restart does not reopen the window.
 * - health_probe: the row /healthz writes to prove the file takes a committed write.
 * - concept_totals now count each member's first attempt per check only: rebuilt from the attempts.
 */
export const migration004: Migration = {
  version: 4,
  name: 'integrity',
  sql: `
CREATE TABLE check_cards (
  nonce     TEXT PRIMARY KEY,
  member_id INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  check_id  TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  key_slot  INTEGER,                        -- where a choice card shows its right option; never sent out
  balanced  INTEGER NOT NULL DEFAULT 0 CHECK (balanced IN (0, 1))  -- a first attempt's slot, counted for balance
) STRICT, WITHOUT ROWID;
CREATE INDEX check_cards_member ON check_cards (member_id);
CREATE INDEX check_cards_issued ON check_cards (issued_at);

CREATE TABLE request_replays (
  digest     TEXT PRIMARY KEY,              -- sha256 of the request's signature, never the signature
  expires_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX request_replays_expiry ON request_replays (expires_at);

-- /healthz commits one row here (throttled): only a committed write shows a file made read-only.
CREATE TABLE health_probe (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at INTEGER NOT NULL
) STRICT;

DELETE FROM concept_totals;
INSERT INTO concept_totals (workspace_id, concept_id, correct, total)
SELECT m.workspace_id, json_extract(c.value, '$.conceptId'), sum(json_extract(c.value, '$.correct')),
       sum(json_extract(c.value, '$.total'))
FROM (
  SELECT id, member_id, results,
         row_number() OVER (PARTITION BY member_id, check_id ORDER BY attempted_at, id) AS nth
  FROM quiz_attempts
) a JOIN members m ON m.id = a.member_id, json_each(a.results, '$.concepts') c
WHERE a.nth = 1
  AND json_type(c.value, '$.conceptId') = 'text'
  AND json_type(c.value, '$.correct') = 'integer'
  AND json_type(c.value, '$.total') = 'integer'
  AND json_extract(c.value, '$.correct') BETWEEN 0 AND json_extract(c.value, '$.total')
GROUP BY m.workspace_id, json_extract(c.value, '$.conceptId');
`,
};
