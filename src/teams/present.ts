/**
 * The presenter: a Reply (src/app/chat/reply.ts) as Teams calls. Teams cannot whisper, so every
 * reply goes to the conversation (in a channel, the thread the member wrote in); a reply that
 * replaces the clicked card updates it in place; a slow one shows its placeholder first. An invoke
 * (a dialog button, the message action) is answered with the dialog holding the final card.
 */
import { type Activity, CardFactory, type TaskModuleResponse, type TurnContext } from 'botbuilder';
import type { Reply } from '../app/chat/reply.js';
import { isActionId } from '../views/actions.js';
import type { Block, Card } from '../views/card.js';
import { cardToAdaptiveCard } from './render/adaptive-card.js';
import { toTeamsPlain } from './render/markup.js';

/** The card without buttons no action of ours answers (a button meant for another surface); links always work. */
export function forTeams(card: Card): Card {
  const blocks: Block[] = [];
  for (const block of card.blocks) {
    if (block.kind !== 'actions') blocks.push(block);
    else {
      const buttons = block.buttons.filter((b) => b.url !== undefined || isActionId(b.action));
      if (buttons.length > 0) blocks.push({ ...block, buttons });
    }
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

/** Sends `card`, or puts it in place of the activity `replacing`; the id of the card shown. */
async function show(ctx: TurnContext, card: Card, replacing?: string): Promise<string | undefined> {
  if (!replacing) return (await ctx.sendActivity(cardActivity(card)))?.id;
  await ctx.updateActivity({ ...cardActivity(card), id: replacing });
  return replacing;
}

/**
 * A reply to a typed message or a card's submit. `clicked` is the submitted card's activity id (its
 * replyToId); `personal` a personal chat, where nobody else sees that card.
 */
export async function present(ctx: TurnContext, reply: Reply, clicked: string | undefined, personal: boolean) {
  const replaces = reply.replace === 'own' || (reply.replace === 'private' && personal);
  const shown = await show(ctx, reply.card, replaces ? clicked : undefined);
  if (reply.later) await show(ctx, await reply.later(), shown);
}

/**
 * A dialog (task module) showing `card`; Teams keeps the dialog open with the new content. Every
 * dialog the bot opens is an "Explain" one (the Explain, Why? and message-action buttons).
 */
export function dialog(card: Card): TaskModuleResponse {
  const attachment = CardFactory.adaptiveCard(cardToAdaptiveCard(forTeams(card)));
  const size = { width: 'medium', height: 'medium' } as const;
  return { task: { type: 'continue', value: { title: 'Explain in plain English', ...size, card: attachment } } };
}

/** A reply to an invoke: the dialog holds the final card (a dialog shows no placeholder). */
export const presentDialog = async (reply: Reply): Promise<TaskModuleResponse> =>
  dialog(reply.later ? await reply.later() : reply.card);
