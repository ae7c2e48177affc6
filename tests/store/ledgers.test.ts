/**
 * Repository contract: what the schedulers read back from their ledgers (sent counts, failures,
 * the personal-DM ledger by day) and the personal schedule's life cycle, on SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import type { PersonalKey } from '../../src/store/index.js';
import { BACKENDS, useStores } from './backends.js';
import { seed, WORKSPACE } from './helpers.js';

const LEASE = 60_000;

describe.each(BACKENDS)('$name', (backend) => {
  const stores = useStores(backend);

  async function setup() {
    let clock = 1_000;
    const opened = await stores(() => clock);
    const member = await seed(opened.store);
    return { ...opened, member, tick: (ms: number) => (clock += ms) };
  }

  it("counts a channel schedule's sent deliveries and lists the workspace's failures, newest first", async () => {
    const { store } = await setup();
    const schedule = (target: string) =>
      store.schedules.upsert({
        workspaceId: WORKSPACE,
        platform: 'slack',
        target,
        timeOfDay: '09:00',
        timeZone: 'UTC',
        weekdays: ['mon'],
      });
    const c1 = await schedule('C001');
    const c2 = await schedule('C002');
    for (const day of ['2024-06-03', '2024-06-10']) {
      await store.deliveries.claim(c1.id, day, 'w', 1, LEASE);
      await store.deliveries.markSent(c1.id, day, 2);
    }
    await store.deliveries.claim(c1.id, '2024-06-17', 'w', 3, LEASE); // claimed, not sent yet
    expect(await store.deliveries.countSent(c1.id)).toBe(2);
    expect(await store.deliveries.countSent(c2.id)).toBe(0);

    await store.deliveries.claim(c2.id, '2024-06-03', 'w', 1, LEASE);
    await store.deliveries.markFailed(c2.id, '2024-06-03', 'channel_not_found', 2, 'w');
    await store.deliveries.claim(c2.id, '2024-06-10', 'w', 1, LEASE);
    await store.deliveries.markFailed(c2.id, '2024-06-10', 'ratelimited', 2, 'w');
    await store.deliveries.claim(c2.id, '2024-06-10', 'w', 3, LEASE); // retried: claimed with its last error
    expect(await store.deliveries.failures(WORKSPACE, '2024-06-01')).toEqual([
      { target: 'C002', platform: 'slack', localDay: '2024-06-10', attempts: 2, lastError: 'ratelimited' },
      { target: 'C002', platform: 'slack', localDay: '2024-06-03', attempts: 1, lastError: 'channel_not_found' },
    ]);
    expect(await store.deliveries.failures(WORKSPACE, '2024-06-04')).toHaveLength(1);
    expect(await store.deliveries.failures('slack:other', '2024-06-01')).toEqual([]);
  });

  it('reads the personal DM ledger by day: held leases, lessons awaiting a reminder, the last lesson sent', async () => {
    const { store, member } = await setup();
    const bob = await store.members.ensure({ workspaceId: WORKSPACE, externalId: 'U002' });
    const key = (memberId: number, localDay: string, kind: PersonalKey['kind'] = 'lesson'): PersonalKey => ({
      memberId,
      localDay,
      kind,
    });
    const sendLesson = async (k: PersonalKey, at: number) => {
      await store.personalDeliveries.claim(k, 'w', at, LEASE);
      await store.personalDeliveries.decide(k, { kind: 'lesson', lessonId: '3.1' });
      await store.personalDeliveries.markSent(k, at);
    };
    expect(await store.personalDeliveries.lastLessonSent(member.id)).toBeUndefined();
    await sendLesson(key(member.id, '2024-06-03'), 100);
    await sendLesson(key(member.id, '2024-06-04'), 200);
    await sendLesson(key(bob.id, '2024-06-04'), 210);
    expect(await store.personalDeliveries.lastLessonSent(member.id)).toBe(200);

    // The holder renews its lease; another worker cannot.
    const held = key(bob.id, '2024-06-05');
    await store.personalDeliveries.claim(held, 'w1', 300, LEASE);
    expect(await store.personalDeliveries.renew(held, 'w2', 310, LEASE)).toBe(false);
    expect(await store.personalDeliveries.renew(held, 'w1', 310, LEASE)).toBe(true);
    expect(await store.personalDeliveries.get(held)).toMatchObject({ leaseUntil: 310 + LEASE, claimedBy: 'w1' });

    const ledger = await store.personalDeliveries.onDays(['2024-06-04', '2024-06-05']);
    expect(
      ledger.map((r) => [r.memberId, r.localDay, r.kind, r.status, r.attempts]).sort((a, b) => (a < b ? -1 : 1)),
    ).toEqual(
      [
        [member.id, '2024-06-04', 'lesson', 'sent', 1],
        [bob.id, '2024-06-04', 'lesson', 'sent', 1],
        [bob.id, '2024-06-05', 'lesson', 'claimed', 1],
      ].sort((a, b) => (a < b ? -1 : 1)),
    );
    expect(await store.personalDeliveries.onDays([])).toEqual([]);

    // Bob answered a check after his lesson; Ada got her 06-03 reminder already.
    await store.progress.recordAttempt({
      memberId: bob.id,
      checkId: 'c1',
      idempotencyKey: 'bob-1',
      answers: {},
      results: {},
      score: 1,
      total: 1,
      correct: true,
      at: 250,
      localDay: '2024-06-04',
    });
    await store.personalDeliveries.claim(key(member.id, '2024-06-03', 'reminder'), 'w', 260, LEASE);
    await store.personalDeliveries.markSent(key(member.id, '2024-06-03', 'reminder'), 260);
    const awaiting = await store.personalDeliveries.awaitingReminder(['2024-06-03', '2024-06-04'], 250);
    expect(awaiting.sort((a, b) => a.memberId - b.memberId)).toEqual(
      [
        {
          memberId: member.id,
          localDay: '2024-06-04',
          sentAt: 200,
          content: { kind: 'lesson', lessonId: '3.1' },
          answeredSince: false,
        },
        {
          memberId: bob.id,
          localDay: '2024-06-04',
          sentAt: 210,
          content: { kind: 'lesson', lessonId: '3.1' },
          answeredSince: true,
        },
      ].sort((a, b) => a.memberId - b.memberId),
    );
    // Sent after the cut-off: not yet.
    expect(await store.personalDeliveries.awaitingReminder(['2024-06-04'], 205)).toHaveLength(1);
    expect(await store.personalDeliveries.awaitingReminder([], 1_000)).toEqual([]);
  });

  it("follows a personal schedule's life: reminders, zone moves, unreachable, finished, enrolment ended", async () => {
    const { store, member, tick } = await setup();
    const bob = await store.members.ensure({ workspaceId: WORKSPACE, externalId: 'U002' });
    const enrolment = await store.enrolments.upsert({
      workspaceId: WORKSPACE,
      platform: 'slack',
      place: 'C001',
      timeOfDay: '09:00',
      weekdays: ['mon'],
      createdBy: 'UM',
    });
    const base = { timeOfDay: '09:00', weekdays: ['mon' as const], timeZone: 'UTC' };
    await store.personalSchedules.set({
      ...base,
      memberId: member.id,
      selfSet: false,
      enrolledBy: 'UM',
      enrolmentId: enrolment.id,
    });
    await store.personalSchedules.set({ ...base, memberId: bob.id, selfSet: false, enrolmentId: enrolment.id });
    // Bob makes it his own: the enrolment ending leaves him alone.
    await store.personalSchedules.set({ ...base, memberId: bob.id, timeOfDay: '07:00', selfSet: true });

    expect(await store.personalSchedules.setReminders(member.id, false)).toBe(true);
    expect(await store.personalSchedules.setReminders(9_999, false)).toBe(false);
    tick(500);
    await store.personalSchedules.adoptZone(member.id, 'Asia/Tokyo');
    await store.personalSchedules.markUnreachable(member.id, 'dm_closed');
    expect(await store.personalSchedules.get(member.id)).toMatchObject({
      reminders: false,
      timeZone: 'Asia/Tokyo',
      zoneSince: 1_500,
      unreachable: 'dm_closed',
    });
    await store.personalSchedules.markUnreachable(member.id, null);
    expect((await store.personalSchedules.get(member.id))?.unreachable).toBeNull();

    expect((await store.personalSchedules.ofWorkspace(WORKSPACE)).map((s) => [s.externalId, s.timeOfDay])).toEqual([
      ['U001', '09:00'],
      ['U002', '07:00'],
    ]);
    expect(await store.personalSchedules.endEnrolment(enrolment.id)).toBe(1);
    expect(await store.personalSchedules.endEnrolment(enrolment.id)).toBe(0);
    expect((await store.personalSchedules.runnable()).map((s) => s.externalId)).toEqual(['U002']);
    await store.personalSchedules.finish(bob.id);
    expect(await store.personalSchedules.runnable()).toEqual([]);
    expect((await store.personalSchedules.get(bob.id))?.finishedAt).toBe(1_500);
  });
});
