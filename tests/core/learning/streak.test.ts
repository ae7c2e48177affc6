import { describe, expect, it } from 'vitest';
import { computeStreak } from '../../../src/core/learning/streak.js';
import { localDay } from '../../../src/core/time/zoned.js';

describe('streak of consecutive active days', () => {
  it('counts consecutive days ending today', () => {
    expect(computeStreak(['2026-11-19', '2026-11-20', '2026-11-21'], '2026-11-21')).toEqual({
      current: 3,
      longest: 3,
      activeToday: true,
    });
  });
  it('keeps yesterday’s streak alive until today ends', () => {
    expect(computeStreak(['2026-11-19', '2026-11-20'], '2026-11-21')).toMatchObject({ current: 2, activeToday: false });
  });
  it('breaks after a missed day but remembers the longest run', () => {
    const days = ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-10'];
    expect(computeStreak(days, '2026-11-12')).toEqual({ current: 0, longest: 4, activeToday: false });
  });
  it('counts a day once however often the member was active', () => {
    expect(computeStreak(['2026-11-21', '2026-11-21'], '2026-11-21').current).toBe(1);
  });
  it('uses the member’s local days: late evening in Los Angeles is the next day in UTC', () => {
    // Activity at 20:00 Los Angeles on three evenings in a row is three UTC "next days" — still three local days.
    const evenings = [Date.UTC(2026, 10, 19, 4), Date.UTC(2026, 10, 20, 4), Date.UTC(2026, 10, 21, 4)];
    const days = evenings.map((t) => localDay(t, 'America/Los_Angeles'));
    expect(days).toEqual(['2026-11-18', '2026-11-19', '2026-11-20']);
    expect(computeStreak(days, localDay(Date.UTC(2026, 10, 21, 5), 'America/Los_Angeles')).current).toBe(3);
  });
  it('is not broken by the day clocks go back (a 25-hour day)', () => {
    const tz = 'Europe/Berlin';
    // 24 Oct 09:00, 25 Oct (DST ends, 25 h) 23:30 local, 26 Oct 00:30 local.
    const days = [Date.UTC(2026, 9, 24, 7), Date.UTC(2026, 9, 25, 22, 30), Date.UTC(2026, 9, 25, 23, 30)].map((t) =>
      localDay(t, tz),
    );
    expect(days).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
    expect(computeStreak(days, '2026-10-26').current).toBe(3);
  });
});
