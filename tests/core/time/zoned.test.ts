import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  isValidTimeZone,
  localDay,
  localParts,
  zonedTimeToInstant,
} from '../../../src/core/time/zoned.js';

describe('local days in a time zone', () => {
  const instant = Date.UTC(2026, 2, 28, 23, 30); // 23:30 UTC on Sat 28 March 2026
  it('is the next day east of UTC and the same day west of it', () => {
    expect(localDay(instant, 'UTC')).toBe('2026-03-28');
    expect(localDay(instant, 'Europe/Berlin')).toBe('2026-03-29');
    expect(localDay(instant, 'America/Los_Angeles')).toBe('2026-03-28');
    expect(localDay(instant, 'Pacific/Kiritimati')).toBe('2026-03-29');
  });
  it('knows the weekday and the wall clock', () => {
    expect(localParts(instant, 'Asia/Tokyo')).toEqual({ day: '2026-03-29', hour: 8, minute: 30, weekday: 'sun' });
  });
  it('does calendar arithmetic across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-03-28', '2026-04-04')).toBe(7);
  });
  it('rejects names that are not IANA zones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('wall-clock time to an instant, across DST', () => {
  it('09:00 in Berlin is 08:00 UTC in winter and 07:00 UTC in summer', () => {
    expect(new Date(zonedTimeToInstant('2026-03-28', '09:00', 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-28T08:00:00.000Z',
    );
    expect(new Date(zonedTimeToInstant('2026-03-29', '09:00', 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-29T07:00:00.000Z',
    );
  });
  it('a time skipped by spring-forward moves forward by the jump', () => {
    // Berlin jumps from 02:00 to 03:00 on 29 March 2026: 02:30 does not exist and becomes 03:30 (01:30 UTC).
    expect(new Date(zonedTimeToInstant('2026-03-29', '02:30', 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });
  it('a time that happens twice in autumn resolves to the first occurrence', () => {
    // New York falls back from 02:00 to 01:00 on 1 November 2026: 01:30 EDT is 05:30 UTC.
    expect(new Date(zonedTimeToInstant('2026-11-01', '01:30', 'America/New_York')).toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });
  it('…and east of UTC too: 02:30 in Berlin on 25 October 2026 is first 00:30 UTC', () => {
    expect(new Date(zonedTimeToInstant('2026-10-25', '02:30', 'Europe/Berlin')).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });
  it('round-trips every half hour of a DST day', () => {
    for (let minutes = 0; minutes < 24 * 60; minutes += 30) {
      const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
      const mm = String(minutes % 60).padStart(2, '0');
      if (hh === '02') continue; // the skipped hour
      const at = zonedTimeToInstant('2026-03-29', `${hh}:${mm}`, 'Europe/Berlin');
      const p = localParts(at, 'Europe/Berlin');
      expect(`${p.day} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`).toBe(
        `2026-03-29 ${hh}:${mm}`,
      );
    }
  });
});
