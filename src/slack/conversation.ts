/**
 * The conversation port (src/app/chat/conversation.ts) for Slack: one member's turn in one
 * workspace, with their profile from users.info behind a bounded cache.
 */
import type { WebClient } from '@slack/web-api';
import type { Conversation } from '../app/chat/conversation.js';
import type { ChatDeps } from '../app/chat/deps.js';
import type { LruCache } from '../app/lru.js';
import { isListedManager } from '../app/managers.js';
import type { MemberRef } from '../app/tutor.js';
import { SURFACES } from '../views/actions.js';
import { mention } from '../views/card.js';
import { cardToMessage } from './render/blocks.js';

/** A Slack profile; `email` only with the users:read.email scope. */
export type UserInfo = {
  readonly name?: string;
  readonly tz?: string;
  readonly email?: string;
  readonly isAdmin: boolean;
};

/** Profiles seen recently, bounded (MEMBER_CACHE), besides what every flow uses. */
export type SlackDeps = ChatDeps & { readonly profiles: LruCache<UserInfo> };

/** Who acts, and where: read from the payload by a listener. */
export type SlackTurn = {
  readonly client: WebClient;
  readonly teamId: string;
  readonly userId: string;
  readonly channelId?: string;
};

/** Pages of conversations.members read at most (1,000 members each) before giving up. */
const MEMBER_PAGES = 20;

/**
 * The member's profile, cached so a burst of clicks makes one users.info call. A failure gives an
 * empty profile, not an error: the member can still learn, with UTC as their day.
 */
async function userInfo({ client, teamId, userId }: SlackTurn, deps: SlackDeps): Promise<UserInfo> {
  const cached = deps.profiles.get(`${teamId}:${userId}`);
  if (cached) return cached;
  try {
    const u = (await client.users.info({ user: userId })).user;
    const info: UserInfo = {
      name: u?.profile?.display_name || u?.real_name || u?.name || undefined,
      tz: u?.tz || undefined,
      email: u?.profile?.email?.toLowerCase() || undefined,
      isAdmin: Boolean(u?.is_admin || u?.is_owner || u?.is_primary_owner),
    };
    deps.profiles.set(`${teamId}:${userId}`, info);
    return info;
  } catch (error) {
    deps.log.warn('slack.users_info_failed', { teamId, userId, error });
    return { isAdmin: false };
  }
}

/** The DM between the bot and a member (opened if need be). */
export async function dmChannel(client: WebClient, userId: string): Promise<string> {
  const channel = (await client.conversations.open({ users: userId })).channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  return channel;
}

export function slackConversation(turn: SlackTurn, deps: SlackDeps): Conversation {
  const { client, teamId, userId, channelId } = turn;
  const known: MemberRef = { workspaceId: `slack:${teamId}`, platform: 'slack', externalId: userId };
  return {
    platform: 'slack',
    workspaceId: known.workspaceId,
    memberId: userId,
    // A DM (or the Home tab) is the member's own; a channel or group DM is seen by others.
    place: {
      ...(channelId ? { id: channelId } : {}),
      kind: !channelId || channelId.startsWith('D') ? 'private' : 'shared',
    },
    whispers: true,
    dialogs: true,
    surface: SURFACES.slack,
    dailyTargets: 'named',
    dailyHint: 'Invite me to the channel (`/invite @Tutor`) if I am not there yet.',
    knownMember: () => known,
    async member() {
      const info = await userInfo(turn, deps);
      return { ...known, ...(info.name ? { displayName: info.name } : {}), ...(info.tz ? { timeZone: info.tz } : {}) };
    },
    // Owners and admins, and TUTOR_MANAGERS by Slack user id or by e-mail.
    async isManager() {
      const profile = deps.managers.has(userId) ? undefined : await userInfo(turn, deps);
      return !profile || profile.isAdmin || isListedManager(deps.managers, userId, async () => profile.email);
    },
    // A failure throws: the nudge counts and logs it, and tries that member again next time.
    dm: async (memberId, card) => {
      await client.chat.postMessage({ channel: await dmChannel(client, memberId), ...cardToMessage(card) });
      return 'sent';
    },
    placeName: (placeId) => mention.place(placeId),
    // A channel the bot cannot see (private, not invited) counts as "not shown to be a member".
    async isIn(channel) {
      try {
        let cursor: string | undefined;
        for (let page = 0; page < MEMBER_PAGES; page++) {
          const res = await client.conversations.members({ channel, limit: 1000, ...(cursor ? { cursor } : {}) });
          if (res.members?.includes(userId)) return true;
          cursor = res.response_metadata?.next_cursor || undefined;
          if (!cursor) return false;
        }
      } catch (error) {
        deps.log.warn('slack.channel_members_failed', { channel, error });
      }
      return false;
    },
    csv: {
      kind: 'dm',
      send: async ({ name, title, content }) => {
        const channel_id = await dmChannel(client, userId);
        const initial_comment = 'The team report as CSV: one row per member.';
        await client.files.uploadV2({ channel_id, content, filename: name, title, initial_comment });
      },
    },
  };
}
