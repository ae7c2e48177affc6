import type { Migration } from '../migration.js';
import { migration001 } from './001-initial.js';
import { migration002 } from './002-learning.js';
import { migration003 } from './003-report-aggregates.js';
import { migration004 } from './004-integrity.js';
import { migration005 } from './005-personal.js';
import { postgresMigration006 } from './006-shared-state.js';
import { postgresMigration007 } from './007-nudge-leases.js';

/**
 * PostgreSQL's migrations, one per SQLite migration with the same version and name, ending at the
 * same schema so the same queries run on both. Append new ones in step with ../index.ts.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  postgresMigration006,
  postgresMigration007,
];
