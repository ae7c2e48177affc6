/**
 * Calendar arithmetic in a member's time zone with nothing but Intl, so the core stays free of
 * dependencies. A "day" is a local calendar date ('YYYY-MM-DD'): streaks and reviews count calendar
 * days, which keeps them right across DST changes (a local day may be 23 or 25 hours long).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface LocalParts {
  readonly day: string;
  readonly hour: number;
  readonly minute: number;
  readonly weekday: Weekday;
}

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The local wall-clock date, time and weekday of an instant in a time zone. */
export function localParts(instant: number, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) parts[p.type] = p.value;
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: (parts.weekday ?? 'Sun').toLowerCase().slice(0, 3) as Weekday,
  };
}

export function localDay(instant: number, timeZone: string): string {
  return localParts(instant, timeZone).day;
}

function dayToUtcMidnight(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

export function addDays(day: string, days: number): string {
  return new Date(dayToUtcMidnight(day) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole calendar days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((dayToUtcMidnight(b) - dayToUtcMidnight(a)) / 86_400_000);
}

export function weekdayOf(day: string): Weekday {
  return WEEKDAYS[new Date(dayToUtcMidnight(day)).getUTCDay()] ?? 'sun';
}

/** Offset of the zone from UTC at an instant, in ms (Berlin in summer: +2 h). */
function offsetAt(instant: number, timeZone: string): number {
  const p: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) p[part.type] = part.value;
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return asUtc - (instant - (instant % 1000));
}

/**
 * The instant at which the wall clock in `timeZone` shows `day` `hh:mm`. A time that does not
 * exist (skipped by a spring-forward change) moves forward by the size of the jump (02:30 → 03:30),
 * and a time that occurs twice (autumn) resolves to the first occurrence, as Temporal's
 * 'compatible' disambiguation does.
 */
export function zonedTimeToInstant(day: string, time: string, timeZone: string): number {
  const [hh, mm] = time.split(':').map(Number);
  const wall = dayToUtcMidnight(day) + ((hh ?? 0) * 60 + (mm ?? 0)) * 60_000;
  // The offsets on either side of any change that day (zones change at most once a day).
  const before = offsetAt(wall - 86_400_000, timeZone);
  const after = offsetAt(wall + 86_400_000, timeZone);
  const exact = [wall - before, wall - after].filter((c) => c + offsetAt(c, timeZone) === wall).sort((a, b) => a - b);
  // No exact match: the time fell in a spring-forward gap, so keep the offset from before the jump.
  return exact[0] ?? wall - before;
}

/** Local midnight of `day` as an instant (start of that calendar day in the zone). */
export function startOfLocalDay(day: string, timeZone: string): number {
  return zonedTimeToInstant(day, '00:00', timeZone);
}
