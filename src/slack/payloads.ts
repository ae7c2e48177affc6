/**
 * zod schemas for the parts of Slack payloads the listeners use. Bolt has already verified the
 * signature; these make sure a well-signed but odd payload (a forged value, a missing team) is
 * refused cleanly instead of reaching the core.
 */
import { z } from 'zod';

const id = z.string().min(1).max(64);
const slackId = z.string().regex(/^[A-Z0-9]{2,32}$/, 'a Slack id');

export const commandSchema = z.object({
  team_id: slackId,
  user_id: slackId,
  channel_id: slackId,
  text: z.string().max(4_000).default(''),
});

export const actionBodySchema = z.object({
  user: z.object({ id: slackId, team_id: slackId.optional() }),
  team: z.object({ id: slackId }).nullable().optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string().max(255),
        block_id: z.string().max(255).optional(),
        value: z.string().max(2_000).optional(),
      }),
    )
    .min(1),
});

/** A person's message or mention, as the DM and mention listeners read it (the rest is ignored). */
export const personEventSchema = z.object({
  team_id: slackId,
  event: z.object({
    user: slackId,
    channel: slackId,
    text: z.string().max(40_000).optional(),
    ts: z.string().max(64).optional(),
    thread_ts: z.string().max(64).optional(),
  }),
});

/** App Home opened: whose Home to draw. */
export const homeOpenedSchema = z.object({ team_id: slackId, event: z.object({ user: slackId }) });

/** The team of an interaction: the workspace, or the user's home team in an org-wide install. */
export const teamOf = (b: z.infer<typeof actionBodySchema>): string | undefined => b.team?.id ?? b.user.team_id;

export const values = {
  lesson: z.object({
    lesson: z.string().regex(/^\d+\.\d+$/),
    mode: z.enum(['essentials', 'full']).default('essentials'),
  }),
  check: z.object({ check: id }),
  answer: z.object({ check: id, option: id, nonce: id }),
  sort: z.object({ check: id, nonce: id }),
  whatIf: z.object({ q: z.string().min(1).max(500) }),
  none: z.object({}),
};
