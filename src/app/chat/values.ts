/**
 * The value each action's button carries, as a zod schema: what a platform decodes from a click is
 * checked here before any flow sees it, the same way on every platform.
 */
import { z } from 'zod';
import { MAX_LENGTH } from '../../core/cost/index.js';

const id = z.string().min(1).max(64);

export const values = {
  lesson: z.object({
    lesson: z.string().regex(/^\d+\.\d+$/),
    mode: z.enum(['essentials', 'full']).default('essentials'),
  }),
  check: z.object({ check: id }),
  answer: z.object({ check: id, option: id, nonce: id }),
  sort: z.object({ check: id, nonce: id }),
  /** A what-if scenario: no longer than the cost engine reads. */
  whatIf: z.object({ q: z.string().min(1).max(MAX_LENGTH) }),
  explainLesson: z.object({ lesson: z.string().regex(/^\d+\.\d+$/) }),
  explainText: z.object({ s: z.string().min(1).max(2_000) }),
  pick: z.object({ session: z.string().min(1).max(64), pick: z.string().max(8).optional() }),
  none: z.object({}),
};
