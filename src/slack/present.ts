/**
 * The presenter: a Reply (src/app/chat/reply.ts) as Slack calls. Where it goes depends on where the
 * member asked: a command (response URL), a click (the clicked message), a mention or DM (events),
 * the Home tab (to the DM), a shortcut or modal (views).
 */
import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Reply } from '../app/chat/reply.js';
import type { Logger } from '../server/log.js';
import type { Card } from '../views/card.js';
import { dmChannel } from './conversation.js';
import { cardToMessage, cardToModal } from './render/blocks.js';

/** The picker modal's callback id; its submission is the pick (Actions.pickSentence). */
export const PICK_VIEW = 'explain_pick';

export interface Origin {
  readonly client: WebClient;
  readonly userId: string;
  readonly channelId?: string;
  /** The response URL of a command or a click. */
  readonly respond?: RespondFn;
  /** The thread a shared answer goes in (a mention, or a what-if under a posted estimate). */
  readonly threadTs?: string;
  /** The message clicked: its ts, and whether only this member sees it. */
  readonly clicked?: { readonly ts?: string; readonly ephemeral: boolean };
  /** A click on the App Home tab: answers go to the DM. */
  readonly fromHome?: boolean;
  /** For opening a modal (a shortcut, a button). */
  readonly triggerId?: string;
  /** A submitted modal: the answer replaces it (the ack's `response_action: update`, then views.update). */
  readonly submitted?: { readonly viewId: string; readonly ack: (body: unknown) => Promise<void> };
  readonly log: Logger;
}

/** Shows a card; returns how to replace it (for a `later` answer). */
type Shown = (card: Card) => Promise<unknown>;

const modal = (card: Card) => {
  const form = card.blocks.some((b) => b.kind === 'form');
  return cardToModal(card, { title: 'Explain', callbackId: form ? PICK_VIEW : 'explain_done' });
};

const slackError = (error: unknown) => (error as { data?: { error?: string } }).data?.error;

async function post(o: Origin, channel: string, card: Card, threadTs?: string): Promise<Shown> {
  const res = await o.client.chat.postMessage({
    channel,
    ...(threadTs ? { thread_ts: threadTs } : {}),
    ...cardToMessage(card),
  });
  const ts = res.ts;
  return (next) =>
    ts ? o.client.chat.update({ channel, ts, ...cardToMessage(next) }) : post(o, channel, next, threadTs);
}

/** An answer for everyone there, posted by the bot; where it is not in the channel, by the response URL. */
async function toPlace(o: Origin, channel: string, card: Card): Promise<Shown> {
  try {
    return await post(o, channel, card, o.threadTs);
  } catch (error) {
    const code = slackError(error);
    if (!o.respond || (code !== 'not_in_channel' && code !== 'channel_not_found')) throw error;
    o.log.info('slack.post_via_response_url', { reason: code });
    await o.respond({ response_type: 'in_channel', replace_original: false, ...cardToMessage(card) });
    return (next) =>
      o.respond?.({ response_type: 'in_channel', replace_original: false, ...cardToMessage(next) }) ??
      Promise.resolve();
  }
}

async function ephemeral(o: Origin, card: Card): Promise<Shown> {
  const { respond } = o;
  if (respond) {
    await respond({ response_type: 'ephemeral', replace_original: false, ...cardToMessage(card) });
    return (next) => respond({ response_type: 'ephemeral', replace_original: true, ...cardToMessage(next) });
  }
  // A mention: no response URL, and an ephemeral message cannot be updated, so a later answer follows it.
  const channel = o.channelId ?? '';
  const say = (c: Card) => o.client.chat.postEphemeral({ channel, user: o.userId, ...cardToMessage(c) });
  await say(card);
  return say;
}

async function show(reply: Reply, o: Origin): Promise<Shown> {
  const { card } = reply;
  const channel = o.channelId;
  if (o.fromHome || !channel) return post(o, await dmChannel(o.client, o.userId), card);
  const ownMessage = o.clicked && (o.clicked.ephemeral || channel.startsWith('D'));
  // Replace the clicked card only where it is the member's own (ephemeral or their DM): a shared
  // channel message is never changed for everyone.
  if (reply.replace && o.clicked && ownMessage) {
    const ts = o.clicked.ts;
    if (!o.clicked.ephemeral && ts) {
      const update = (c: Card) => o.client.chat.update({ channel, ts, ...cardToMessage(c) });
      await update(card);
      return update;
    }
    const replace = (c: Card) => o.respond?.({ replace_original: true, ...cardToMessage(c) }) ?? Promise.resolve();
    await replace(card);
    return replace;
  }
  if (reply.audience === 'place') return toPlace(o, channel, card);
  // In the DM everything is the member's: post it there (a command keeps its response URL).
  if (channel.startsWith('D') && !o.clicked?.ephemeral && (o.clicked || !o.respond)) return post(o, channel, card);
  return ephemeral(o, card);
}

async function dialog(reply: Reply, o: Origin): Promise<void> {
  let viewId: string | undefined;
  if (o.submitted) {
    await o.submitted.ack({ response_action: 'update', view: modal(reply.card) });
    viewId = o.submitted.viewId;
  } else {
    viewId = (await o.client.views.open({ trigger_id: o.triggerId ?? '', view: modal(reply.card) })).view?.id;
  }
  if (!reply.later) return;
  const card = await reply.later();
  if (viewId) await o.client.views.update({ view_id: viewId, view: modal(card) });
}

/** Sends a reply where the member asked; a `later` answer replaces its placeholder when ready. */
export async function present(reply: Reply, o: Origin): Promise<void> {
  if (o.submitted || (reply.dialog && o.triggerId)) return dialog(reply, o);
  const shown = await show(reply, o);
  if (reply.later) await shown(await reply.later());
}
