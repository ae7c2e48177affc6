import { costReply } from '../../app/chat/cost.js';
import type { Reply } from '../../app/chat/reply.js';
import { replyTo } from '../../app/chat/router.js';
import { type Intent, parseCommand, setsUpDeliveries } from '../../core/commands/parse.js';
import { isReplay } from '../../server/replay.js';
import type { Card } from '../../views/card.js';
import { noticeCard } from '../../views/notice.js';
import { type SlackDeps, slackConversation } from '../conversation.js';
import { rememberOrgInstall } from '../installation-store.js';
import { commandSchema } from '../payloads.js';
import { present } from '../present.js';
import { cardToMessage } from '../render/blocks.js';
import type { Listeners } from './router.js';
import { SIGNATURE_PROPERTY } from './router.js';

/**
 * A reply as the body of a command's acknowledgement, rendered once per card: app/chat/cost.ts keeps
 * its answers per scenario, so a cohort pasting the lessons' examples costs no rendering.
 */
const rendered = new WeakMap<Card, object>();
function ackBody({ card, audience }: Reply): object {
  const body = rendered.get(card) ?? {
    response_type: audience === 'place' ? 'in_channel' : 'ephemeral',
    ...cardToMessage(card),
  };
  rendered.set(card, body);
  return body;
}

const unreadable = cardToMessage(
  noticeCard('I could not read that command', 'Try `/cost 1M queries/day at $0.01` in a channel or a DM.'),
);

/** `/tutor …`, `/cost …` and `/explain …`: the same words as a mention or a DM, answered by app/chat. */
export function registerCommands(app: Listeners, deps: SlackDeps): void {
  // The estimate is arithmetic on a bounded text (microseconds), so it rides in the ack itself: no
  // Web API call, so it works in any channel, bot invited or not.
  app.command('/cost', async ({ command, ack }) => {
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) {
      deps.log.warn('slack.command_refused', { command: '/cost', reason: 'payload did not validate' });
      await ack({ response_type: 'ephemeral', ...unreadable });
      return;
    }
    const who = { workspaceId: `slack:${parsed.data.team_id}`, memberId: parsed.data.user_id };
    await ack(ackBody(await costReply(parsed.data.text, who, deps)) as never);
  });

  for (const name of ['/tutor', '/explain'] as const)
    app.command(name, async ({ command, ack, respond, client, context }) => {
      await ack();
      const parsed = commandSchema.safeParse(command);
      if (!parsed.success) {
        deps.log.warn('slack.command_refused', { command: name, reason: 'payload did not validate' });
        return;
      }
      const { team_id: teamId, user_id: userId, channel_id: channelId, text } = parsed.data;
      const conv = slackConversation({ client, teamId, userId, channelId }, deps);
      const intent: Intent = name === '/explain' ? { kind: 'explain', sentence: text } : parseCommand(text);
      // The team report is a manager request: the same signed request sent again is served once.
      if (intent.kind === 'report' && (await isReplay(deps.store.replays, context[SIGNATURE_PROPERTY]))) {
        deps.log.warn('slack.replay_ignored', { reason: 'a manager request seen before' });
        return;
      }
      // The scheduler posts daily lessons with this workspace's installation: note an org-wide one.
      if (setsUpDeliveries(intent)) await rememberOrgInstall(deps.store, teamId, context);
      await present(await replyTo(intent, conv, deps), { client, userId, channelId, respond, log: deps.log });
    });
}
