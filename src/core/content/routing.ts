/**
 * Which concept check a lesson's "Take the check" opens. A check belongs to the last lesson it
 * covers (in course order), so it is never offered before the member has reached all its lessons;
 * a lesson's own single-lesson checks come before the wider ones it closes, and a check the member
 * has passed gives way to the next one.
 */
import type { Check } from './schema.js';

const lastLesson = (check: Check, order: readonly string[]): string | undefined =>
  [...check.lessons].sort((a, b) => order.indexOf(a) - order.indexOf(b)).at(-1);

/** The checks offered from `lessonId`'s card, in the order they are offered. */
export function checksOfferedFrom(order: readonly string[], checks: readonly Check[], lessonId: string): Check[] {
  const own = checks.filter((c) => lastLesson(c, order) === lessonId);
  return [...own.filter((c) => c.lessons.length === 1), ...own.filter((c) => c.lessons.length > 1)];
}

/**
 * The check "Take the check" opens under `lessonId`: the first offered one the member has not
 * passed, or (all passed) the lesson's own first one, to practise again.
 */
export function checkForLesson(
  order: readonly string[],
  checks: readonly Check[],
  lessonId: string,
  passed: ReadonlySet<string>,
): Check | undefined {
  const offered = checksOfferedFrom(order, checks, lessonId);
  return offered.find((c) => !passed.has(c.id)) ?? offered[0];
}
