/**
 * When a member's personal DMs are due. Pure: the runner claims what these return, and the claim
 * (not these functions) makes each (member, local day, kind) go out once.
 *
 * - The lesson: at the member's time of day, in the zone the schedule is served in, on its weekdays.
 *   Only today counts (no backlog after downtime), and a schedule set or moved to a new zone during a
 *   local day starts on the next one, so a member who moves is served at the new local time from the
 *   next local day and never twice in one.
 * - The reminder: at most one a day, REMINDER_AFTER_MS after the lesson went out, never outside
 *   08:00–19:00 the member's time (too early waits for 08:00; past 19:00 there is none that day), none
 *   on a day off, none when the member answered since the lesson, none when reminders are off.
 */
import { addDays, isValidTimeZone, localDay, weekdayOf, zonedTimeToInstant } from '../core/time/zoned.js';
import type { PersonalSchedule } from '../store/index.js';

export const REMINDER_AFTER_MS = 4 * 3_600_000;
export const REMINDER_WINDOW = { from: '08:00', until: '19:00' } as const;

/**
 * zonedTimeToInstant, remembered: 10,000 members share a handful of (day, time, zone) triples, and
 * each tick asks for every one of them. The answer never changes, so the cache only needs a bound.
 */
const instants = new Map<string, number>();
function instant(day: string, time: string, timeZone: string): number {
  const key = `${day}|${time}|${timeZone}`;
  let at = instants.get(key);
  if (at === undefined) {
    if (instants.size >= 4096) instants.clear();
    at = zonedTimeToInstant(day, time, timeZone);
    instants.set(key, at);
  }
  return at;
}

/** localDay for one instant, per zone: a tick asks it once per member, with one `now`. */
let daysAt = Number.NaN;
const days = new Map<string, string>();
function dayIn(now: number, timeZone: string): string {
  if (now !== daysAt) {
    days.clear();
    daysAt = now;
  }
  let day = days.get(timeZone);
  if (day === undefined) {
    day = localDay(now, timeZone);
    days.set(timeZone, day);
  }
  return day;
}

type Due = Pick<
  PersonalSchedule,
  'timeOfDay' | 'weekdays' | 'timeZone' | 'zoneSince' | 'createdAt' | 'updatedAt' | 'active' | 'optedOut' | 'finishedAt'
>;

/** Whether the schedule may send at all (on, not opted out, chapter not finished, zone known). */
export function isLive(s: Due): boolean {
  return s.active && !s.optedOut && s.finishedAt === null && isValidTimeZone(s.timeZone);
}

/**
 * The zone to serve in from now: the member's when it differs from the schedule's (the runner then
 * adopts it, recording when), else undefined. An unknown zone from a platform is never adopted.
 */
export function zoneToAdopt(s: Pick<PersonalSchedule, 'timeZone'>, memberTimeZone: string): string | undefined {
  return memberTimeZone !== s.timeZone && isValidTimeZone(memberTimeZone) ? memberTimeZone : undefined;
}

/** The local day's lesson moment, or undefined on a day off. DST-safe (see zonedTimeToInstant). */
export function lessonInstant(s: Due, day: string): number | undefined {
  if (!s.weekdays.includes(weekdayOf(day))) return undefined;
  return instant(day, s.timeOfDay, s.timeZone);
}

/** Today's lesson (in the schedule's zone) once its moment has passed, else undefined. */
export function dueLesson(s: Due, now: number): { localDay: string; dueAt: number } | undefined {
  if (!isLive(s)) return undefined;
  const day = dayIn(now, s.timeZone);
  const dueAt = lessonInstant(s, day);
  if (dueAt === undefined || dueAt > now) return undefined;
  // Set or changed after today's moment: from tomorrow. Moved to this zone during today: from tomorrow.
  if (Math.max(s.createdAt, s.updatedAt) > dueAt) return undefined;
  if (s.zoneSince > 0 && s.zoneSince > instant(day, '00:00', s.timeZone)) return undefined;
  return { localDay: day, dueAt };
}

/** When the reminder for a lesson sent at `sentAt` on `day` is due, or undefined when there is none. */
export function reminderInstant(
  s: Due & Pick<PersonalSchedule, 'reminders'>,
  day: string,
  sentAt: number,
): number | undefined {
  if (!isLive(s) || !s.reminders || !s.weekdays.includes(weekdayOf(day))) return undefined;
  const from = instant(day, REMINDER_WINDOW.from, s.timeZone);
  const until = instant(day, REMINDER_WINDOW.until, s.timeZone);
  const at = Math.max(sentAt + REMINDER_AFTER_MS, from);
  return at <= until ? at : undefined;
}

/**
 * Whether the reminder is due now: inside its window, and the member has not answered since the
 * lesson (`answeredSince`). Past 19:00 their time it is gone for that day.
 */
export function dueReminder(
  s: Due & Pick<PersonalSchedule, 'reminders'>,
  lesson: { localDay: string; sentAt: number },
  answeredSince: boolean,
  now: number,
): number | undefined {
  if (answeredSince) return undefined;
  const at = reminderInstant(s, lesson.localDay, lesson.sentAt);
  if (at === undefined || at > now) return undefined;
  if (now > instant(lesson.localDay, REMINDER_WINDOW.until, s.timeZone)) return undefined;
  return at;
}

/** The local days whose ledger rows a tick may need: yesterday, today and tomorrow anywhere on Earth. */
export function ledgerDays(now: number): string[] {
  const utc = localDay(now, 'UTC');
  return [addDays(utc, -1), utc, addDays(utc, 1)];
}
