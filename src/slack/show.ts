import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Card } from '../views/card.js';
import { cardToMessage } from './render/blocks.js';

/** Where an interaction came from, as far as showing an answer is concerned. */
export interface Origin {
  readonly userId: string;
  readonly channelId?: string;
  readonly messageTs?: string;
  readonly ephemeral: boolean;
  /** The click came from the App Home tab (a view), not a message. */
  readonly fromHome: boolean;
}

export function originOf(body: {
  user: { id: string };
  container?: { type?: string; message_ts?: string; channel_id?: string; is_ephemeral?: boolean };
  channel?: { id?: string };
}): Origin {
  const c = body.container ?? {};
  const channelId = c.channel_id ?? body.channel?.id;
  return {
    userId: body.user.id,
    ...(channelId ? { channelId } : {}),
    ...(c.message_ts ? { messageTs: c.message_ts } : {}),
    ephemeral: Boolean(c.is_ephemeral),
    fromHome: c.type === 'view',
  };
}

/** Sends a card to the member's DM with the bot. */
export async function sendToDm(client: WebClient, userId: string, card: Card): Promise<void> {
  const opened = await client.conversations.open({ users: userId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  await client.chat.postMessage({ channel, ...cardToMessage(card) });
}

/**
 * Shows a card to the member who clicked. `replace` updates the clicked message in place (an
 * answer replacing its check) where that message is the member's own: an ephemeral message or
 * their DM. A shared channel message is never changed for everyone: the member gets an ephemeral
 * card instead. From the Home tab, the card goes to the DM.
 */
export async function show(
  origin: Origin,
  card: Card,
  how: { replace: boolean; client: WebClient; respond: RespondFn },
): Promise<void> {
  const message = cardToMessage(card);
  if (origin.fromHome) return sendToDm(how.client, origin.userId, card);
  const own = origin.ephemeral || origin.channelId?.startsWith('D');
  if (how.replace && own) {
    if (!origin.ephemeral && origin.channelId && origin.messageTs) {
      await how.client.chat.update({ channel: origin.channelId, ts: origin.messageTs, ...message });
      return;
    }
    await how.respond({ replace_original: true, ...message });
    return;
  }
  if (origin.channelId?.startsWith('D') && !origin.ephemeral) {
    await how.client.chat.postMessage({ channel: origin.channelId, ...message });
    return;
  }
  await how.respond({ response_type: 'ephemeral', replace_original: false, ...message });
}
