import { describe, expect, it } from 'vitest';
import { personalStandings } from '../../src/app/enrolment.js';
import { useTmpDir } from '../helpers/tmp-db.js';
import { FakeDirect, personalWorld, VirtualClock } from './personal-helpers.js';

const tmp = useTmpDir('chat-tutor-personal-once-');
const CREATED = Date.parse('2026-06-01T00:00:00Z');
const DUE = Date.parse('2026-06-01T09:00:00Z'); // 09:00 UTC, every member's time
const DAY = '2026-06-01';

async function setup(n: number) {
  const clock = new VirtualClock(CREATED);
  const w = await personalWorld(tmp, clock);
  const ids = Array.from({ length: n }, (_, i) => `U${String(i).padStart(5, '0')}`);
  await w.store.transaction(async () => {
    for (const id of ids) await w.own(id, 'UTC', '09:00');
  });
  clock.now = DUE;
  return { clock, w, ids };
}

const perMember = (dms: { externalId: string; kind: string }[]) => {
  const counts = new Map<string, number>();
  for (const d of dms) if (d.kind === 'lesson') counts.set(d.externalId, (counts.get(d.externalId) ?? 0) + 1);
  return counts;
};

/** Each (member, local day, kind) goes out once: across processes, restarts, crashes and 429s. */
describe('personal fan-out, exactly once', () => {
  it('two processes ticking at once send each member one lesson', async () => {
    const { clock, w, ids } = await setup(200);
    const other = await personalWorld(tmp, clock); // a second connection, as a second process has
    const dm = new FakeDirect(clock);
    const a = w.runner(dm, { workerId: 'a', batchSize: 20 });
    const b = other.runner(dm, { workerId: 'b', batchSize: 20 });
    const [ra, rb] = await clock.run(Promise.all([a.tick(), b.tick()]));
    expect((ra?.sent ?? 0) + (rb?.sent ?? 0)).toBe(200);
    expect(ra?.sent).toBeGreaterThan(0);
    expect(rb?.sent).toBeGreaterThan(0);
    clock.advance(60_000);
    expect(await clock.run(a.tick())).toMatchObject({ sent: 0 });
    const counts = perMember(dm.dms);
    expect(counts.size).toBe(ids.length);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
  });

  it('spreads 300 members due at one instant at the workspace rate, after one burst', async () => {
    const { clock, w } = await setup(300);
    const dm = new FakeDirect(clock);
    const t0 = clock.now;
    const limits = {
      slack: {
        perConversation: { count: 1, intervalMs: 1_000 },
        perWorkspace: { count: 20, intervalMs: 1_000, burst: 50 },
      },
    };
    expect(await clock.run(w.runner(dm, { limits }).tick())).toMatchObject({ due: 300, sent: 300 });
    const starts = dm.calls.map((c) => c.at - t0);
    // 50 at once, then one every 50 ms: the 300th at (300 − 50) × 50 ms.
    expect(starts.filter((s) => s === 0)).toHaveLength(50);
    expect(Math.max(...starts)).toBe(250 * 50);
    for (let s = 0; s <= 12_500; s += 250) {
      expect(starts.filter((x) => x > s && x <= s + 1_000).length).toBeLessThanOrEqual(20);
    }
  });

  it('waits out a 429 for the server’s Retry-After, then sends once', async () => {
    const { clock, w } = await setup(3);
    let limited = 0;
    const dm = new FakeDirect(clock, (t) =>
      t.externalId === 'U00001' && limited++ === 0
        ? { ok: false, retryAfterMs: 3_000, error: 'ratelimited' }
        : { ok: true },
    );
    const t0 = clock.now;
    expect(await clock.run(w.runner(dm).tick())).toMatchObject({ sent: 3, deferred: 0 });
    const tries = dm.calls.filter((c) => c.externalId === 'U00001');
    expect(tries).toHaveLength(2);
    expect((tries[1]?.at ?? 0) - t0).toBeGreaterThanOrEqual(3_000);
    expect(tries[1]?.mayHaveBeenSent).toBe(false); // our own call failed: nothing went out
    expect(perMember(dm.dms).get('U00001')).toBe(1);
  });

  it('a worker taking over a crashed claim sends the same lesson, saying it may have been sent', async () => {
    const { clock, w } = await setup(1);
    const member = await w.store.members.byExternal('slack:T1', 'U00000');
    const key = { memberId: member?.id ?? 0, localDay: DAY, kind: 'lesson' as const };
    // The crashed worker claimed, decided §3.1 and died mid-send.
    expect(await w.store.personalDeliveries.claim(key, 'crashed', clock.now, 120_000)).toBeDefined();
    await w.store.personalDeliveries.decide(key, { kind: 'lesson', lessonId: '3.1' });
    // Meanwhile the member read §3.1 themselves: the takeover still sends what was decided.
    await w.store.progress.recordRead({ memberId: key.memberId, lessonId: '3.1', mode: 'full', at: clock.now });
    const dm = new FakeDirect(clock);
    const runner = w.runner(dm);
    expect(await clock.run(runner.tick())).toMatchObject({ sent: 0 });
    clock.advance(120_000);
    expect(await clock.run(runner.tick())).toMatchObject({ sent: 1 });
    expect(dm.calls).toHaveLength(1);
    expect(dm.calls[0]?.mayHaveBeenSent).toBe(true);
    expect(dm.calls[0]?.card.blocks.some((b) => b.kind === 'header' && b.title.includes('3.1'))).toBe(true);
    expect(await w.store.personalDeliveries.get(key)).toMatchObject({ status: 'sent', attempts: 2, claimedBy: 'w1' });
  });

  it('a member the platform cannot reach is not retried, and the manager sees why', async () => {
    const { clock, w } = await setup(2);
    const dm = new FakeDirect(clock, (t) =>
      t.externalId === 'U00001'
        ? { ok: false, permanent: true, error: 'app not installed for the member' }
        : { ok: true },
    );
    const runner = w.runner(dm);
    expect(await clock.run(runner.tick())).toMatchObject({ sent: 1, failed: 1 });
    clock.advance(600_000);
    expect(await clock.run(runner.tick())).toMatchObject({ sent: 0, failed: 0 });
    expect(dm.calls.filter((c) => c.externalId === 'U00001')).toHaveLength(1);
    expect(await personalStandings(w.store, 'slack:T1')).toContainEqual(
      expect.objectContaining({
        externalId: 'U00001',
        standing: 'unreachable',
        reason: 'app not installed for the member',
      }),
    );
  });

  it('a crash in the middle of a fan-out: the next process sends the rest, each once', async () => {
    const { clock, w, ids } = await setup(120);
    let alive = true;
    // The first process gets about 40 answers, then dies (its other calls never return).
    const first = new FakeDirect(clock, () => (alive && first.dms.length < 40 ? { ok: true } : new Promise(() => {})));
    void w.runner(first, { workerId: 'first', concurrency: 8, batchSize: 16 }).tick();
    await clock.until(() => first.calls.length >= 48);
    alive = false;
    // Accepted but not yet recorded when the process died: the restarted sender must find these.
    const recorded = await Promise.all(
      first.dms.map((d) =>
        w.store.personalDeliveries.get({ memberId: d.memberId, localDay: d.localDay, kind: 'lesson' }),
      ),
    );
    const unrecorded = first.dms.filter((_, i) => recorded[i]?.status !== 'sent');
    const hung = first.calls.length - first.dms.length; // claimed, maybe sent, never recorded
    expect(hung).toBe(8);

    const later = new VirtualClock(clock.now + 120_000); // restarted after the lease ran out
    const restarted = await personalWorld(tmp, later);
    // The platform kept what it accepted: the restarted sender can look there.
    const second = new FakeDirect(later, undefined, first.history);
    await later.run(restarted.runner(second, { workerId: 'second' }).tick());
    // The hung ones are flagged, so the sender looks before sending; so are the ones claimed in the
    // batch ahead of the sends (at most two batches), which the crash left claimed too.
    const told = new Set(second.looked.map((c) => c.externalId));
    const hungIds = first.calls.filter((c) => !first.dms.includes(c)).map((c) => c.externalId);
    for (const id of hungIds) expect(told.has(id)).toBe(true);
    for (const d of unrecorded) expect(told.has(d.externalId)).toBe(true);
    expect(told.size).toBeLessThanOrEqual(2 * 16);
    const all = [...first.dms, ...second.dms].map((d) => d.externalId);
    expect(new Set(all).size).toBe(ids.length);
    expect(all).toHaveLength(ids.length);
  });

  it('a shutdown hands back the claims it has not sent, so the next process sends them at once', async () => {
    const { clock, w, ids } = await setup(100);
    const slow = new FakeDirect(clock, async () => {
      await clock.sleep(100);
      return { ok: true };
    });
    const runner = w.runner(slow, { concurrency: 4, batchSize: 20 });
    const tick = runner.tick();
    await clock.until(() => slow.dms.length >= 10);
    await clock.run(runner.stop());
    await clock.run(tick);
    const sentBefore = slow.dms.length;
    expect(sentBefore).toBeLessThan(100);
    const next = new FakeDirect(clock, undefined, slow.history);
    await clock.run((await personalWorld(tmp, clock)).runner(next, { workerId: 'next' }).tick());
    expect(next.looked).toEqual([]); // nothing handed back may have been sent
    expect(sentBefore + next.dms.length).toBe(ids.length);
  });
});
