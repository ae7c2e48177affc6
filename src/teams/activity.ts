/**
 * zod schemas for the parts of a Teams activity the bot reads. The adapter has authenticated the
 * sender (when an app id is set); these make sure an odd activity — no sender, a forged card value,
 * an id a mile long — is refused cleanly instead of reaching the tutor.
 */
import { z } from 'zod';

const id = z.string().min(1).max(512);
const short = z.string().max(256);

export const activitySchema = z.object({
  type: z.string().max(64),
  id: id.optional(),
  text: z.string().max(8_000).optional(),
  replyToId: id.optional(),
  localTimezone: z.string().max(64).optional(),
  from: z.object({ id, name: short.optional(), aadObjectId: z.string().max(128).optional() }),
  recipient: z.object({ id, name: short.optional() }),
  conversation: z.object({
    id,
    conversationType: z.string().max(32).optional(),
    tenantId: z.string().max(128).optional(),
    name: short.optional(),
  }),
  channelData: z
    .object({
      tenant: z.object({ id: z.string().max(128) }).optional(),
      team: z.object({ id, name: short.optional() }).optional(),
      channel: z.object({ id, name: short.optional() }).optional(),
    })
    .optional(),
  membersAdded: z.array(z.object({ id })).max(1_000).optional(),
  action: z.string().max(32).optional(),
});

export type TeamsActivity = z.infer<typeof activitySchema>;

const checkId = z.string().min(1).max(64);

/** The value of each card action the bot renders, by action id (see src/views/actions.ts). */
export const submitValues = {
  lesson: z.object({
    lesson: z.string().regex(/^\d+\.\d+$/),
    mode: z.enum(['essentials', 'full']).default('essentials'),
  }),
  check: z.object({ check: checkId }),
  answer: z.object({ check: checkId, option: checkId, nonce: checkId }),
  sort: z.object({ check: checkId, nonce: checkId }),
  whatIf: z.object({ q: z.string().min(1).max(2_000) }),
  none: z.object({}),
};
