import type { Migration } from '../migration.js';

// PostgreSQL twin of ../007-nudge-leases.ts.
export const postgresMigration007: Migration = {
  version: 7,
  name: 'nudge-leases',
  sql: `
ALTER TABLE nudges ADD COLUMN lease_until BIGINT, ADD COLUMN sent_at BIGINT;
UPDATE nudges SET sent_at = created_at;
`,
};
