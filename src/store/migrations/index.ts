import { migration001 } from './001-initial.js';
import { migration002 } from './002-learning.js';
import { migration003 } from './003-report-aggregates.js';
import { migration004 } from './004-integrity.js';
import { migration005 } from './005-personal.js';
import { migration006 } from './006-shared-state.js';
import { migration007 } from './007-nudge-leases.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every migration, oldest first. Append new ones; never edit or reorder a released one. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
];

export const LATEST_VERSION: number = MIGRATIONS.length;
