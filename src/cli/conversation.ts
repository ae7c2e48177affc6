/**
 * The terminal as a conversation (src/app/chat/conversation.ts): one member, alone with the tutor,
 * so every reply is private; nothing can be sent to anyone else and nothing is posted daily.
 */
import type { Conversation } from '../app/chat/conversation.js';
import type { MemberRef } from '../app/tutor.js';
import { SURFACES } from '../views/actions.js';
import { mention } from '../views/card.js';

export function terminalConversation(me: MemberRef): Conversation {
  return {
    platform: 'cli',
    workspaceId: me.workspaceId,
    memberId: me.externalId,
    place: { kind: 'private' },
    whispers: true,
    dialogs: false,
    surface: SURFACES.cli,
    knownMember: () => me,
    member: async () => me,
    // Whoever can open the database file can read every row of it: the report hides nothing from them.
    isManager: async () => true,
    dm: async () => 'unreachable',
    placeName: async (placeId) => mention.place(placeId, placeId),
    dailyTargets: 'none',
  };
}
