import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../helpers/tmp-db.js';
import { DAY, DUE, FakeSender, LEASE, makeScheduler, openStore, setup, TICK } from './helpers.js';
import { VirtualClock } from './virtual-clock.js';

const tmp = useTmpDir('chat-tutor-once-');

/** Each (schedule, local day) goes out once: across instances, restarts and crashes. */
describe('exactly once', () => {
  it('sends each due prompt once, with the lesson sequence, and nothing before its time', async () => {
    const { clock, store, schedules, sender, log } = await setup(tmp, ['C1', 'C2']);
    const scheduler = makeScheduler(store, sender, clock, log);
    clock.now = DUE - 60_000; // 08:59:30
    expect(await clock.run(scheduler.tick())).toMatchObject({ due: 0, sent: 0 });

    clock.now = DUE;
    expect(await clock.run(scheduler.tick())).toEqual({ due: 2, sent: 2, failed: 0, deferred: 0, skipped: 0 });
    expect(sender.calls.map((c) => [c.target, c.localDay, c.sequence])).toEqual([
      ['C1', DAY, 0],
      ['C2', DAY, 0],
    ]);
    expect(await store.deliveries.get(schedules[0]?.id ?? 0, DAY)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await clock.run(scheduler.tick())).toMatchObject({ due: 2, sent: 0, skipped: 2 });

    // Next day: the next lesson.
    clock.now = DUE + 86_400_000;
    await clock.run(scheduler.tick());
    expect(sender.calls.slice(2).map((c) => [c.target, c.localDay, c.sequence])).toEqual([
      ['C1', '2026-06-02', 1],
      ['C2', '2026-06-02', 1],
    ]);
  });

  it('two schedulers sharing the database, ticking at the same time, send each prompt once', async () => {
    const targets = Array.from({ length: 40 }, (_, i) => `C${i}`);
    const { clock, store, sender, log } = await setup(tmp, targets, undefined, 50);
    const other = await openStore(tmp, clock); // a second connection, as a second process has
    const a = makeScheduler(store, sender, clock, log, { workerId: 'a', concurrency: 7 });
    const b = makeScheduler(other, sender, clock, log, { workerId: 'b', concurrency: 5 });
    for (let round = 0; round < 3; round++) {
      const [ra, rb] = await clock.run(Promise.all([a.tick(), b.tick()]));
      if (round === 0) {
        expect((ra?.sent ?? 0) + (rb?.sent ?? 0)).toBe(40);
        expect(ra?.sent).toBeGreaterThan(0);
        expect(rb?.sent).toBeGreaterThan(0);
      } else {
        expect((ra?.sent ?? 0) + (rb?.sent ?? 0)).toBe(0);
      }
      clock.advance(TICK);
    }
    expect(sender.calls).toHaveLength(40);
    expect([...sender.delivered.values()].every((n) => n === 1)).toBe(true);
    expect(sender.delivered.size).toBe(40);
  });

  it('sends nothing again after a restart', async () => {
    const { clock, store, sender, log } = await setup(tmp, ['C1', 'C2', 'C3']);
    await clock.run(makeScheduler(store, sender, clock, log).tick());
    expect(sender.calls).toHaveLength(3);

    clock.advance(3_600_000); // an hour later, a new process on the same file
    const restarted = makeScheduler(await openStore(tmp, clock), sender, clock, log, { workerId: 'w2' });
    expect(await clock.run(restarted.tick())).toMatchObject({ due: 3, sent: 0, skipped: 3 });
    expect(sender.calls).toHaveLength(3);
  });

  it('takes over a crashed worker’s claim once its lease has run out, and sends it once', async () => {
    const { clock, store, schedules, sender, log } = await setup(tmp, ['C1']);
    const id = schedules[0]?.id ?? 0;
    expect(await store.deliveries.claim(id, DAY, 'crashed', clock.now, LEASE)).toBe(true); // then it died
    const scheduler = makeScheduler(store, sender, clock, log);
    expect(await clock.run(scheduler.tick())).toMatchObject({ sent: 0, skipped: 1 });
    clock.advance(LEASE - 1_000);
    expect(await clock.run(scheduler.tick())).toMatchObject({ sent: 0, skipped: 1 });
    clock.advance(1_000);
    expect(await clock.run(scheduler.tick())).toMatchObject({ sent: 1 });
    expect(await clock.run(scheduler.tick())).toMatchObject({ sent: 0, skipped: 1 });
    expect(sender.calls).toHaveLength(1);
    expect(await store.deliveries.get(id, DAY)).toMatchObject({ status: 'sent', attempts: 2, claimedBy: 'w1' });
  });

  it('a crash in the middle of a fan-out: the next process sends the rest, each once', async () => {
    const targets = Array.from({ length: 30 }, (_, i) => `C${i}`);
    let alive = true;
    // The first process answers about ten sends, then dies (its other calls never return).
    const { clock, store, sender, log } = await setup(tmp, targets, () =>
      alive && sender.delivered.size < 10 ? { ok: true } : new Promise(() => {}),
    );
    const first = makeScheduler(store, sender, clock, log, { workerId: 'first', concurrency: 4 });
    void first.tick();
    await clock.until(() => sender.calls.length >= 14); // four sends in flight when it dies
    alive = false;

    const later = new VirtualClock(clock.now + LEASE); // restarted after the lease ran out
    const survivor = new FakeSender(later);
    const second = makeScheduler(await openStore(tmp, later), survivor, later, log, { workerId: 'second' });
    const sentBefore = sender.delivered.size;
    const hung = sender.calls.length - sentBefore; // claimed, maybe sent, never recorded
    expect(hung).toBe(4);
    expect(await later.run(second.tick())).toMatchObject({ sent: 30 - sentBefore, skipped: sentBefore });
    const all = [...sender.delivered.keys(), ...survivor.delivered.keys()];
    expect(new Set(all).size).toBe(30);
    expect(all).toHaveLength(30);
  });
});
