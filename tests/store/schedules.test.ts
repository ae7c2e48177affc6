import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import type { UpsertSchedule } from '../../src/store/index.js';
import { useTmpDir } from '../helpers/tmp-db.js';
import { seeded, WORKSPACE } from './helpers.js';

const tmp = useTmpDir();
const LEASE = 60_000;

const daily: UpsertSchedule = {
  workspaceId: WORKSPACE,
  platform: 'slack',
  target: 'C001',
  timeOfDay: '09:30',
  timeZone: 'Europe/Berlin',
  weekdays: ['fri', 'mon', 'wed', 'mon'],
  createdBy: 'U001',
};

function setup() {
  const { store } = seeded(tmp.track(openDatabase(tmp.file())));
  return { store, schedule: store.schedules.upsert(daily) };
}

describe('schedules', () => {
  it('stores one schedule per target, updating and reactivating it', () => {
    const { store, schedule } = setup();
    expect(schedule).toMatchObject({
      target: 'C001',
      timeOfDay: '09:30',
      weekdays: ['mon', 'wed', 'fri'],
      active: true,
    });

    expect(store.schedules.deactivate(WORKSPACE, 'C001')).toBe(true);
    expect(store.schedules.deactivate(WORKSPACE, 'C001')).toBe(false);
    expect(store.schedules.active()).toEqual([]);

    const changed = store.schedules.upsert({ ...daily, timeOfDay: '08:00', weekdays: ['sat'], createdBy: undefined });
    expect(changed).toMatchObject({ id: schedule.id, timeOfDay: '08:00', weekdays: ['sat'], active: true });
    expect(changed.createdBy).toBe('U001'); // an edit without an author keeps the original one
    store.schedules.upsert({ ...daily, target: 'C002' });
    expect(store.schedules.list(WORKSPACE).map((s) => s.target)).toEqual(['C001', 'C002']);
    expect(store.schedules.active()).toHaveLength(2);
    expect(store.schedules.get(schedule.id)?.timeOfDay).toBe('08:00');
  });

  it('rejects schedules without days or with an impossible time', () => {
    const { store } = setup();
    expect(() => store.schedules.upsert({ ...daily, weekdays: [] })).toThrow(
      expect.objectContaining({ code: 'store_invalid_data' }),
    );
    expect(() => store.schedules.upsert({ ...daily, timeOfDay: '25:00' })).toThrow(/CHECK/);
  });
});

describe('deliveries', () => {
  it('lets only the first of two claims win', () => {
    const { store, schedule } = setup();
    expect(store.deliveries.claim(schedule.id, '2024-06-03', 'w1', 1_000, LEASE)).toBe(true);
    expect(store.deliveries.claim(schedule.id, '2024-06-03', 'w2', 1_001, LEASE)).toBe(false);
    expect(store.deliveries.claim(schedule.id, '2024-06-03', 'w1', 1_002, LEASE)).toBe(false);
    expect(store.deliveries.get(schedule.id, '2024-06-03')).toMatchObject({
      status: 'claimed',
      claimedBy: 'w1',
      attempts: 1,
    });
    // Another day is another delivery.
    expect(store.deliveries.claim(schedule.id, '2024-06-04', 'w2', 1_003, LEASE)).toBe(true);
  });

  it('hands a claim whose lease ran out to another worker', () => {
    const { store, schedule } = setup();
    store.deliveries.claim(schedule.id, '2024-06-03', 'w1', 1_000, LEASE);
    expect(store.deliveries.claim(schedule.id, '2024-06-03', 'w2', 1_000 + LEASE - 1, LEASE)).toBe(false);
    expect(store.deliveries.claim(schedule.id, '2024-06-03', 'w2', 1_000 + LEASE, LEASE)).toBe(true);
    expect(store.deliveries.get(schedule.id, '2024-06-03')).toMatchObject({ claimedBy: 'w2', attempts: 2 });
    // The worker that lost its lease cannot fail the new holder's claim.
    expect(store.deliveries.markFailed(schedule.id, '2024-06-03', 'timeout', 70_000, 'w1')).toBe(false);
    expect(store.deliveries.get(schedule.id, '2024-06-03')?.status).toBe('claimed');
  });

  it('never hands out a sent delivery again', () => {
    const { store, schedule } = setup();
    store.deliveries.claim(schedule.id, '2024-06-03', 'w1', 1_000, LEASE);
    expect(store.deliveries.markSent(schedule.id, '2024-06-03', 2_000)).toBe(true);
    expect(store.deliveries.markSent(schedule.id, '2024-06-03', 3_000)).toBe(false);
    expect(store.deliveries.claim(schedule.id, '2024-06-03', 'w2', 10 * LEASE, LEASE)).toBe(false);
    expect(store.deliveries.markFailed(schedule.id, '2024-06-03', 'late error', 4_000)).toBe(false);
    expect(store.deliveries.get(schedule.id, '2024-06-03')).toMatchObject({ status: 'sent', sentAt: 2_000 });
  });

  it('makes a failed delivery claimable again, keeping the error', () => {
    const { store, schedule } = setup();
    store.deliveries.claim(schedule.id, '2024-06-03', 'w1', 1_000, LEASE);
    expect(store.deliveries.markFailed(schedule.id, '2024-06-03', 'ratelimited', 1_500, 'w1')).toBe(true);
    expect(store.deliveries.get(schedule.id, '2024-06-03')).toMatchObject({
      status: 'failed',
      lastError: 'ratelimited',
    });
    expect(store.deliveries.claim(schedule.id, '2024-06-03', 'w2', 1_600, LEASE)).toBe(true);
    expect(store.deliveries.claim(schedule.id, '2024-06-03', 'w3', 1_700, LEASE)).toBe(false);
    expect(store.deliveries.get(schedule.id, '2024-06-03')).toMatchObject({ status: 'claimed', attempts: 2 });
    expect(store.deliveries.get(schedule.id, '2024-06-09')).toBeUndefined();
  });

  it('survives a restart: the ledger is in the file', () => {
    const file = tmp.file();
    const { store, schedule } = setup();
    store.deliveries.claim(schedule.id, '2024-06-03', 'w1', 1_000, LEASE);
    store.deliveries.markSent(schedule.id, '2024-06-03', 2_000);
    const { store: restarted } = seeded(tmp.track(openDatabase(file)));
    expect(restarted.deliveries.claim(schedule.id, '2024-06-03', 'w9', 10 * LEASE, LEASE)).toBe(false);
  });
});
