import type { Migration } from './migration.js';

/**
 * A nudge claim is a lease until its DM is sent (issue 14): an instance that dies mid-nudge leaves
 * its claims to run out, and a later nudge reaches those members. Nudges recorded before this were
 * sent (a failed one was given back), so they are marked sent.
 */
export const migration007: Migration = {
  version: 7,
  name: 'nudge-leases',
  sql: `
ALTER TABLE nudges ADD COLUMN lease_until INTEGER;
ALTER TABLE nudges ADD COLUMN sent_at INTEGER;
UPDATE nudges SET sent_at = created_at;
`,
};
