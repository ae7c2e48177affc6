import type { Context } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { homeCards, replyTo } from '../../app/chat/router.js';
import { parseCommand, setsUpDeliveries } from '../../core/commands/parse.js';
import { type SlackDeps, slackConversation } from '../conversation.js';
import { rememberOrgInstall } from '../installation-store.js';
import { homeOpenedSchema, personEventSchema } from '../payloads.js';
import { present } from '../present.js';
import { cardToHome } from '../render/blocks.js';
import type { Listeners } from './router.js';

type Args = { body: unknown; client: WebClient; context: Context };

/** `<@U123> cost 1M …` → `cost 1M …` */
export const stripMention = (text: string) => text.replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ').trim();

/**
 * `@Tutor …` in a channel and plain messages in the DM: the same words as `/tutor`. Shared answers
 * (a cost estimate) go in the mention's thread; personal ones only to the member. App Home: the
 * member's page.
 */
export function registerEvents(app: Listeners, deps: SlackDeps): void {
  const answer = async ({ body, client, context }: Args, inThread: boolean) => {
    const parsed = personEventSchema.safeParse(body);
    if (!parsed.success) return;
    const { team_id: teamId, event } = parsed.data;
    const turn = { client, teamId, userId: event.user, channelId: event.channel };
    const intent = parseCommand(stripMention(event.text ?? ''));
    // The scheduler posts daily lessons with this workspace's installation: note an org-wide one.
    if (setsUpDeliveries(intent)) await rememberOrgInstall(deps.store, teamId, context);
    const reply = await replyTo(intent, slackConversation(turn, deps), deps);
    const threadTs = inThread ? (event.thread_ts ?? event.ts) : undefined;
    await present(reply, { ...turn, ...(threadTs ? { threadTs } : {}), log: deps.log });
  };

  app.event('app_mention', async (args) => {
    // People only: two bots mentioning each other would never stop.
    if (!args.event.bot_id) await answer(args, true);
  });

  app.event('message', async (args) => {
    const { message, context } = args;
    // Only a person's plain message in the DM: no edits, no channel chatter, and never a bot's, above
    // all not our own answers, which Slack sends back as message events (ignoreSelf is off, app.ts).
    if (message.channel_type !== 'im' || message.subtype !== undefined || !('user' in message) || !message.user) return;
    if (('bot_id' in message && message.bot_id) || message.user === context.botUserId) return;
    await answer(args, false);
  });

  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const parsed = homeOpenedSchema.safeParse(body);
    if (!parsed.success) return;
    const userId = parsed.data.event.user;
    const cards = await homeCards(slackConversation({ client, teamId: parsed.data.team_id, userId }, deps), deps);
    await client.views.publish({ user_id: userId, view: cardToHome(cards) });
  });
}
