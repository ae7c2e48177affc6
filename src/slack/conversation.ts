/**
 * The conversation port (src/app/chat/conversation.ts) for Slack: one member's turn in one
 * workspace, with their profile from users.info behind a bounded cache.
 */
import type { WebClient } from '@slack/web-api';
import type { Conversation } from '../app/chat/conversation.js';
import type { ChatDeps } from '../app/chat/deps.js';
import type { LruCache } from '../app/lru.js';
import { isListedManager } from '../app/managers.js';
import { collectPages, mapLimited } from '../app/pages.js';
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
  readonly isBot?: boolean;
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
      isBot: Boolean(u?.is_bot || u?.id === 'USLACKBOT'),
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

const refOf = (workspaceId: string, externalId: string, info: UserInfo): MemberRef => ({
  workspaceId,
  platform: 'slack',
  externalId,
  ...(info.name ? { displayName: info.name } : {}),
  ...(info.tz ? { timeZone: info.tz } : {}),
});

/** A channel's member ids; undefined when the bot cannot see the channel. */
const channelMembers = ({ client }: SlackTurn, channel: string, deps: SlackDeps) =>
  collectPages(async (cursor) => {
    const res = await client.conversations.members({ channel, limit: 1000, ...(cursor ? { cursor } : {}) });
    return { items: res.members ?? [], next: res.response_metadata?.next_cursor };
  }).catch((error) => void deps.log.warn('slack.channel_members_failed', { channel, error }));

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
    member: async () => refOf(known.workspaceId, userId, await userInfo(turn, deps)),
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
    placeName: async (placeId) => mention.place(placeId),
    // A channel the bot cannot see (private, not invited) counts as "not shown to be a member".
    isIn: async (channel) => (await channelMembers(turn, channel, deps))?.includes(userId) ?? false,
    // Each member's profile gives their time zone (users.info, a few at a time: Slack allows about
    // 100 a minute); bots (the tutor among them) get no lessons.
    async roster(channel) {
      const ids = await channelMembers(turn, channel, deps);
      const people =
        ids && (await mapLimited(ids, 8, async (id) => [id, await userInfo({ ...turn, userId: id }, deps)] as const));
      return people?.filter(([, info]) => !info.isBot).map(([id, info]) => refOf(known.workspaceId, id, info));
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
