import type { App } from '@slack/bolt';
import type { SlackDeps } from '../context.js';
import { deliverReply } from '../deliver.js';
import { costReply } from '../intents.js';
import { commandSchema } from '../payloads.js';

/** `/cost 1M queries/day at $0.01` — the estimate goes to the channel; a scenario it can't read goes only to the asker. */
export function registerCostCommand(app: App, deps: SlackDeps): void {
  app.command('/cost', async ({ command, ack, respond, client }) => {
    await ack();
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) {
      deps.log.warn('slack.command_refused', { command: '/cost', reason: 'payload did not validate' });
      return;
    }
    const who = { key: `${parsed.data.team_id}:${parsed.data.user_id}`, deps };
    await deliverReply(costReply(parsed.data.text, who), { client, channelId: parsed.data.channel_id, respond }, deps);
  });
}
