import { describe, expect, it } from 'vitest';
import { applyReviewResult, dueReviews, type ReviewItem } from '../../../src/core/learning/review.js';
import { localDay, startOfLocalDay } from '../../../src/core/time/zoned.js';

const tz = 'Europe/Berlin';
const clockAt = (iso: string) => {
  const now = Date.parse(iso);
  return { now, today: localDay(now, tz), timeZone: tz };
};

/** Runs one answer and returns the item as stored. */
function answer(item: ReviewItem | undefined, correct: boolean, iso: string) {
  return applyReviewResult(item, 'linear-scaling', correct, clockAt(iso));
}

describe('spaced review of missed concepts', () => {
  it('a missed concept comes back the next local day', () => {
    const change = answer(undefined, false, '2026-11-21T20:00:00Z');
    expect(change).toEqual({
      action: 'upsert',
      item: { conceptId: 'linear-scaling', stage: 0, dueAt: startOfLocalDay('2026-11-22', tz), lastResult: 'missed' },
    });
  });

  it('moves through 1, 3 and 7 days with correct reviews, then leaves the queue', () => {
    let change = answer(undefined, false, '2026-11-01T10:00:00Z');
    if (change.action !== 'upsert') throw new Error('expected an upsert');
    const days: string[] = [];
    let item = change.item;
    for (;;) {
      const due = new Date(item.dueAt + 9 * 3600_000).toISOString(); // 09:00-ish on the due day
      change = answer(item, true, due);
      if (change.action !== 'upsert') break;
      days.push(localDay(change.item.dueAt, tz));
      item = change.item;
    }
    expect(change).toEqual({ action: 'remove', conceptId: 'linear-scaling' });
    // Missed on 1 Nov → due 2 Nov; right on 2 Nov → 3 days → 5 Nov; right on 5 Nov → 7 days → 12 Nov.
    expect(days).toEqual(['2026-11-05', '2026-11-12']);
  });

  it('counts calendar days across the end of DST (due at local midnight, not 24 h later)', () => {
    const change = answer(undefined, false, '2026-10-24T12:00:00Z');
    if (change.action !== 'upsert') throw new Error('expected an upsert');
    const third = applyReviewResult(change.item, 'linear-scaling', true, clockAt('2026-10-25T08:00:00Z'));
    if (third.action !== 'upsert') throw new Error('expected an upsert');
    // 25 Oct + 3 days = 28 Oct, midnight in Berlin (UTC+1 after the change) = 27 Oct 23:00 UTC.
    expect(new Date(third.item.dueAt).toISOString()).toBe('2026-10-27T23:00:00.000Z');
  });

  it('a miss during review starts the intervals again', () => {
    const item: ReviewItem = {
      conceptId: 'linear-scaling',
      stage: 2,
      dueAt: Date.parse('2026-11-20T00:00:00Z'),
      lastResult: 'correct',
    };
    expect(answer(item, false, '2026-11-21T10:00:00Z')).toMatchObject({ action: 'upsert', item: { stage: 0 } });
  });

  it('a correct answer before the item is due does not skip an interval', () => {
    const item: ReviewItem = {
      conceptId: 'linear-scaling',
      stage: 0,
      dueAt: Date.parse('2026-11-25T00:00:00Z'),
      lastResult: 'missed',
    };
    expect(answer(item, true, '2026-11-21T10:00:00Z')).toEqual({ action: 'none' });
    expect(answer(undefined, true, '2026-11-21T10:00:00Z')).toEqual({ action: 'none' });
  });

  it('lists due items, most overdue first', () => {
    const items: ReviewItem[] = [
      { conceptId: 'b', stage: 0, dueAt: 300, lastResult: 'missed' },
      { conceptId: 'a', stage: 0, dueAt: 100, lastResult: 'missed' },
      { conceptId: 'c', stage: 0, dueAt: 900, lastResult: 'missed' },
    ];
    expect(dueReviews(items, 500).map((i) => i.conceptId)).toEqual(['a', 'b']);
  });
});
