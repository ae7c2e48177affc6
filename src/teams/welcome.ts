import type { SurfaceDeps } from '../app/surface.js';
import { SURFACES } from '../views/actions.js';
import type { Card } from '../views/card.js';
import { helpCard } from '../views/notice.js';
import type { Turn } from './activity.js';
import { claimWelcome, forgetWelcome } from './conversations.js';
import { cardActivity } from './present.js';

/** A short hello: what the tutor does, then the commands (the help card's lines). */
export function welcomeCard(): Card {
  const help = helpCard(SURFACES.teams);
  return {
    summary: 'Hi, I am your tutor: bite-sized AI lessons right here',
    blocks: [
      { kind: 'header', title: 'Hi, I am your tutor', subtitle: 'AI Foundations for PMs, one minute a day' },
      {
        kind: 'text',
        text: 'I teach the course in short lessons with a concept check after each, bring back what you missed, and answer "what would it cost?" with the arithmetic shown. In a channel, @mention me first.',
      },
      ...help.blocks.filter((b) => b.kind !== 'header'),
    ],
  };
}

/** Was the bot itself among the members added (it was installed here), rather than a new person? */
export const botWasAdded = (turn: Turn): boolean =>
  (turn.activity.membersAdded ?? []).some((m) => m.id === turn.activity.recipient.id);

/**
 * Installed in a personal chat, a team or a group chat: say hello once. Teams announces an install
 * with an installationUpdate and a conversationUpdate (and may repeat either); the claim in the
 * conversation's stored row lets exactly one of them through.
 */
export async function welcome(turn: Turn, deps: SurfaceDeps): Promise<void> {
  if (!claimWelcome(deps.store, turn.conversationId, deps.now())) return;
  deps.log.info('teams.welcome', { workspaceId: turn.workspaceId, scope: turn.scope });
  await turn.ctx.sendActivity(cardActivity(welcomeCard()));
}

/** Uninstalled: a later install is a new install and gets its hello. */
export function uninstalled(turn: Turn, deps: SurfaceDeps): void {
  forgetWelcome(deps.store, turn.conversationId);
  deps.log.info('teams.uninstalled', { workspaceId: turn.workspaceId, scope: turn.scope });
}
