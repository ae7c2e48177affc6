import type { Activity, BotAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { PlaceAddress } from '../app/places.js';
import { fitCardsToClient } from './client.js';

/**
 * Sends one activity to a stored conversation (a daily prompt, a nudge) and reports failure by
 * throwing, like a normal send. botbuilder would hand an error inside the callback to the adapter's
 * onTurnError, which answers in the conversation: here the error is caught and rethrown instead.
 */
export async function sendProactively(
  adapter: BotAdapter,
  appId: string,
  address: PlaceAddress,
  activity: Partial<Activity>,
  prepare: (ctx: TurnContext) => void = () => {},
): Promise<string | undefined> {
  let failure: unknown;
  let sent: { id?: string } | undefined;
  // The stored address is the reference Teams gave us, checked where it was read (app/places.ts).
  const reference = address as Partial<ConversationReference>;
  await adapter.continueConversationAsync(appId, reference, async (ctx) => {
    prepare(ctx);
    // The stored reference says which client the conversation is in, as the member's own turn did.
    fitCardsToClient(ctx);
    // A proactive message starts a new post: without a replyToId it is created with
    // POST /v3/conversations/{id}/activities instead of replying to the continuation's made-up id.
    ctx.onSendActivities(async (_ctx, activities, next) => {
      for (const a of activities) a.replyToId = undefined;
      return next();
    });
    try {
      sent = (await ctx.sendActivity(activity)) ?? {};
    } catch (error) {
      failure = error;
    }
  });
  if (failure !== undefined) throw failure;
  if (!sent) throw new Error('the message was not sent');
  return sent.id;
}
