import type { Lesson } from '../core/content/schema.js';
import { estimate } from '../core/cost/index.js';

/**
 * A lesson's worked example, computed by the same cost engine as `/cost`, so the numbers a lesson
 * shows are the numbers the bot gives in a channel. Content tests make sure every scenario parses.
 */
export function workedExample(lesson: Lesson): { scenario: string; point: string; lines: string[] } | undefined {
  if (!lesson.workedExample) return undefined;
  const result = estimate(lesson.workedExample.scenario);
  if (!result.ok) return undefined;
  return {
    scenario: lesson.workedExample.scenario,
    point: lesson.workedExample.point,
    lines: [...result.breakdown.steps.slice(0, 4), `**${result.breakdown.summary}**`],
  };
}
