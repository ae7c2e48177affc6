import { type Activity, CardFactory, type TurnContext } from 'botbuilder';
import { Actions as ActionIds } from '../views/actions.js';
import type { Block, Card } from '../views/card.js';
import { isDialogAction, isHandled } from './handled.js';
import { cardToAdaptiveCard } from './render/adaptive-card.js';
import { toTeamsPlain } from './render/markup.js';

/** The card without buttons the Teams bot has no handler for (links always work). */
export function forTeams(card: Card): Card {
  const blocks: Block[] = [];
  for (const block of card.blocks) {
    if (block.kind !== 'actions') {
      blocks.push(block);
      continue;
    }
    const buttons = block.buttons.filter(
      (b) =>
        b.url !== undefined ||
        isHandled(b.action) ||
        (b.dialog === true && isDialogAction(b.action)) ||
        // The picker's sentence buttons, where the picker is shown in the conversation (handlers/explain.ts).
        b.action === ActionIds.pickSentence,
    );
    if (buttons.length > 0) blocks.push({ ...block, buttons });
  }
  return { ...card, blocks };
}

/** A card as a Teams message: one Adaptive Card attachment; the summary shows in notifications. */
export function cardActivity(card: Card): Partial<Activity> {
  return {
    type: 'message',
    // Notifications show the summary as it is: plain text, untrusted parts as typed, no markup.
    summary: toTeamsPlain(card.summary).slice(0, 250),
    attachments: [CardFactory.adaptiveCard(cardToAdaptiveCard(forTeams(card)))],
  };
}

/** Replies in the conversation (in a channel: in the thread the member wrote in). */
export async function sendCard(ctx: TurnContext, card: Card): Promise<void> {
  await ctx.sendActivity(cardActivity(card));
}

/**
 * Replaces the card the member clicked (its activity id is the submit's replyToId) with `card`,
 * so an answer does not leave a second card behind. Without that id, the card is sent anew.
 */
export async function replaceCard(ctx: TurnContext, activityId: string | undefined, card: Card): Promise<void> {
  if (!activityId) return sendCard(ctx, card);
  await ctx.updateActivity({ ...cardActivity(card), id: activityId });
}
