/** Repository contract: members, progress, reviews and nudges behave the same on SQLite and PostgreSQL. */
import { describe, expect, it } from 'vitest';
import type { NewAttempt } from '../../src/store/index.js';
import { BACKENDS, CHECK, FOREIGN_KEY, useStores } from './backends.js';
import { seed, WORKSPACE } from './helpers.js';

const attempt = (memberId: number, overrides: Partial<NewAttempt> = {}): NewAttempt => ({
  memberId,
  checkId: '3.4-a',
  idempotencyKey: `U001:3.4-a:nonce-1`,
  answers: { choice: 'b' },
  results: { concepts: [{ id: 'inference-cost', correct: true }] },
  score: 1,
  total: 1,
  correct: true,
  at: 1_700_000_000_000,
  localDay: '2023-11-14',
  ...overrides,
});

describe.each(BACKENDS)('$name', (backend) => {
  const stores = useStores(backend);
  const open = async () => {
    const opened = await stores(() => 1_700_000_000_000);
    return { ...opened, member: await seed(opened.store) };
  };

  describe('workspaces and members', () => {
    it('ensures a workspace once, refreshing its name and storing settings', async () => {
      const { store } = await open();
      expect(await store.workspaces.get(WORKSPACE)).toMatchObject({ platform: 'slack', name: 'Acme', settings: {} });
      await store.workspaces.ensure({ id: WORKSPACE, platform: 'slack' }); // no name: keep the old one
      expect((await store.workspaces.get(WORKSPACE))?.name).toBe('Acme');
      await store.workspaces.ensure({ id: WORKSPACE, platform: 'slack', name: 'Acme Inc' });
      expect((await store.workspaces.get(WORKSPACE))?.name).toBe('Acme Inc');
      expect(await store.workspaces.setSettings(WORKSPACE, { showScores: true })).toBe(true);
      expect((await store.workspaces.get(WORKSPACE))?.settings).toEqual({ showScores: true });
      expect(await store.workspaces.setSettings('slack:nope', {})).toBe(false);
      expect(await store.workspaces.get('slack:nope')).toBeUndefined();
    });

    it('ensures a member once per workspace, updating only the fields given', async () => {
      const { store, member } = await open();
      expect(member).toMatchObject({ workspaceId: WORKSPACE, externalId: 'U001', displayName: 'Ada', timeZone: 'UTC' });
      const again = await store.members.ensure({ workspaceId: WORKSPACE, externalId: 'U001', timeZone: 'Asia/Tokyo' });
      expect(again).toMatchObject({ id: member.id, displayName: 'Ada', timeZone: 'Asia/Tokyo' });
      expect((await store.members.get(member.id))?.timeZone).toBe('Asia/Tokyo');
      expect((await store.members.byExternal(WORKSPACE, 'U001'))?.id).toBe(member.id);
      expect(await store.members.byExternal(WORKSPACE, 'U404')).toBeUndefined();

      // The same external id in another workspace is another person.
      await store.workspaces.ensure({ id: 'teams:tenant-1', platform: 'teams' });
      const other = await store.members.ensure({ workspaceId: 'teams:tenant-1', externalId: 'U001' });
      expect(other.id).not.toBe(member.id);
      expect((await store.members.list(WORKSPACE)).map((m) => m.id)).toEqual([member.id]);
    });

    it('enforces foreign keys', async () => {
      const { store } = await open();
      await expect(store.members.ensure({ workspaceId: 'slack:missing', externalId: 'U1' })).rejects.toThrow(
        FOREIGN_KEY,
      );
      await expect(store.progress.recordRead({ memberId: 999, lessonId: '3.1', mode: 'full', at: 1 })).rejects.toThrow(
        FOREIGN_KEY,
      );
      await expect(store.progress.recordAttempt(attempt(999))).rejects.toThrow(FOREIGN_KEY);
    });
  });

  describe('progress', () => {
    it('records lesson reads in order', async () => {
      const { store, member } = await open();
      await store.progress.recordRead({ memberId: member.id, lessonId: '3.2', mode: 'full', at: 20 });
      await store.progress.recordRead({ memberId: member.id, lessonId: '3.1', mode: 'essentials', at: 10 });
      expect(await store.progress.reads(member.id)).toEqual([
        { memberId: member.id, lessonId: '3.1', mode: 'essentials', readAt: 10 },
        { memberId: member.id, lessonId: '3.2', mode: 'full', readAt: 20 },
      ]);
      await expect(
        store.progress.recordRead({ memberId: member.id, lessonId: '3.1', mode: 'skim' as 'full', at: 1 }),
      ).rejects.toThrow(CHECK);
    });

    it('stores an attempt once per idempotency key and returns the first on a repeat', async () => {
      const { store, member } = await open();
      const first = await store.progress.recordAttempt(attempt(member.id));
      expect(first.recorded).toBe(true);
      expect(first.attempt).toMatchObject({
        memberId: member.id,
        checkId: '3.4-a',
        answers: { choice: 'b' },
        results: { concepts: [{ id: 'inference-cost', correct: true }] },
        correct: true,
        attemptedAt: 1_700_000_000_000,
        localDay: '2023-11-14',
      });

      // A double click with different (later) content: still the first attempt, no second row.
      const repeat = await store.progress.recordAttempt(
        attempt(member.id, { answers: { choice: 'c' }, correct: false, score: 0, at: 1_700_000_005_000 }),
      );
      expect(repeat).toEqual({ recorded: false, attempt: first.attempt });
      expect(await store.progress.attempts(member.id)).toEqual([first.attempt]);

      const second = await store.progress.recordAttempt(attempt(member.id, { idempotencyKey: 'U001:3.4-a:nonce-2' }));
      expect(second.recorded).toBe(true);
      expect(await store.progress.attempts(member.id)).toHaveLength(2);
    });

    it("refuses a key that belongs to another member's attempt", async () => {
      const { store, member } = await open();
      const other = await store.members.ensure({ workspaceId: WORKSPACE, externalId: 'U002' });
      await store.progress.recordAttempt(attempt(member.id));
      await expect(store.progress.recordAttempt(attempt(other.id))).rejects.toThrow(
        expect.objectContaining({ code: 'store_idempotency_conflict' }),
      );
      expect(await store.progress.attempts(other.id)).toEqual([]);
    });

    it('still rejects invalid attempts (duplicates are the only thing ignored)', async () => {
      const { store, member } = await open();
      await expect(store.progress.recordAttempt(attempt(member.id, { score: 3, total: 2 }))).rejects.toThrow(CHECK);
      await expect(store.progress.recordAttempt(attempt(member.id, { localDay: '14/11/2023' }))).rejects.toThrow(CHECK);
      await expect(store.progress.recordAttempt(attempt(member.id, { answers: undefined }))).rejects.toThrow(
        expect.objectContaining({ code: 'store_invalid_data' }),
      );
      expect(await store.progress.attempts(member.id)).toEqual([]);
    });

    it('marks active days once and lists them in order', async () => {
      const { store, member } = await open();
      expect(await store.progress.markActive(member.id, '2024-03-02')).toBe(true);
      expect(await store.progress.markActive(member.id, '2024-03-01')).toBe(true);
      expect(await store.progress.markActive(member.id, '2024-03-02')).toBe(false);
      expect(await store.progress.activeDays(member.id)).toEqual(['2024-03-01', '2024-03-02']);
    });

    it('rolls back every write of a store transaction together', async () => {
      const { store, member } = await open();
      await expect(
        store.transaction(async () => {
          await store.progress.recordAttempt(attempt(member.id));
          await store.progress.markActive(member.id, '2023-11-14');
          throw new Error('the platform call failed');
        }),
      ).rejects.toThrow('the platform call failed');
      expect(await store.progress.attempts(member.id)).toEqual([]);
      expect(await store.progress.activeDays(member.id)).toEqual([]);
    });
  });

  describe('reviews', () => {
    it('upserts, lists, returns due items and removes', async () => {
      const { store, member } = await open();
      const item = { memberId: member.id, conceptId: 'latency', stage: 0, dueAt: 100, lastResult: 'missed' as const };
      await store.reviews.upsert({ ...item, updatedAt: 1 });
      await store.reviews.upsert({ ...item, conceptId: 'capex', dueAt: 50, updatedAt: 1 });
      await store.reviews.upsert({ ...item, stage: 1, dueAt: 300, lastResult: 'correct', updatedAt: 2 });
      expect((await store.reviews.get(member.id)).map((r) => [r.conceptId, r.stage, r.dueAt, r.lastResult])).toEqual([
        ['capex', 0, 50, 'missed'],
        ['latency', 1, 300, 'correct'],
      ]);
      expect((await store.reviews.due(member.id, 100)).map((r) => r.conceptId)).toEqual(['capex']);
      expect((await store.reviews.due(member.id, 300)).map((r) => r.conceptId)).toEqual(['capex', 'latency']);
      expect(await store.reviews.remove(member.id, 'capex')).toBe(true);
      expect(await store.reviews.remove(member.id, 'capex')).toBe(false);
      expect(await store.reviews.get(member.id)).toHaveLength(1);
    });
  });

  describe('nudges', () => {
    it('can be claimed once per member per day', async () => {
      const { store, member } = await open();
      expect(await store.nudges.claim(member.id, '2024-05-06')).toBe(true);
      expect(await store.nudges.claim(member.id, '2024-05-06')).toBe(false);
      expect(await store.nudges.claim(member.id, '2024-05-07')).toBe(true);
    });
  });

  describe('createStore', () => {
    it('keeps what was written for the next connection', async () => {
      const { store, member, connect } = await open();
      await store.progress.markActive(member.id, '2024-01-01');
      const reopened = await connect();
      expect(await reopened.store.progress.activeDays(member.id)).toEqual(['2024-01-01']);
    });
  });
});
