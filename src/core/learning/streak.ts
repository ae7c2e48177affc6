import { addDays } from '../time/zoned.js';

export interface Streak {
  /** Consecutive active local days ending today, or ending yesterday while today is still open. */
  readonly current: number;
  readonly longest: number;
  readonly activeToday: boolean;
}

/**
 * Streak of consecutive active days. `activeDays` are local calendar days ('YYYY-MM-DD') recorded
 * in the member's time zone at the moment of activity; `today` is the member's local day now.
 * Yesterday's streak stays alive until today ends, as in every streak a learner knows.
 */
export function computeStreak(activeDays: readonly string[], today: string): Streak {
  const days = new Set(activeDays.filter((d) => d <= today));
  const sorted = [...days].sort();
  let longest = 0;
  let run = 0;
  let previous: string | undefined;
  for (const day of sorted) {
    run = previous !== undefined && addDays(previous, 1) === day ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = day;
  }
  const activeToday = days.has(today);
  let current = 0;
  let cursor = activeToday ? today : addDays(today, -1);
  while (days.has(cursor)) {
    current += 1;
    cursor = addDays(cursor, -1);
  }
  return { current, longest, activeToday };
}
