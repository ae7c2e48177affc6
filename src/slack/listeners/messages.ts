import { parseCommand } from '../../core/commands/parse.js';
import type { SlackDeps } from '../context.js';
import { replyTo } from '../intents.js';
import { personEventSchema } from '../payloads.js';
import { cardToMessage } from '../render/blocks.js';
import type { Listeners } from './router.js';

/** `<@U123> cost 1M …` → `cost 1M …` */
export const stripMention = (text: string) => text.replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ').trim();

/**
 * `@Tutor …` in a channel and plain messages in the DM: the same words as `/tutor`. Shared answers
 * (a cost estimate) go in the thread; personal ones go only to the member (ephemeral in a channel).
 */
export function registerMessages(app: Listeners, deps: SlackDeps): void {
  app.event('app_mention', async ({ event: raw, body, client }) => {
    // People only: two bots mentioning each other would never stop.
    if (raw.bot_id) return;
    const parsed = personEventSchema.safeParse(body);
    if (!parsed.success) return;
    const { team_id: teamId, event } = parsed.data;
    const turn = { client, teamId, userId: event.user, channelId: event.channel };
    const reply = await replyTo(parseCommand(stripMention(event.text ?? '')), turn, deps);
    const message = cardToMessage(reply.card);
    const thread = event.thread_ts ?? event.ts;
    if (reply.visibility === 'channel')
      await client.chat.postMessage({ channel: event.channel, ...(thread ? { thread_ts: thread } : {}), ...message });
    else await client.chat.postEphemeral({ channel: event.channel, user: event.user, ...message });
  });

  app.message(async ({ message, body, client, context }) => {
    // Only a person's plain message in the DM with the bot: no edits, no channel chatter, and never a
    // bot's, above all not our own answers, which Slack sends back as message events (Bolt's
    // ignoreSelf is off, see app.ts).
    if (message.channel_type !== 'im' || message.subtype !== undefined || !('user' in message) || !message.user) return;
    if (('bot_id' in message && message.bot_id) || message.user === context.botUserId) return;
    const parsed = personEventSchema.safeParse(body);
    if (!parsed.success) return;
    const { team_id: teamId, event } = parsed.data;
    const turn = { client, teamId, userId: event.user, channelId: event.channel };
    const reply = await replyTo(parseCommand(stripMention(event.text ?? '')), turn, deps);
    await client.chat.postMessage({ channel: event.channel, ...cardToMessage(reply.card) });
  });
}
