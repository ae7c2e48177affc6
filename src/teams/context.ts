import type { TurnContext } from 'botbuilder';
import type { LruCache } from '../app/lru.js';
import type { SurfaceDeps } from '../app/surface.js';
import type { MemberRef } from '../app/tutor.js';
import type { CsvLinks } from './csv-links.js';
import type { TeamsActivity } from './payloads.js';

/** What every Teams handler may use; in TUTOR_MANAGERS, Azure AD object ids and e-mail addresses count. */
export type TeamsDeps = SurfaceDeps;

/** Deps plus what the runtime adds: short-lived CSV links and the bot's own app id. */
export interface TeamsRuntimeDeps extends TeamsDeps {
  readonly links: CsvLinks;
  readonly appId: string;
  /** E-mail addresses looked up for the manager check, cached for a few minutes per user. */
  readonly emails: LruCache<{ readonly email?: string }>;
}

export type Scope = 'personal' | 'channel' | 'groupChat';

/** One incoming activity, validated, with who sent it and where. */
export interface Turn {
  readonly ctx: TurnContext;
  readonly activity: TeamsActivity;
  readonly me: MemberRef;
  readonly workspaceId: string;
  /** The conversation without Teams' `;messageid=…` thread suffix: a channel, a chat or a 1:1. */
  readonly conversationId: string;
  readonly scope: Scope;
  /** Where this server is reachable from the member's Teams client (for links back to it). */
  readonly baseUrl: string;
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
  if (type === 'channel' || type === 'groupChat') return type;
  return 'personal';
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

/** Teams occasionally sends these entities in message text; commands are plain words. */
const ENTITIES: Record<string, string> = { '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };

/** The words of a message, without the bot's @mention (in channels and group chats) or leftover markup. */
export function commandText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<\/?[a-z][^>]*>/gi, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot);/g, (m) => ENTITIES[m] ?? m)
    .replace(/\s+/g, ' ')
    .trim();
}
