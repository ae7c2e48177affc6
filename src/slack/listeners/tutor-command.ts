import { parseCommand } from '../../core/commands/parse.js';
import type { SlackDeps } from '../context.js';
import { deliverReply } from '../deliver.js';
import { replyTo } from '../intents.js';
import { commandSchema } from '../payloads.js';
import { isReplay } from './replay.js';
import type { Listeners } from './router.js';

/** `/tutor [lesson 3.4 full | quiz 3 | review | progress | report | daily … | help]` */
export function registerTutorCommand(app: Listeners, deps: SlackDeps): void {
  app.command('/tutor', async ({ command, ack, respond, client, context }) => {
    await ack();
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) {
      deps.log.warn('slack.command_refused', { command: '/tutor', reason: 'payload did not validate' });
      return;
    }
    const { team_id: teamId, user_id: userId, channel_id: channelId, text } = parsed.data;
    const intent = parseCommand(text);
    // The team report is a manager request: the same signed request sent again is served once.
    if (intent.kind === 'report' && isReplay(deps, context)) {
      deps.log.warn('slack.replay_ignored', { reason: 'a manager request seen before' });
      return;
    }
    const turn = { client, teamId, userId, channelId };
    const reply = await replyTo(intent, turn, deps);
    await deliverReply(reply, { ...turn, respond }, deps);
  });
}
