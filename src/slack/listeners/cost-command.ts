import { memoize } from '../../app/memo.js';
import { noticeCard } from '../../views/notice.js';
import type { SlackDeps } from '../context.js';
import { costLimited, costReply, type Reply } from '../intents.js';
import { commandSchema } from '../payloads.js';
import { cardToMessage } from '../render/blocks.js';
import type { Listeners } from './router.js';

const ackBody = (reply: Reply) => ({
  response_type: reply.visibility === 'channel' ? ('in_channel' as const) : ('ephemeral' as const),
  ...cardToMessage(reply.card),
});

const unreadable = ackBody({
  card: noticeCard('I could not read that command', 'Try `/cost 1M queries/day at $0.01` in a channel or a DM.'),
  visibility: 'member',
});

/**
 * The answer to a scenario is a pure function of its words, and a cohort pastes the lessons' own
 * examples word for word, so the last few hundred answers are kept rendered.
 */
const answerTo = memoize(256, (scenario: string) => ackBody(costReply(scenario)));

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
      await ack(unreadable);
      return;
    }
    const limited = costLimited({ key: `${parsed.data.team_id}:${parsed.data.user_id}`, deps });
    await ack(limited ? ackBody(limited) : answerTo(parsed.data.text.trim()));
  });
}
