import { parseCommand } from '../../core/commands/parse.js';
import type { SlackDeps } from '../context.js';
import { replyTo } from '../intents.js';
import { cardToMessage } from '../render/blocks.js';
import type { Listeners } from './router.js';

/** `<@U123> cost 1M …` → `cost 1M …` */
export const stripMention = (text: string) => text.replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ').trim();

/**
 * `@Tutor …` in a channel and plain messages in the DM: the same words as `/tutor`. Shared answers
 * (a cost estimate) go in the thread; personal ones go only to the member (ephemeral in a channel).
 */
export function registerMessages(app: Listeners, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, body, client }) => {
    const teamId = (body as { team_id?: string }).team_id;
    // People only: two bots mentioning each other would never stop.
    if (!teamId || !event.user || event.bot_id) return;
    const turn = { client, teamId, userId: event.user, channelId: event.channel };
    const reply = await replyTo(parseCommand(stripMention(event.text ?? '')), turn, deps);
    const message = cardToMessage(reply.card);
    if (reply.visibility === 'channel')
      await client.chat.postMessage({ channel: event.channel, thread_ts: event.thread_ts ?? event.ts, ...message });
    else await client.chat.postEphemeral({ channel: event.channel, user: event.user, ...message });
  });

  app.message(async ({ message, body, client, context }) => {
    // Only a person's plain message in the DM with the bot: no edits, no channel chatter, and never a
    // bot's, above all not our own answers, which Slack sends back as message events (Bolt's
    // ignoreSelf is off, see app.ts).
    if (message.channel_type !== 'im' || message.subtype !== undefined || !('user' in message) || !message.user) return;
    if (('bot_id' in message && message.bot_id) || message.user === context.botUserId) return;
    const teamId = (body as { team_id?: string }).team_id;
    if (!teamId) return;
    const turn = { client, teamId, userId: message.user, channelId: message.channel };
    const reply = await replyTo(parseCommand(stripMention(message.text ?? '')), turn, deps);
    await client.chat.postMessage({ channel: message.channel, ...cardToMessage(reply.card) });
  });
}
