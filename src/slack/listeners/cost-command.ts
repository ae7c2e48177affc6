import { noticeCard } from '../../views/notice.js';
import type { SlackDeps } from '../context.js';
import { costReply } from '../intents.js';
import { commandSchema } from '../payloads.js';
import { cardToMessage } from '../render/blocks.js';
import type { Listeners } from './router.js';

const unreadable = cardToMessage(
  noticeCard('I could not read that command', 'Try `/cost 1M queries/day at $0.01` in a channel or a DM.', 'attention'),
);

/**
 * `/cost 1M queries/day at $0.01`. The estimate is pure arithmetic on a bounded text (microseconds),
 * so the answer rides in the acknowledgement itself: in the channel for an estimate, only to the
 * asker for a scenario it can't read. No Web API call, so it works in any channel, bot invited or not.
 */
export function registerCostCommand(app: Listeners, deps: SlackDeps): void {
  app.command('/cost', async ({ command, ack }) => {
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) {
      deps.log.warn('slack.command_refused', { command: '/cost', reason: 'payload did not validate' });
      await ack({ response_type: 'ephemeral', ...unreadable });
      return;
    }
    const reply = costReply(parsed.data.text, { key: `${parsed.data.team_id}:${parsed.data.user_id}`, deps });
    await ack({
      response_type: reply.visibility === 'channel' ? 'in_channel' : 'ephemeral',
      ...cardToMessage(reply.card),
    });
  });
}
