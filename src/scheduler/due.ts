/**
 * Which (schedule, local day) pairs are due at an instant. Pure: the runner claims what this
 * returns, and the claim (not this function) makes each pair go out once.
 */
import { isValidTimeZone, localDay, weekdayOf, zonedTimeToInstant } from '../core/time/zoned.js';
import type { Schedule } from '../store/index.js';

export interface DueDelivery {
  schedule: Schedule;
  /** The schedule's local calendar day (`YYYY-MM-DD` in its zone): the ledger's key with its id. */
  localDay: string;
  /** The instant the prompt became due (the local time on that day). */
  dueAt: number;
}

/**
 * The instant a schedule is due on a local day, or undefined when that day is not one of its
 * weekdays. DST-safe: a 02:30 that the spring change skips is 03:30 that day, and a 02:30 that
 * autumn repeats is its first occurrence.
 */
export function dueInstant(schedule: Schedule, day: string): number | undefined {
  if (!schedule.weekdays.includes(weekdayOf(day))) return undefined;
  return zonedTimeToInstant(day, schedule.timeOfDay, schedule.timeZone);
}

/**
 * The deliveries due at `now`: today's (in each schedule's zone) once its local time has passed.
 * Only today counts, so a server that was down for days sends no backlog, yet one restarted at
 * 11:00 still sends today's 09:00 prompt. A schedule set (created or last changed) after today's
 * moment starts on its next day: subscribing at 10:00 for 09:00 does not post at once.
 */
export function dueDeliveries(schedules: readonly Schedule[], now: number): DueDelivery[] {
  const due: DueDelivery[] = [];
  for (const schedule of schedules) {
    // A zone this runtime does not know would throw in Intl; it cannot be due, and one bad row
    // must not stop every other workspace's prompts. The runner reports it.
    if (!schedule.active || !isValidTimeZone(schedule.timeZone)) continue;
    const day = localDay(now, schedule.timeZone);
    const dueAt = dueInstant(schedule, day);
    if (dueAt === undefined || dueAt > now) continue;
    if (Math.max(schedule.createdAt, schedule.updatedAt) > dueAt) continue;
    due.push({ schedule, localDay: day, dueAt });
  }
  // Oldest moment first, so a backlog after a restart goes out in the order it was due.
  return due.sort((a, b) => a.dueAt - b.dueAt || a.schedule.id - b.schedule.id);
}
