import { describe, expect, it } from 'vitest';
import { createPacer } from '../../src/scheduler/rate-limit.js';
import { VirtualClock } from './virtual-clock.js';

const T0 = 1_000_000;

function setup(count: number, concurrency: number, workMs = 10) {
  const clock = new VirtualClock(T0);
  const pacer = createPacer({ count, intervalMs: 1_000, concurrency, now: clock.read, sleep: clock.sleep });
  const starts: { key: string; at: number }[] = [];
  let running = 0;
  let peak = 0;
  const send = (key: string) =>
    pacer.run(key, async () => {
      starts.push({ key, at: clock.now - T0 });
      peak = Math.max(peak, ++running);
      await clock.sleep(workMs);
      running--;
      return key;
    });
  return { clock, pacer, starts, send, peak: () => peak };
}

describe('createPacer', () => {
  it('spaces five sends to one channel by the interval, while five channels go at once', async () => {
    const one = setup(1, 10);
    await one.clock.run(Promise.all([1, 2, 3, 4, 5].map(() => one.send('C1'))));
    expect(one.starts.map((s) => s.at)).toEqual([0, 1_000, 2_000, 3_000, 4_000]);
    expect(one.clock.now - T0).toBeGreaterThanOrEqual(4 * 1_000);

    const five = setup(1, 10);
    const results = await five.clock.run(Promise.all(['C1', 'C2', 'C3', 'C4', 'C5'].map((k) => five.send(k))));
    expect(results).toEqual(['C1', 'C2', 'C3', 'C4', 'C5']);
    expect(five.starts.map((s) => s.at)).toEqual([0, 0, 0, 0, 0]);
    expect(five.clock.now - T0).toBeLessThan(1_000);
  });

  it('allows a burst of `count` per interval (Teams: 7 a second per conversation)', async () => {
    const { clock, starts, send } = setup(7, 20);
    await clock.run(Promise.all(Array.from({ length: 15 }, () => send('conv-1'))));
    expect(starts.map((s) => s.at)).toEqual([...Array(7).fill(0), ...Array(7).fill(1_000), 2_000]);
  });

  it('caps sends in flight across channels', async () => {
    const { clock, send, peak } = setup(1, 3, 100);
    await clock.run(Promise.all(Array.from({ length: 10 }, (_, i) => send(`C${i}`))));
    expect(peak()).toBe(3);
    expect(clock.now - T0).toBe(400); // ceil(10 / 3) rounds of 100 ms
  });

  it('a throttled channel holds no slot another channel could use', async () => {
    const { clock, starts, send } = setup(1, 1);
    await clock.run(Promise.all([send('C1'), send('C1'), send('C2')]));
    // C2 goes while C1 waits out its second.
    expect(starts).toEqual([
      { key: 'C1', at: 0 },
      { key: 'C2', at: 10 },
      { key: 'C1', at: 1_000 },
    ]);
  });

  it('holds a channel back after a Retry-After, leaving others alone', async () => {
    const { clock, pacer, starts, send } = setup(1, 10);
    pacer.holdOff('C1', T0 + 5_000);
    await clock.run(Promise.all([send('C1'), send('C2')]));
    expect(starts).toEqual([
      { key: 'C2', at: 0 },
      { key: 'C1', at: 5_000 },
    ]);
  });

  it('passes errors through and keeps going', async () => {
    const { clock, pacer, send } = setup(1, 1);
    const failing = pacer.run('C1', () => Promise.reject(new Error('boom')));
    await expect(clock.run(failing)).rejects.toThrow('boom');
    await expect(clock.run(send('C1'))).resolves.toBe('C1');
    expect(pacer.inFlight).toBe(0);
  });

  it('refuses nonsense settings', () => {
    expect(() => createPacer({ count: 0, intervalMs: 1_000, concurrency: 1 })).toThrow(RangeError);
    expect(() => createPacer({ count: 1, intervalMs: 1_000, concurrency: 0 })).toThrow(RangeError);
  });
});
