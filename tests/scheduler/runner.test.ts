import { describe, expect, it } from 'vitest';
import { PERMANENT_PREFIX } from '../../src/scheduler/types.js';
import { useTmpDir } from '../helpers/tmp-db.js';
import { DAY, DUE, FakeSender, makeScheduler, openStore, setup, TICK } from './helpers.js';

const tmp = useTmpDir('chat-tutor-runner-');

describe('retries, failures and shutdown', () => {
  it('honours Retry-After on a 429 and then delivers', async () => {
    const { clock, store, schedules, sender, log } = await setup(tmp, ['C1'], (_t, call) =>
      call === 1 ? { ok: false, retryAfterMs: 5_000, error: 'ratelimited' } : { ok: true },
    );
    const result = await clock.run(makeScheduler(store, sender, clock, log).tick());
    expect(result).toMatchObject({ sent: 1, deferred: 0 });
    expect(clock.sleeps.some((ms) => ms >= 5_000 && ms <= 5_250)).toBe(true);
    expect((sender.calls[1]?.at ?? 0) - (sender.calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(5_000);
    expect(await store.deliveries.get(schedules[0]?.id ?? 0, DAY)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('retries 500s with growing backoff and delivers when the platform recovers', async () => {
    const { clock, store, schedules, sender, log, lines } = await setup(tmp, ['C1'], (_t, call) =>
      call <= 6 ? { ok: false, error: 'HTTP 500' } : { ok: true },
    );
    const scheduler = makeScheduler(store, sender, clock, log);
    // Four tries in this tick (1 s, 2 s, 4 s apart with jitter 0.5 → 0.75×), then it waits for a later one.
    expect(await clock.run(scheduler.tick())).toMatchObject({ deferred: 1 });
    // Sends at 0, 1 s (the 0.75 s backoff, stretched by the 1-a-second channel pace), +1.5 s, +3 s.
    expect(sender.calls.map((c) => c.at - DUE)).toEqual([0, 1_000, 2_500, 5_500]);
    expect(await store.deliveries.get(schedules[0]?.id ?? 0, DAY)).toMatchObject({
      status: 'failed',
      lastError: 'HTTP 500',
    });
    clock.advance(TICK);
    expect(await clock.run(scheduler.tick())).toMatchObject({ sent: 1 });
    expect(sender.calls).toHaveLength(7);
    expect(await store.deliveries.get(schedules[0]?.id ?? 0, DAY)).toMatchObject({ status: 'sent', attempts: 7 });
    expect(lines.filter((l) => l.event === 'daily.retry').length).toBeGreaterThan(0);
  });

  it('records failures that outlast the retries, logs them as errors, and stops trying', async () => {
    const { clock, store, schedules, sender, log, lines } = await setup(tmp, ['C1'], () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:443');
    });
    const scheduler = makeScheduler(store, sender, clock, log);
    let failed = 0;
    for (let i = 0; i < 10; i++) {
      failed += (await clock.run(scheduler.tick())).failed;
      clock.advance(TICK);
    }
    expect(failed).toBe(1);
    expect(sender.calls).toHaveLength(8); // maxAttempts
    expect(await store.deliveries.get(schedules[0]?.id ?? 0, DAY)).toMatchObject({
      status: 'failed',
      attempts: 8,
      lastError: 'connect ECONNREFUSED 127.0.0.1:443',
    });
    expect(lines.filter((l) => l.level === 'error' && l.event === 'daily.failed')).toEqual([
      expect.objectContaining({ scheduleId: schedules[0]?.id, attempt: 8, permanent: false }),
    ]);
    // A restarted process does not pick it up again either.
    const restarted = makeScheduler(await openStore(tmp, clock), sender, clock, log, { workerId: 'w2' });
    expect(await clock.run(restarted.tick())).toMatchObject({ skipped: 1 });
  });

  it('marks a permanent failure failed at once, with the reason, and keeps the schedule', async () => {
    const { clock, store, schedules, sender, log, lines } = await setup(tmp, ['C1'], () => ({
      ok: false,
      permanent: true,
      error: 'channel_not_found',
    }));
    const scheduler = makeScheduler(store, sender, clock, log);
    expect(await clock.run(scheduler.tick())).toMatchObject({ failed: 1 });
    clock.advance(TICK);
    expect(await clock.run(scheduler.tick())).toMatchObject({ skipped: 1 });
    expect(sender.calls).toHaveLength(1);
    const id = schedules[0]?.id ?? 0;
    expect(await store.deliveries.get(id, DAY)).toMatchObject({
      status: 'failed',
      lastError: `${PERMANENT_PREFIX}channel_not_found`,
    });
    expect((await store.schedules.get(id))?.active).toBe(true);
    expect(lines.some((l) => l.level === 'error' && l.permanent === true)).toBe(true);
  });

  it('paces sends per channel and runs channels in parallel', async () => {
    const { clock, store, sender, log } = await setup(tmp, ['C1', 'C2', 'C3', 'C4', 'C5'], undefined, 200);
    await clock.run(makeScheduler(store, sender, clock, log, { concurrency: 5 }).tick());
    expect(sender.calls.map((c) => c.at - DUE)).toEqual([0, 0, 0, 0, 0]);
    expect(clock.now - DUE).toBe(200);
  });

  it('does not send for a schedule switched off after the tick began', async () => {
    const { clock, store, sender, log } = await setup(tmp, ['C1', 'C2'], async () => {
      await store.schedules.deactivate('slack:T1', 'C2');
      return { ok: true };
    });
    // One send at a time, so C2 is still queued when C1's send switches it off.
    const result = await clock.run(makeScheduler(store, sender, clock, log, { concurrency: 1 }).tick());
    expect(result).toMatchObject({ due: 2, sent: 1, skipped: 1 });
    expect(sender.calls.map((c) => c.target)).toEqual(['C1']);
  });

  it('stop() waits for the send in flight, records it, and ends the loop', async () => {
    let finish: (() => void) | undefined;
    const { clock, store, schedules, sender, log } = await setup(
      tmp,
      ['C1'],
      () =>
        new Promise((resolve) => {
          finish = () => resolve({ ok: true });
        }),
    );
    const scheduler = makeScheduler(store, sender, clock, log);
    scheduler.start();
    await clock.until(() => finish !== undefined);
    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await clock.until(() => true);
    expect(stopped).toBe(false); // the send is still in flight
    finish?.();
    await clock.run(stopping);
    expect((await store.deliveries.get(schedules[0]?.id ?? 0, DAY))?.status).toBe('sent');
    const calls = sender.calls.length;
    clock.advance(10 * TICK);
    await clock.until(() => true);
    expect(sender.calls).toHaveLength(calls); // no more ticks
  });

  it('stop() cuts a retry wait short and leaves the delivery for the next process', async () => {
    const { clock, store, schedules, sender, log } = await setup(tmp, ['C1'], () => ({ ok: false, error: 'HTTP 503' }));
    const scheduler = makeScheduler(store, sender, clock, log, { backoffMs: 20_000 });
    scheduler.start();
    await clock.until(() => sender.calls.length === 1);
    await clock.run(scheduler.stop());
    expect(clock.now).toBe(DUE); // did not sit out the backoff
    expect(await store.deliveries.get(schedules[0]?.id ?? 0, DAY)).toMatchObject({ status: 'failed', attempts: 1 });
    const next = makeScheduler(await openStore(tmp, clock), new FakeSender(clock), clock, log, { workerId: 'w2' });
    expect(await clock.run(next.tick())).toMatchObject({ sent: 1 });
  });
});
