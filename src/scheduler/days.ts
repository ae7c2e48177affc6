/** Weekday words (`weekdays`, `mon,wed,fri`, `mon-fri`, `tuesdays`) and their short description. */
import type { Weekday } from '../core/time/zoned.js';

/** Monday first, as people read a week (and as the store keeps them). */
export const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WORKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

const NAMES: Record<string, Weekday> = {};
for (const [day, ...aliases] of [
  ['mon', 'monday'],
  ['tue', 'tues', 'tuesday'],
  ['wed', 'weds', 'wednesday'],
  ['thu', 'thur', 'thurs', 'thursday'],
  ['fri', 'friday'],
  ['sat', 'saturday'],
  ['sun', 'sunday'],
] as const) {
  for (const name of [day, ...aliases]) {
    NAMES[name] = day;
    NAMES[`${name}s`] = day; // "mondays"
  }
}

const GROUPS: Record<string, readonly Weekday[]> = {
  daily: WEEK,
  everyday: WEEK,
  weekdays: WORKDAYS,
  weekday: WORKDAYS,
  workdays: WORKDAYS,
  weekends: ['sat', 'sun'],
  weekend: ['sat', 'sun'],
};

export type DaysParse = { ok: true; weekdays: Weekday[] } | { ok: false; message: string };

/** Days from the day words of a command; none at all means Mon–Fri. */
export function parseDays(words: readonly string[]): DaysParse {
  const found = new Set<Weekday>();
  const joined = words.join(' ').toLowerCase();
  // "every day" is a phrase; "and" joins lists ("mon and thu").
  const parts = joined
    .replace(/\bevery\s*days?\b/g, 'daily')
    .split(/[\s,]+|\band\b/)
    .filter(Boolean);
  if (parts.length === 0) return { ok: true, weekdays: [...WORKDAYS] };
  for (const part of parts) {
    const group = GROUPS[part];
    if (group) {
      for (const day of group) found.add(day);
      continue;
    }
    const range = /^([a-z]+)-([a-z]+)$/.exec(part);
    if (range) {
      const from = NAMES[range[1] as string];
      const to = NAMES[range[2] as string];
      if (!from || !to) return { ok: false, message: `"${part}" is not a range of days, like mon-fri.` };
      // A range may wrap the weekend: fri-mon is Fri, Sat, Sun, Mon.
      for (let i = WEEK.indexOf(from); ; i = (i + 1) % 7) {
        found.add(WEEK[i] as Weekday);
        if (WEEK[i] === to) break;
      }
      continue;
    }
    const day = NAMES[part];
    if (!day)
      return { ok: false, message: `"${part}" is not a day. Use days like mon,wed,fri, weekdays, weekends or daily.` };
    found.add(day);
  }
  return { ok: true, weekdays: WEEK.filter((d) => found.has(d)) };
}

const title = (day: Weekday) => `${day[0]?.toUpperCase()}${day.slice(1)}`;

/** `Mon–Fri`, `Mon, Wed, Fri`, `Sat, Sun`, `every day`: runs of three or more days become a range. */
export function describeDays(weekdays: readonly Weekday[]): string {
  const days = WEEK.filter((d) => weekdays.includes(d));
  if (days.length === 7) return 'every day';
  const out: string[] = [];
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && WEEK.indexOf(days[j + 1] as Weekday) === WEEK.indexOf(days[j] as Weekday) + 1) j++;
    const first = days[i] as Weekday;
    const last = days[j] as Weekday;
    if (j - i >= 2) out.push(`${title(first)}–${title(last)}`);
    else for (const d of days.slice(i, j + 1)) out.push(title(d));
    i = j + 1;
  }
  return out.join(', ');
}

/** "09:00 Europe/Berlin, Mon–Fri" */
export function describeSchedule(schedule: {
  timeOfDay: string;
  timeZone: string;
  weekdays: readonly Weekday[];
}): string {
  return `${schedule.timeOfDay} ${schedule.timeZone}, ${describeDays(schedule.weekdays)}`;
}
