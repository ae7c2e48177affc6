import { describe, expect, it } from 'vitest';
import type { Weekday } from '../../src/core/time/zoned.js';
import { dueDeliveries, dueInstant } from '../../src/scheduler/due.js';
import type { Schedule } from '../../src/store/index.js';

const EVERY_DAY: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const LONG_AGO = Date.parse('2026-01-01T00:00:00Z');
let nextId = 1;

function schedule(timeOfDay: string, timeZone: string, extra: Partial<Schedule> = {}): Schedule {
  return {
    id: nextId++,
    workspaceId: 'slack:T1',
    platform: 'slack',
    target: `C${nextId}`,
    timeOfDay,
    timeZone,
    weekdays: EVERY_DAY,
    createdBy: null,
    active: true,
    createdAt: LONG_AGO,
    updatedAt: LONG_AGO,
    ...extra,
  };
}

const at = (iso: string) => Date.parse(iso);
const days = (s: Schedule, iso: string) => dueDeliveries([s], at(iso)).map((d) => d.localDay);

describe('dueDeliveries', () => {
  it('is due from the local time on, for the rest of that local day only', () => {
    const s = schedule('09:00', 'Europe/Berlin'); // summer: 07:00Z
    expect(days(s, '2026-06-01T06:59:59Z')).toEqual([]);
    expect(days(s, '2026-06-01T07:00:00Z')).toEqual(['2026-06-01']);
    // A restart at 11:00 still sends today's 09:00 prompt…
    expect(days(s, '2026-06-01T09:00:00Z')).toEqual(['2026-06-01']);
    expect(days(s, '2026-06-01T21:59:59Z')).toEqual(['2026-06-01']);
    // …but after local midnight only the new day counts, and it is not due yet: no backlog.
    expect(days(s, '2026-06-01T22:00:00Z')).toEqual([]);
    expect(dueDeliveries([s], at('2026-06-01T07:00:00Z'))[0]?.dueAt).toBe(at('2026-06-01T07:00:00Z'));
  });

  it('works each zone on its own calendar day', () => {
    const now = at('2026-06-01T23:30:00Z'); // Tokyo: Tue 2 Jun 08:30; New York: Mon 1 Jun 19:30
    const tokyo = schedule('08:00', 'Asia/Tokyo', { weekdays: ['tue'] });
    const tokyoLater = schedule('09:00', 'Asia/Tokyo');
    const newYork = schedule('19:00', 'America/New_York', { weekdays: ['mon'] });
    const newYorkTue = schedule('19:00', 'America/New_York', { weekdays: ['tue'] });
    const kiritimati = schedule('13:00', 'Pacific/Kiritimati'); // UTC+14: Tue 2 Jun 13:30
    const pagoPago = schedule('12:00', 'Pacific/Pago_Pago'); // UTC−11: Mon 1 Jun 12:30
    const due = dueDeliveries([tokyo, tokyoLater, newYork, newYorkTue, kiritimati, pagoPago], now);
    // Four zones, four local days and times, one instant: all were due at 23:00Z.
    expect(due.map((d) => [d.schedule.id, d.localDay, d.dueAt])).toEqual([
      [tokyo.id, '2026-06-02', at('2026-06-01T23:00:00Z')],
      [newYork.id, '2026-06-01', at('2026-06-01T23:00:00Z')],
      [kiritimati.id, '2026-06-02', at('2026-06-01T23:00:00Z')],
      [pagoPago.id, '2026-06-01', at('2026-06-01T23:00:00Z')],
    ]);
  });

  it('counts only its weekdays, in its own zone', () => {
    const weekdays = schedule('09:00', 'Europe/Berlin', { weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] });
    expect(days(weekdays, '2026-06-05T12:00:00Z')).toEqual(['2026-06-05']); // Friday
    expect(days(weekdays, '2026-06-06T12:00:00Z')).toEqual([]); // Saturday
    expect(days(weekdays, '2026-06-07T12:00:00Z')).toEqual([]); // Sunday
    expect(days(weekdays, '2026-06-07T23:30:00Z')).toEqual([]); // Monday 01:30 in Berlin, before 09:00
    const weekend = schedule('00:30', 'Europe/Berlin', { weekdays: ['sat'] });
    // Friday 22:45 UTC is already Saturday 00:45 in Berlin.
    expect(days(weekend, '2026-06-05T22:45:00Z')).toEqual(['2026-06-06']);
  });

  it('starts a schedule set after today’s moment on its next day', () => {
    const madeAt10 = schedule('09:00', 'Europe/Berlin', {
      createdAt: at('2026-06-01T08:00:00Z'), // 10:00 in Berlin
      updatedAt: at('2026-06-01T08:00:00Z'),
    });
    expect(days(madeAt10, '2026-06-01T08:00:01Z')).toEqual([]);
    expect(days(madeAt10, '2026-06-01T21:00:00Z')).toEqual([]);
    expect(days(madeAt10, '2026-06-02T07:00:00Z')).toEqual(['2026-06-02']);
    // Made at 08:00 for 09:00: today counts.
    const madeAt8 = schedule('09:00', 'Europe/Berlin', {
      createdAt: at('2026-06-01T06:00:00Z'),
      updatedAt: at('2026-06-01T06:00:00Z'),
    });
    expect(days(madeAt8, '2026-06-01T07:00:00Z')).toEqual(['2026-06-01']);
    // Changed (or switched back on) after the moment: also from the next day.
    const changed = schedule('09:00', 'Europe/Berlin', { updatedAt: at('2026-06-01T08:00:00Z') });
    expect(days(changed, '2026-06-01T09:00:00Z')).toEqual([]);
  });

  it('skips inactive schedules and zones the runtime does not know', () => {
    expect(days(schedule('09:00', 'Europe/Berlin', { active: false }), '2026-06-01T12:00:00Z')).toEqual([]);
    expect(days(schedule('09:00', 'Mars/Olympus'), '2026-06-01T12:00:00Z')).toEqual([]);
  });
});

