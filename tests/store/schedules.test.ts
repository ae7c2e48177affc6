/** Repository contract: schedules and the delivery ledger behave the same on SQLite and PostgreSQL. */
import { describe, expect, it } from 'vitest';
import type { UpsertSchedule } from '../../src/store/index.js';
import { BACKENDS, CHECK, useStores } from './backends.js';
import { seed, WORKSPACE } from './helpers.js';

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

describe.each(BACKENDS)('$name', (backend) => {
  const stores = useStores(backend);

  async function setup() {
    const opened = await stores(() => 1_700_000_000_000);
    await seed(opened.store);
    return { ...opened, schedule: await opened.store.schedules.upsert(daily) };
  }

  describe('schedules', () => {
    it('stores one schedule per target, updating and reactivating it', async () => {
      const { store, schedule } = await setup();
      expect(schedule).toMatchObject({
        target: 'C001',
        timeOfDay: '09:30',
        weekdays: ['mon', 'wed', 'fri'],
        active: true,
      });

      expect(await store.schedules.deactivate(WORKSPACE, 'C001')).toBe(true);
      expect(await store.schedules.deactivate(WORKSPACE, 'C001')).toBe(false);
      expect(await store.schedules.active()).toEqual([]);

      const changed = await store.schedules.upsert({
        ...daily,
        timeOfDay: '08:00',
        weekdays: ['sat'],
        createdBy: undefined,
      });
      expect(changed).toMatchObject({ id: schedule.id, timeOfDay: '08:00', weekdays: ['sat'], active: true });
      expect(changed.createdBy).toBe('U001'); // an edit without an author keeps the original one
      await store.schedules.upsert({ ...daily, target: 'C002' });
      expect((await store.schedules.list(WORKSPACE)).map((s) => s.target)).toEqual(['C001', 'C002']);
      expect(await store.schedules.active()).toHaveLength(2);
      expect((await store.schedules.get(schedule.id))?.timeOfDay).toBe('08:00');
    });

    it('rejects schedules without days or with an impossible time', async () => {
      const { store } = await setup();
      await expect(store.schedules.upsert({ ...daily, weekdays: [] })).rejects.toThrow(
        expect.objectContaining({ code: 'store_invalid_data' }),
      );
      await expect(store.schedules.upsert({ ...daily, timeOfDay: '25:00' })).rejects.toThrow(CHECK);
    });
  });

  describe('deliveries', () => {
    it('lets only the first of two claims win', async () => {
      const { store, schedule } = await setup();
      expect(await store.deliveries.claim(schedule.id, '2024-06-03', 'w1', 1_000, LEASE)).toBe(true);
      expect(await store.deliveries.claim(schedule.id, '2024-06-03', 'w2', 1_001, LEASE)).toBe(false);
      expect(await store.deliveries.claim(schedule.id, '2024-06-03', 'w1', 1_002, LEASE)).toBe(false);
      expect(await store.deliveries.get(schedule.id, '2024-06-03')).toMatchObject({
        status: 'claimed',
        claimedBy: 'w1',
        attempts: 1,
      });
      // Another day is another delivery.
      expect(await store.deliveries.claim(schedule.id, '2024-06-04', 'w2', 1_003, LEASE)).toBe(true);
    });

    it('hands a claim whose lease ran out to another worker', async () => {
      const { store, schedule } = await setup();
      await store.deliveries.claim(schedule.id, '2024-06-03', 'w1', 1_000, LEASE);
      expect(await store.deliveries.claim(schedule.id, '2024-06-03', 'w2', 1_000 + LEASE - 1, LEASE)).toBe(false);
      expect(await store.deliveries.claim(schedule.id, '2024-06-03', 'w2', 1_000 + LEASE, LEASE)).toBe(true);
      expect(await store.deliveries.get(schedule.id, '2024-06-03')).toMatchObject({ claimedBy: 'w2', attempts: 2 });
      // The worker that lost its lease cannot fail the new holder's claim.
      expect(await store.deliveries.markFailed(schedule.id, '2024-06-03', 'timeout', 70_000, 'w1')).toBe(false);
      expect((await store.deliveries.get(schedule.id, '2024-06-03'))?.status).toBe('claimed');
    });

    it('never hands out a sent delivery again', async () => {
      const { store, schedule } = await setup();
      await store.deliveries.claim(schedule.id, '2024-06-03', 'w1', 1_000, LEASE);
      expect(await store.deliveries.markSent(schedule.id, '2024-06-03', 2_000)).toBe(true);
      expect(await store.deliveries.markSent(schedule.id, '2024-06-03', 3_000)).toBe(false);
      expect(await store.deliveries.claim(schedule.id, '2024-06-03', 'w2', 10 * LEASE, LEASE)).toBe(false);
      expect(await store.deliveries.markFailed(schedule.id, '2024-06-03', 'late error', 4_000)).toBe(false);
      expect(await store.deliveries.get(schedule.id, '2024-06-03')).toMatchObject({ status: 'sent', sentAt: 2_000 });
    });

    it('makes a failed delivery claimable again, keeping the error', async () => {
      const { store, schedule } = await setup();
      await store.deliveries.claim(schedule.id, '2024-06-03', 'w1', 1_000, LEASE);
      expect(await store.deliveries.markFailed(schedule.id, '2024-06-03', 'ratelimited', 1_500, 'w1')).toBe(true);
      expect(await store.deliveries.get(schedule.id, '2024-06-03')).toMatchObject({
        status: 'failed',
        lastError: 'ratelimited',
      });
      expect(await store.deliveries.claim(schedule.id, '2024-06-03', 'w2', 1_600, LEASE)).toBe(true);
      expect(await store.deliveries.claim(schedule.id, '2024-06-03', 'w3', 1_700, LEASE)).toBe(false);
      expect(await store.deliveries.get(schedule.id, '2024-06-03')).toMatchObject({ status: 'claimed', attempts: 2 });
      expect(await store.deliveries.get(schedule.id, '2024-06-09')).toBeUndefined();
    });

    it('survives a restart: the ledger is in the database', async () => {
      const { store, schedule, connect, close } = await setup();
      await store.deliveries.claim(schedule.id, '2024-06-03', 'w1', 1_000, LEASE);
      await store.deliveries.markSent(schedule.id, '2024-06-03', 2_000);
      const restarted = await connect();
      await close();
      expect(await restarted.store.deliveries.claim(schedule.id, '2024-06-03', 'w9', 10 * LEASE, LEASE)).toBe(false);
    });
  });
});
