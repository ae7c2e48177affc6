/**
 * zod schemas for the parts of Slack payloads the listeners use. Bolt has already verified the
 * signature; these make sure a well-signed but odd payload (a missing team, an object where an id
 * belongs) is refused cleanly instead of reaching the flows. Button values are checked by
 * app/chat/values.ts.
 */
import { z } from 'zod';

const slackId = z.string().regex(/^[A-Z0-9]{2,32}$/, 'a Slack id');
const ts = z.string().max(64);
const who = {
  user: z.object({ id: slackId, team_id: slackId.optional() }),
  team: z.object({ id: slackId }).nullable().optional(),
};

const text = z.string().max(4_000).default('');
export const commandSchema = z.object({ team_id: slackId, user_id: slackId, channel_id: slackId, text });

/** A click: who, on which button, in which message (or view) and channel, and what its selects held. */
export const clickSchema = z.object({
  ...who,
  actions: z
    .array(
      z.object({
        action_id: z.string().max(255),
        block_id: z.string().max(255).optional(),
        value: z.string().max(2_000).optional(),
      }),
    )
    .min(1),
  container: z
    .object({
      type: z.string().max(64).optional(),
      message_ts: ts.optional(),
      channel_id: slackId.optional(),
      is_ephemeral: z.boolean().optional(),
    })
    .optional(),
  channel: z.object({ id: slackId }).optional(),
  trigger_id: z.string().max(255).optional(),
  state: z.unknown().optional(),
});

/** The message shortcut: the message it was used on is read by message-text.ts. */
export const shortcutSchema = z.object({
  ...who,
  trigger_id: z.string().max(255),
  channel: z.object({ id: slackId }).optional(),
  message: z.unknown().optional(),
});

/** A modal submitted: its id, what it carried and what its selects held. */
export const submissionSchema = z.object({
  ...who,
  view: z.object({
    id: z.string().max(64),
    private_metadata: z.string().max(3_000).optional(),
    state: z.unknown().optional(),
  }),
});

/** A person's message or mention, as the DM and mention listeners read it (the rest is ignored). */
export const personEventSchema = z.object({
  team_id: slackId,
  event: z.object({
    user: slackId,
    channel: slackId,
    text: z.string().max(40_000).optional(),
    ts: ts.optional(),
    thread_ts: ts.optional(),
  }),
});

/** App Home opened: whose Home to draw. */
export const homeOpenedSchema = z.object({ team_id: slackId, event: z.object({ user: slackId }) });

/** The team of an interaction: the workspace, or the user's home team in an org-wide install. */
export const teamOf = (b: { team?: { id: string } | null; user: { team_id?: string | undefined } }) =>
  b.team?.id ?? b.user.team_id;
