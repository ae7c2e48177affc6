/**
 * The conversation port (src/app/chat/conversation.ts) for one Teams turn. Teams cannot whisper:
 * a channel or group chat is shared, a personal chat private. Daily lessons go to the conversation
 * the command was typed in; a CSV is a short-lived link; a DM goes to the member's personal chat
 * with the bot, which exists only once they have talked to it there.
 */
import { TeamsInfo } from 'botbuilder';
import type { Conversation, DmResult } from '../app/chat/conversation.js';
import type { ChatDeps } from '../app/chat/deps.js';
import { teamReportDownload } from '../app/downloads.js';
import type { LruCache } from '../app/lru.js';
import { isListedManager } from '../app/managers.js';
import { collectPages } from '../app/pages.js';
import { conversationLabel, personalReferences } from '../app/places.js';
import { PERMANENT, statusOf } from '../scheduler/http-outcome.js';
import type { Downloads } from '../server/downloads.js';
import { SURFACES } from '../views/actions.js';
import { type Card, mention } from '../views/card.js';
import { memberRefOf, type Turn } from './activity.js';
import { canOpenDialogs } from './client.js';
import { cardActivity } from './present.js';
import { sendProactively } from './proactive.js';

/** What the Teams runtime adds to the flows' deps. In TUTOR_MANAGERS, Azure AD object ids and e-mail addresses count. */
export interface TeamsDeps extends ChatDeps {
  readonly appId: string;
  /** Short-lived download links (the team report's CSV). */
  readonly downloads: Downloads;
  /** E-mail addresses looked up for the manager check, cached for a few minutes per user. */
  readonly emails: LruCache<{ readonly email?: string }>;
}

/** The member's e-mail from Teams (GET …/members/{id}), cached briefly; undefined when Teams will not say. */
async function emailOf(turn: Turn, deps: TeamsDeps): Promise<string | undefined> {
  const key = `${turn.workspaceId}:${turn.activity.from.id}`;
  const cached = deps.emails.get(key);
  if (cached) return cached.email;
  try {
    const member = await TeamsInfo.getMember(turn.ctx, turn.activity.from.id);
    const email = (member.email || member.userPrincipalName || '').toLowerCase() || undefined;
    deps.emails.set(key, email ? { email } : {});
    if (email) await deps.tutor.member({ ...memberRefOf(turn.activity), email });
    return email;
  } catch (error) {
    deps.log.warn('teams.get_member_failed', { workspaceId: turn.workspaceId, error });
    return undefined;
  }
}

export function teamsConversation(turn: Turn, deps: TeamsDeps): Conversation {
  const me = memberRefOf(turn.activity);
  // A roster member: no time zone until their own client tells it.
  const known = { workspaceId: me.workspaceId, platform: 'teams' as const };
  let manager: Promise<boolean> | undefined;
  // Looked up once per turn: a nudge DMs many members.
  let chats: ReturnType<typeof personalReferences> | undefined;
  const here = turn.scope === 'channel' ? 'this channel' : 'this chat';
  return {
    platform: 'teams',
    workspaceId: turn.workspaceId,
    memberId: me.externalId,
    place: { id: turn.conversationId, kind: turn.scope === 'personal' ? 'private' : 'shared' },
    whispers: false,
    dialogs: canOpenDialogs(turn.ctx.activity),
    surface: SURFACES.teams,
    dailyTargets: 'here',
    knownMember: () => me,
    member: async () => me,
    isManager: () => {
      manager ??= isListedManager(deps.managers, turn.activity.from.aadObjectId, () => emailOf(turn, deps));
      return manager;
    },
    async dm(memberId: string, card: Card): Promise<DmResult> {
      chats ??= personalReferences(deps.store, turn.workspaceId);
      const reference = (await chats).get(memberId);
      // Teams gives a bot no way to write to someone who never chatted with it one to one.
      if (!reference) return 'unreachable';
      try {
        await sendProactively(turn.ctx.adapter, deps.appId, reference, cardActivity(card));
        return 'sent';
      } catch (error) {
        const status = statusOf(error);
        deps.log.warn('teams.dm_failed', { workspaceId: turn.workspaceId, status, error });
        // Blocked, or the app removed from their personal scope: they must open the chat again.
        return status !== undefined && PERMANENT.has(status) ? 'unreachable' : 'failed';
      }
    },
    // Read now, not from the turn's memo: the member's own personal chat may be this very turn.
    canDm: async () => (await personalReferences(deps.store, turn.workspaceId)).has(me.externalId),
    placeName: async (placeId) =>
      mention.place(placeId, placeId === turn.conversationId ? here : await conversationLabel(deps.store, placeId)),
    // Only the conversation typed in: a team's members (for a channel), else the chat's.
    roster: async (placeId) =>
      placeId !== turn.conversationId
        ? undefined
        : collectPages(async (token) => {
            const page = await TeamsInfo.getPagedMembers(turn.ctx, 500, token);
            const people = page.members.flatMap((m) => (m.aadObjectId ? [[m.aadObjectId, m.name] as const] : []));
            const refs = people.map(([id, name]) => ({ ...known, externalId: id, displayName: name }));
            return { items: refs, next: page.continuationToken };
          }).catch((error) => void deps.log.warn('teams.roster_failed', { error })),
    csv: {
      kind: 'link',
      url: () => deps.downloads.link(turn.baseUrl, teamReportDownload(turn.workspaceId)),
    },
  };
}
