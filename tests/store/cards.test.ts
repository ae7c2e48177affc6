/**
 * Repository contract: check cards, request replays, enrolments and nudge release behave the same
 * on SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { CARD_LIFETIME_MS } from '../../src/store/check-cards.js';
import { NUDGE_LEASE_MS } from '../../src/store/nudges.js';
import { BACKENDS, useStores } from './backends.js';
import { seed, WORKSPACE } from './helpers.js';

const DAY = 24 * 60 * 60 * 1000;

describe.each(BACKENDS)('$name', (backend) => {
  const stores = useStores(backend);

  async function setup() {
    let clock = 1_700_000_000_000;
    const opened = await stores(() => clock);
    const member = await seed(opened.store);
    return { ...opened, member, tick: (ms: number) => (clock += ms) };
  }

  describe('check cards', () => {
    it('finds an issued card until it expires, and hands back the newest unanswered one', async () => {
      const { store, member, tick } = await setup();
      await store.checkCards.issue({ nonce: 'n1', memberId: member.id, checkId: 'c1', keySlot: 2, balanced: true });
      tick(1_000);
      await store.checkCards.issue({ nonce: 'n2', memberId: member.id, checkId: 'c1' });
      expect(await store.checkCards.find('n1')).toEqual({
        nonce: 'n1',
        memberId: member.id,
        checkId: 'c1',
        issuedAt: 1_700_000_000_000,
        keySlot: 2,
      });
      expect(await store.checkCards.find('nope')).toBeUndefined();

      const prefix = 'slack:T001:U001:c1:';
      expect((await store.checkCards.open(member.id, 'c1', prefix))?.nonce).toBe('n2');
      // Answering n2 (its attempt key is the prefix and the nonce) leaves n1 as the open card.
      await store.progress.recordAttempt({
        memberId: member.id,
        checkId: 'c1',
        idempotencyKey: `${prefix}n2`,
        answers: {},
        results: {},
        score: 1,
        total: 1,
        correct: true,
        at: 1,
        localDay: '2024-07-01',
      });
      expect((await store.checkCards.open(member.id, 'c1', prefix))?.nonce).toBe('n1');
      expect(await store.checkCards.open(member.id, 'c2', prefix)).toBeUndefined();
      expect(await store.checkCards.firstKeySlots(member.id)).toEqual([2]);

      tick(CARD_LIFETIME_MS);
      expect(await store.checkCards.find('n1')).toBeUndefined();
      expect(await store.checkCards.open(member.id, 'c1', prefix)).toBeUndefined();
    });

    it('refuses the same nonce twice', async () => {
      const { store, member } = await setup();
      await store.checkCards.issue({ nonce: 'n1', memberId: member.id, checkId: 'c1' });
      await expect(store.checkCards.issue({ nonce: 'n1', memberId: member.id, checkId: 'c2' })).rejects.toThrow();
      expect((await store.checkCards.find('n1'))?.checkId).toBe('c1');
    });
  });

  describe('request replays', () => {
    it('lets a request through once per window, across instances', async () => {
      const { store, connect, tick } = await setup();
      const other = await connect(() => 1_700_000_000_000);
      const seen = await Promise.all([
        store.replays.firstSeen('digest-1', 60_000),
        other.store.replays.firstSeen('digest-1', 60_000),
      ]);
      expect(seen.filter(Boolean)).toHaveLength(1);
      expect(await store.replays.firstSeen('digest-2', 60_000)).toBe(true);
      tick(60_000);
      // The window has passed: the digest is forgotten.
      expect(await store.replays.firstSeen('digest-1', 60_000)).toBe(true);
    });
  });

  describe('enrolments', () => {
    it('enrols a place once, changing its time and days, and ends it', async () => {
      const { store, tick } = await setup();
      const base = {
        workspaceId: WORKSPACE,
        platform: 'slack' as const,
        place: 'C001',
        timeOfDay: '09:00',
        weekdays: ['wed', 'mon'] as const,
        createdBy: 'UM',
      };
      const first = await store.enrolments.upsert({ ...base, weekdays: [...base.weekdays] });
      expect(first).toMatchObject({ place: 'C001', weekdays: ['mon', 'wed'], active: true, createdBy: 'UM' });
      tick(DAY);
      const changed = await store.enrolments.upsert({
        ...base,
        timeOfDay: '08:15',
        weekdays: ['fri'],
        createdBy: null,
      });
      expect(changed).toMatchObject({ id: first.id, timeOfDay: '08:15', weekdays: ['fri'], createdBy: 'UM' });
      expect(changed.updatedAt).toBe(first.updatedAt + DAY);
      await store.enrolments.upsert({ ...base, place: 'C002', weekdays: ['tue'] });
      expect((await store.enrolments.list(WORKSPACE)).map((e) => e.place)).toEqual(['C001', 'C002']);

      expect(await store.enrolments.deactivate(WORKSPACE, 'C001')).toMatchObject({ id: first.id, active: false });
      expect(await store.enrolments.deactivate(WORKSPACE, 'C001')).toBeUndefined();
      expect((await store.enrolments.list(WORKSPACE)).map((e) => e.place)).toEqual(['C002']);
      expect(await store.enrolments.get(first.id)).toMatchObject({ active: false });
      await expect(store.enrolments.upsert({ ...base, weekdays: [] })).rejects.toThrow(
        expect.objectContaining({ code: 'store_invalid_data' }),
      );
    });
  });

  describe('nudges', () => {
    it('can be claimed again once released', async () => {
      const { store, member } = await setup();
      expect(await store.nudges.claim(member.id, '2024-07-01')).toBe(true);
      await store.nudges.release(member.id, '2024-07-01');
      expect(await store.nudges.claim(member.id, '2024-07-01')).toBe(true);
      expect(await store.nudges.claim(member.id, '2024-07-01')).toBe(false);
    });

    it('are leases until sent: a claim left by a dead instance runs out, a sent nudge never does', async () => {
      const { store, member, tick } = await setup();
      expect(await store.nudges.claim(member.id, '2024-07-02')).toBe(true);
      tick(NUDGE_LEASE_MS - 1);
      expect(await store.nudges.claim(member.id, '2024-07-02')).toBe(false);
      tick(1);
      expect(await store.nudges.claim(member.id, '2024-07-02')).toBe(true);
      await store.nudges.markSent(member.id, '2024-07-02');
      await store.nudges.release(member.id, '2024-07-02'); // too late: it went out
      tick(DAY);
      expect(await store.nudges.claim(member.id, '2024-07-02')).toBe(false);
    });
  });
});
