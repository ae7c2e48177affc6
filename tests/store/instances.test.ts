/**
 * Repository contract across instances: two stores on one database (two SQLite connections to the
 * file, or two PostgreSQL pools) race for the same rows, and every guarantee holds on both: one
 * claim wins, one attempt is stored, no counter update is lost, and a transaction whose statement
 * failed saves nothing even when the failure was caught.
 */
import { describe, expect, it } from 'vitest';
import type { NewAttempt, Store } from '../../src/store/index.js';
import { BACKENDS, CHECK, useStores } from './backends.js';
import { seed, WORKSPACE } from './helpers.js';

const LEASE = 60_000;

describe.each(BACKENDS)('$name', (backend) => {
  const stores = useStores(backend);

  /** Two instances on one fresh database, with its workspace and member U001. */
  async function twoInstances() {
    const first = await stores(() => 1_700_000_000_000);
    const member = await seed(first.store);
    const second = await first.connect(() => 1_700_000_000_000);
    return { a: first.store, b: second.store, member };
  }

  it('gives each (schedule, day) to exactly one of two racing instances', async () => {
    const { a, b } = await twoInstances();
    const schedule = await a.schedules.upsert({
      workspaceId: WORKSPACE,
      platform: 'slack',
      target: 'C001',
      timeOfDay: '09:00',
      timeZone: 'Europe/Paris',
      weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
    });
    const days = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2024, 6, 1 + i)).toISOString().slice(0, 10));
    const race = (store: Store, worker: string) =>
      Promise.all(days.map((day) => store.deliveries.claim(schedule.id, day, worker, 1_000, LEASE)));
    const [wonByA, wonByB] = await Promise.all([race(a, 'a'), race(b, 'b')]);

    days.forEach((_, i) => {
      expect([wonByA[i], wonByB[i]].filter(Boolean)).toHaveLength(1);
    });
    for (const [i, day] of days.entries()) {
      // The ledger names the winner, and nobody claimed twice.
      expect(await b.deliveries.get(schedule.id, day)).toMatchObject({
        claimedBy: wonByA[i] ? 'a' : 'b',
        attempts: 1,
      });
    }
  });

  it('stores one attempt for one idempotency key sent to two instances at once', async () => {
    const { a, b, member } = await twoInstances();
    const attempt = (at: number, choice: string): NewAttempt => ({
      memberId: member.id,
      checkId: '3.4-a',
      idempotencyKey: 'U001:3.4-a:nonce-1',
      answers: { choice },
      results: {},
      score: 1,
      total: 1,
      correct: true,
      at,
      localDay: '2024-07-01',
      concepts: [{ conceptId: 'latency', correct: 1, total: 1 }],
    });
    const [fromA, fromB] = await Promise.all([
      a.progress.recordAttempt(attempt(1_000, 'a')),
      b.progress.recordAttempt(attempt(2_000, 'b')),
    ]);
    expect([fromA.recorded, fromB.recorded].filter(Boolean)).toHaveLength(1);
    // Both callers see the attempt that was stored, whichever it was.
    expect(fromA.attempt).toEqual(fromB.attempt);
    expect(await a.progress.attempts(member.id)).toEqual([fromA.attempt]);
    // …and it was counted once in the report.
    expect((await b.progress.teamSummary(WORKSPACE)).concepts).toEqual([
      { conceptId: 'latency', correct: 1, total: 1 },
    ]);
  });

  it('gives a nudge and a personal lesson to one of two instances claiming at once', async () => {
    const { a, b, member } = await twoInstances();
    const nudges = await Promise.all([
      a.nudges.claim(member.id, '2024-07-01'),
      b.nudges.claim(member.id, '2024-07-01'),
    ]);
    expect(nudges.filter(Boolean)).toHaveLength(1);

    const key = { memberId: member.id, localDay: '2024-07-01', kind: 'lesson' as const };
    const claims = await Promise.all([
      a.personalDeliveries.claim(key, 'a', 1_000, LEASE),
      b.personalDeliveries.claim(key, 'b', 1_000, LEASE),
    ]);
    const won = claims.filter((c) => c !== undefined);
    expect(won).toHaveLength(1);
    expect(won[0]).toMatchObject({ attempts: 1, mayHaveBeenSent: false });
  });

  it('loses no update when two instances add to the same counters', async () => {
    const { a, b, member } = await twoInstances();
    const adds = 10;
    const spend = (store: Store) =>
      Promise.all(Array.from({ length: adds }, () => store.spend.add(WORKSPACE, '2024-07-01', 100)));
    await Promise.all([spend(a), spend(b)]);
    expect(await a.spend.get(WORKSPACE, '2024-07-01')).toEqual({ usdMicros: 2 * adds * 100, calls: 2 * adds });

    // Every answer adds to the workspace's concept totals: answers on both instances all count.
    let n = 0;
    const answer = (store: Store) =>
      store.progress.recordAttempt({
        memberId: member.id,
        checkId: `c${++n}`,
        idempotencyKey: `k${n}`,
        answers: {},
        results: {},
        score: 1,
        total: 1,
        correct: true,
        at: n,
        localDay: '2024-07-01',
        concepts: [{ conceptId: 'latency', correct: 1, total: 1 }],
      });
    await Promise.all(Array.from({ length: adds }, (_, i) => answer(i % 2 ? a : b)));
    expect((await b.progress.teamSummary(WORKSPACE)).concepts).toEqual([
      { conceptId: 'latency', correct: adds, total: adds },
    ]);
  });

  it('saves nothing of a transaction whose statement failed, even if the failure was caught', async () => {
    const { a, b, member } = await twoInstances();
    let caught: unknown;
    await expect(
      a.transaction(async () => {
        await a.progress.markActive(member.id, '2024-07-01');
        // A refused single statement (CHECK) that the caller catches and carries on after.
        caught = await a.spend.add(WORKSPACE, '2024-07-01', -5_000).catch((error: unknown) => error);
        await a.progress.markActive(member.id, '2024-07-02').catch(() => undefined);
      }),
    ).rejects.toThrow(CHECK);
    expect(String(caught)).toMatch(CHECK);
    expect(await b.progress.activeDays(member.id)).toEqual([]);
    expect(await a.progress.activeDays(member.id)).toEqual([]);
  });

  it('keeps the rest of a transaction when a nested one fails and is caught', async () => {
    const { a, b, member } = await twoInstances();
    await a.transaction(async () => {
      await a.progress.markActive(member.id, '2024-07-01');
      // recordRead is a transaction of its own: nested, it is a savepoint that rolls back alone.
      await a.progress
        .recordRead({ memberId: member.id, lessonId: '3.1', mode: 'skim' as 'full', at: 1 })
        .catch(() => undefined);
      await a.progress.markActive(member.id, '2024-07-02');
    });
    expect(await b.progress.activeDays(member.id)).toEqual(['2024-07-01', '2024-07-02']);
    expect(await b.progress.reads(member.id)).toEqual([]);
  });
});
