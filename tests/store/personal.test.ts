import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { createStore } from '../../src/store/index.js';
import { runMigrations, schemaVersion } from '../../src/store/migrate.js';
import { LATEST_VERSION, MIGRATIONS } from '../../src/store/migrations/index.js';
import { useTmpDir } from '../helpers/tmp-db.js';
import { BACKENDS, useStores } from './backends.js';

const tmp = useTmpDir('chat-tutor-personal-store-');

// SQLite only: this is about upgrading an existing SQLite file from an older release (PostgreSQL's
// migration chain starts at today's schema; tests/store/sql covers it).
describe('personal schedules in an upgraded SQLite file', () => {
  it('upgrades a version-4 database in place: old rows kept, personal tables usable', async () => {
    const file = tmp.file();
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    expect(runMigrations(old, MIGRATIONS.slice(0, 4))).toBe(4);
    old.exec(`
      INSERT INTO workspaces (id, platform, name, created_at) VALUES ('slack:T9', 'slack', 'Old Co', 1);
      INSERT INTO members (workspace_id, external_id, display_name, time_zone, created_at)
        VALUES ('slack:T9', 'U9', 'Grace', 'Asia/Tokyo', 2);
      INSERT INTO schedules (workspace_id, platform, target, time_of_day, time_zone, weekdays, created_by, created_at, updated_at)
        VALUES ('slack:T9', 'slack', 'C1', '09:00', 'UTC', 'mon', 'U9', 3, 3);
    `);
    old.close();

    const db = tmp.track(openDatabase(file));
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    const store = createStore(db, { now: () => 10 });
    expect(await store.schedules.list('slack:T9')).toHaveLength(1);
    const grace = await store.members.byExternal('slack:T9', 'U9');
    expect(grace?.displayName).toBe('Grace');
    const s = await store.personalSchedules.set({
      memberId: grace?.id ?? 0,
      timeOfDay: '08:30',
      weekdays: ['fri', 'mon'],
      timeZone: 'Asia/Tokyo',
      selfSet: true,
    });
    expect(s).toMatchObject({ weekdays: ['mon', 'fri'], reminders: true, optedOut: false, zoneSince: 0 });
    expect(await store.personalSchedules.runnable()).toMatchObject([
      { externalId: 'U9', memberTimeZone: 'Asia/Tokyo' },
    ]);
  });
});

describe.each(BACKENDS)('personal schedules in the store ($name)', (backend) => {
  const stores = useStores(backend);

  it('claims (member, day, kind) once; a lapsed lease is taken over and says the DM may have gone out', async () => {
    const { store } = await stores();
    await store.workspaces.ensure({ id: 'slack:T1', platform: 'slack' });
    const m = await store.members.ensure({ workspaceId: 'slack:T1', externalId: 'U1' });
    const key = { memberId: m.id, localDay: '2026-06-01', kind: 'lesson' as const };
    expect(await store.personalDeliveries.claim(key, 'a', 1_000, 100)).toMatchObject({
      attempts: 1,
      mayHaveBeenSent: false,
    });
    expect(await store.personalDeliveries.claim(key, 'b', 1_050, 100)).toBeUndefined(); // held
    expect(await store.personalDeliveries.claim({ ...key, kind: 'reminder' }, 'b', 1_050, 100)).toBeDefined(); // another kind
    expect(await store.personalDeliveries.decide(key, { kind: 'lesson', lessonId: '3.1' })).toEqual({
      kind: 'lesson',
      lessonId: '3.1',
    });
    // a died mid-send: after its lease b takes over, told it may have been sent, with a's decision.
    expect(await store.personalDeliveries.claim(key, 'b', 1_100, 100)).toEqual({
      attempts: 2,
      mayHaveBeenSent: true,
      content: { kind: 'lesson', lessonId: '3.1' },
    });
    expect(await store.personalDeliveries.decide(key, { kind: 'lesson', lessonId: '3.2' })).toEqual({
      kind: 'lesson',
      lessonId: '3.1',
    });
    expect(await store.personalDeliveries.markFailed(key, 'late', 1_150, 'a')).toBe(false); // not a's any more
    // b's own call failed: released, so the next claim knows nothing went out.
    expect(await store.personalDeliveries.markFailed(key, 'HTTP 500', 1_150, 'b')).toBe(true);
    expect(await store.personalDeliveries.claim(key, 'c', 1_160, 100)).toMatchObject({
      attempts: 3,
      mayHaveBeenSent: false,
    });
    expect(await store.personalDeliveries.markSent(key, 1_170)).toBe(true);
    expect(await store.personalDeliveries.claim(key, 'd', 9_999, 100)).toBeUndefined(); // sent: never again
    // A permanent failure is never claimed again either.
    const other = { ...key, localDay: '2026-06-02' };
    await store.personalDeliveries.claim(other, 'a', 2_000, 100);
    await store.personalDeliveries.markFailed(other, 'permanent: app not installed', 2_001, 'a');
    expect(await store.personalDeliveries.claim(other, 'b', 9_999, 100)).toBeUndefined();
  });

  it('an opt-out sticks until the member turns their schedule on again', async () => {
    const { store } = await stores();
    await store.workspaces.ensure({ id: 'slack:T1', platform: 'slack' });
    const m = await store.members.ensure({ workspaceId: 'slack:T1', externalId: 'U1', timeZone: 'Europe/Berlin' });
    const base = { memberId: m.id, timeOfDay: '09:00', weekdays: ['mon' as const], timeZone: 'Europe/Berlin' };
    await store.personalSchedules.set({ ...base, selfSet: false, enrolledBy: 'UM' });
    expect(await store.personalSchedules.optOut(m.id)).toBe(true);
    expect(await store.personalSchedules.runnable()).toEqual([]);
    expect(await store.personalSchedules.get(m.id)).toMatchObject({ optedOut: true, active: false, enrolledBy: 'UM' });
    await store.personalSchedules.set({ ...base, timeOfDay: '07:15', selfSet: true });
    expect(await store.personalSchedules.get(m.id)).toMatchObject({
      optedOut: false,
      active: true,
      selfSet: true,
      timeOfDay: '07:15',
    });
  });
});
