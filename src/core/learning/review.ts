import { addDays, startOfLocalDay } from '../time/zoned.js';

/** A missed concept comes back after 1, then 3, then 7 days; a correct answer on the last one retires it. */
export const REVIEW_INTERVALS_DAYS = [1, 3, 7] as const;

export interface ReviewItem {
  readonly conceptId: string;
  /** Index into REVIEW_INTERVALS_DAYS of the interval the item is waiting out. */
  readonly stage: number;
  /** Local midnight (as an instant) of the day the concept is due again. */
  readonly dueAt: number;
  readonly lastResult: 'missed' | 'correct';
}

export type ReviewChange =
  | { readonly action: 'none' }
  | { readonly action: 'upsert'; readonly item: ReviewItem }
  | { readonly action: 'remove'; readonly conceptId: string };

export interface ReviewClock {
  readonly now: number;
  /** The member's local day now and their time zone: intervals are calendar days, DST-proof. */
  readonly today: string;
  readonly timeZone: string;
}

function dueAfter(days: number, clock: ReviewClock): number {
  return startOfLocalDay(addDays(clock.today, days), clock.timeZone);
}

/**
 * How one answer on a concept changes the member's review queue.
 * - missed → due tomorrow (stage 0), whether or not it was queued;
 * - correct while due → moves on to the next interval, or leaves the queue after the last one;
 * - correct but not due yet, or never missed → no change (early practice does not skip intervals).
 */
export function applyReviewResult(
  existing: ReviewItem | undefined,
  conceptId: string,
  correct: boolean,
  clock: ReviewClock,
): ReviewChange {
  const first = REVIEW_INTERVALS_DAYS[0];
  if (!correct) {
    return { action: 'upsert', item: { conceptId, stage: 0, dueAt: dueAfter(first, clock), lastResult: 'missed' } };
  }
  if (!existing || clock.now < existing.dueAt) return { action: 'none' };
  const stage = existing.stage + 1;
  const interval = REVIEW_INTERVALS_DAYS[stage];
  if (interval === undefined) return { action: 'remove', conceptId };
  return { action: 'upsert', item: { conceptId, stage, dueAt: dueAfter(interval, clock), lastResult: 'correct' } };
}

export function dueReviews(items: readonly ReviewItem[], now: number): ReviewItem[] {
  return items
    .filter((i) => i.dueAt <= now)
    .sort((a, b) => a.dueAt - b.dueAt || a.conceptId.localeCompare(b.conceptId));
}
