/**
 * The decoder's half: zod schemas for the parts of a Teams activity the bot reads, and what they
 * say (who, where, which words). The adapter has authenticated the sender (when an app id is set);
 * these make sure an odd activity — no sender, an id a mile long — is refused cleanly.
 */
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { MemberRef } from '../app/tutor.js';

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

export type Scope = 'personal' | 'channel' | 'groupChat';

/** One incoming activity, validated, with where it came from. */
export interface Turn {
  readonly ctx: TurnContext;
  readonly activity: TeamsActivity;
  readonly workspaceId: string;
  /** The conversation without Teams' `;messageid=…` thread suffix: a channel, a chat or a 1:1. */
  readonly conversationId: string;
  readonly scope: Scope;
  /** What its members call it, when Teams says (see conversationNameOf). */
  readonly name?: string | undefined;
  /** Where this server is reachable from the member's Teams client (for links back to it). */
  readonly baseUrl: string;
}

/** The activity validated, and where it came from; undefined when it is not one the bot can answer. */
export function decodeTurn(ctx: TurnContext, baseUrl: string): Turn | undefined {
  const parsed = activitySchema.safeParse(ctx.activity);
  if (!parsed.success) return undefined;
  const activity = parsed.data;
  const [workspaceId, scope, name] = [workspaceIdOf(activity), scopeOf(activity), conversationNameOf(activity)];
  return {
    ctx,
    activity,
    workspaceId,
    conversationId: baseConversationId(activity.conversation.id),
    scope,
    name,
    baseUrl,
  };
}

/**
 * `teams:<tenant id>`. The Emulator sends no tenant; its conversations share `teams:local`, which
 * a real tenant id (a GUID) can never be.
 */
export function workspaceIdOf(activity: TeamsActivity): string {
  const tenant = activity.conversation.tenantId ?? activity.channelData?.tenant?.id;
  return `teams:${tenant || 'local'}`;
}

/** A channel message's conversation id names its thread; daily prompts go to the channel itself. */
export const baseConversationId = (id: string): string => id.split(';')[0] ?? id;

export function scopeOf(activity: TeamsActivity): Scope {
  const type = activity.conversation.conversationType;
  return type === 'channel' || type === 'groupChat' ? type : 'personal';
}

/** What members of the conversation call it: "Product › General", a group chat's topic. */
export function conversationNameOf(activity: TeamsActivity): string | undefined {
  const { team, channel } = activity.channelData ?? {};
  if (team?.name) return channel?.name ? `${team.name} › ${channel.name}` : `${team.name} › General`;
  return activity.conversation.name || undefined;
}

export function memberRefOf(activity: TeamsActivity): MemberRef {
  const { from } = activity;
  return {
    workspaceId: workspaceIdOf(activity),
    platform: 'teams',
    // The Azure AD object id is the user's one id across every chat and team of the tenant.
    externalId: from.aadObjectId ?? from.id,
    ...(from.name ? { displayName: from.name } : {}),
    ...(activity.localTimezone ? { timeZone: activity.localTimezone } : {}),
  };
}
