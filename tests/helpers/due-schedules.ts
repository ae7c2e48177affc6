import { createStore, openDatabase, type Platform, WEEKDAYS } from '../../src/store/index.js';

/**
 * Daily schedules made yesterday for 00:00 UTC every day, so each is due the moment a server
 * starts on this database: how the delivery tests get a fan-out without waiting for a clock.
 */
export async function seedDueSchedules(
  dbPath: string,
  workspace: { id: string; platform: Platform },
  targets: readonly string[],
): Promise<void> {
  const db = openDatabase(dbPath);
  try {
    const yesterday = Date.now() - 86_400_000;
    const store = createStore(db, { now: () => yesterday });
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
    db.close();
  }
}
