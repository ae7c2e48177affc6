import { createStore, type Platform, WEEKDAYS } from '../../src/store/index.js';
import { type DatabaseEnv, testRows } from '../support/test-database.js';

/**
 * Daily schedules made yesterday for 00:00 UTC every day, so each is due the moment a server
 * starts on this database: how the delivery tests get a fan-out without waiting for a clock.
 * `database`: a SQLite file's path, or the settings a server gets (DATABASE_URL for PostgreSQL).
 */
export async function seedDueSchedules(
  database: string | DatabaseEnv,
  workspace: { id: string; platform: Platform },
  targets: readonly string[],
): Promise<void> {
  const db = testRows(typeof database === 'string' ? { DATABASE_PATH: database } : database);
  try {
    const yesterday = Date.now() - 86_400_000;
    const store = createStore(await db.sql(), { now: () => yesterday });
    await store.workspaces.ensure(workspace);
    for (const target of targets)
      await store.schedules.upsert({
        workspaceId: workspace.id,
        platform: workspace.platform,
        target,
        timeOfDay: '00:00',
        timeZone: 'UTC',
        weekdays: [...WEEKDAYS],
        createdBy: 'seed',
      });
  } finally {
    await db.close();
  }
}
