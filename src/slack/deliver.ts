import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SlackDeps } from './context.js';
import type { Reply } from './intents.js';
import { cardToMessage } from './render/blocks.js';

/**
 * Sends a command's reply: to the channel for a shared answer (posted by the bot, so what-if
 * buttons can reply in its thread), else ephemerally to the member. When the bot is not in the
 * channel, the response URL still lets it answer there.
 */
export async function deliverReply(
  reply: Reply,
  to: { client: WebClient; channelId?: string; respond: RespondFn; threadTs?: string },
  deps: SlackDeps,
): Promise<void> {
  const message = cardToMessage(reply.card);
  if (reply.visibility === 'member' || !to.channelId) {
    await to.respond({ response_type: 'ephemeral', replace_original: false, ...message });
    return;
  }
  try {
    await to.client.chat.postMessage({
      channel: to.channelId,
      ...(to.threadTs ? { thread_ts: to.threadTs } : {}),
      ...message,
    });
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code !== 'not_in_channel' && code !== 'channel_not_found') throw error;
    deps.log.info('slack.post_via_response_url', { reason: code });
    await to.respond({ response_type: 'in_channel', replace_original: false, ...message });
  }
}
