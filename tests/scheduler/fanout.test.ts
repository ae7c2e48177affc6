import { describe, expect, it } from 'vitest';
import { useTmpDir } from '../helpers/tmp-db.js';
import { addSchedule, FakeSender, makeScheduler, openStore, recordingLogger, TICK } from './helpers.js';
import { seeded, VirtualClock } from './virtual-clock.js';

const tmp = useTmpDir('chat-tutor-fanout-');
const CREATED = Date.parse('2026-06-01T06:00:00Z');
const DUE = Date.parse('2026-06-01T07:00:05Z'); // 09:00:05 in Berlin
const CHANNELS = 1_000;

describe('daily fan-out', () => {
  it('delivers 1,000 prompts due at the same minute exactly once while 10% of calls get a 429', async () => {
    const clock = new VirtualClock(CREATED);
    const store = await openStore(tmp, clock);
    await store.transaction(async () => {
      for (let i = 0; i < CHANNELS; i++) await addSchedule(store, `C${String(i).padStart(4, '0')}`);
    });
    clock.now = DUE;
    const chance = seeded(42);
    let rateLimited = 0;
    // A Slack-like API: 50 ms a call, one in ten answered with 429 and Retry-After: 1.
    const sender = new FakeSender(
      clock,
      () => {
        if (chance() < 0.1) {
          rateLimited++;
          return { ok: false, retryAfterMs: 1_000, error: 'ratelimited' };
        }
        return { ok: true };
      },
      50,
    );
    const { log, lines } = recordingLogger();
    const scheduler = makeScheduler(store, sender, clock, log, { concurrency: 50, random: seeded(7) });

    let sent = 0;
    for (let tick = 0; tick < 5 && sent < CHANNELS; tick++) {
      sent += (await clock.run(scheduler.tick())).sent;
      clock.advance(TICK);
    }

    expect(sent).toBe(CHANNELS);
    expect(sender.delivered.size).toBe(CHANNELS);
    expect([...sender.delivered.values()].every((n) => n === 1)).toBe(true);
    expect(rateLimited).toBeGreaterThan(50);
    expect(sender.calls).toHaveLength(CHANNELS + rateLimited);
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
    const rows = await Promise.all(
      (await store.schedules.active()).map(async (s) => (await store.deliveries.get(s.id, '2026-06-01'))?.status),
    );
    expect(rows.every((status) => status === 'sent')).toBe(true);
    // 1,000 sends of 50 ms, 50 at a time, is 1 s of ideal time; the 429s add about one Retry-After.
    const firstTickMs = Math.max(...sender.calls.map((c) => c.at)) - DUE;
    expect(firstTickMs).toBeLessThan(10_000);
  });
});