describe('daylight saving time (Europe/Berlin, 2026)', () => {
  it('spring forward, Sun 29 Mar: 09:00 is 07:00Z, the day before 08:00Z', () => {
    const s = schedule('09:00', 'Europe/Berlin', { weekdays: ['sat', 'sun'] });
    expect(dueInstant(s, '2026-03-28')).toBe(at('2026-03-28T08:00:00Z'));
    expect(dueInstant(s, '2026-03-29')).toBe(at('2026-03-29T07:00:00Z'));
    expect(days(s, '2026-03-29T06:59:59Z')).toEqual([]);
    expect(days(s, '2026-03-29T07:00:00Z')).toEqual(['2026-03-29']);
  });

  it('spring forward: a 02:30 schedule (a time that does not exist that day) goes out at 03:30 CEST, once', () => {
    const s = schedule('02:30', 'Europe/Berlin');
    expect(dueInstant(s, '2026-03-29')).toBe(at('2026-03-29T01:30:00Z')); // 03:30 CEST
    expect(days(s, '2026-03-29T00:59:59Z')).toEqual([]); // 01:59:59 CET
    expect(days(s, '2026-03-29T01:29:59Z')).toEqual([]); // 03:29:59 CEST
    expect(days(s, '2026-03-29T01:30:00Z')).toEqual(['2026-03-29']);
    // The days around it are ordinary.
    expect(dueInstant(s, '2026-03-28')).toBe(at('2026-03-28T01:30:00Z')); // 02:30 CET
    expect(dueInstant(s, '2026-03-30')).toBe(at('2026-03-30T00:30:00Z')); // 02:30 CEST
  });

  it('fall back, Sun 25 Oct: 02:30 happens twice; it is due from the first, and stays one delivery', () => {
    const s = schedule('02:30', 'Europe/Berlin');
    expect(dueInstant(s, '2026-10-25')).toBe(at('2026-10-25T00:30:00Z')); // first 02:30 (CEST)
    expect(days(s, '2026-10-25T00:29:59Z')).toEqual([]);
    expect(days(s, '2026-10-25T00:30:00Z')).toEqual(['2026-10-25']);
    // The second 02:30 (CET) is the same local day: the same ledger key, so the claim stops a repeat.
    expect(days(s, '2026-10-25T01:30:00Z')).toEqual(['2026-10-25']);
    const nine = schedule('09:00', 'Europe/Berlin');
    expect(dueInstant(nine, '2026-10-24')).toBe(at('2026-10-24T07:00:00Z'));
    expect(dueInstant(nine, '2026-10-25')).toBe(at('2026-10-25T08:00:00Z'));
    // The 25-hour day ends at 23:00Z: until then it is still the 25th.
    expect(days(nine, '2026-10-25T22:59:59Z')).toEqual(['2026-10-25']);
    expect(days(nine, '2026-10-25T23:00:00Z')).toEqual([]);
  });

  it('America/New_York changes on other dates (8 Mar, 1 Nov 2026), west of UTC', () => {
    const s = schedule('02:30', 'America/New_York');
    expect(dueInstant(s, '2026-03-08')).toBe(at('2026-03-08T07:30:00Z')); // skipped: 03:30 EDT
    expect(dueInstant(s, '2026-11-01')).toBe(at('2026-11-01T07:30:00Z')); // 02:30 EST, once
    const repeated = schedule('01:30', 'America/New_York');
    expect(dueInstant(repeated, '2026-11-01')).toBe(at('2026-11-01T05:30:00Z')); // the first 01:30 (EDT)
  });

  it('Australia/Lord_Howe moves by half an hour (5 Apr 2026): the first 01:45 of the two', () => {
    const s = schedule('01:45', 'Australia/Lord_Howe');
    expect(dueInstant(s, '2026-04-05')).toBe(at('2026-04-04T14:45:00Z')); // +11:00, before the change
  });
});
