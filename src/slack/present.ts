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

/** Shows a card; `again` replaces what the first call showed (a `later` answer's placeholder). */
type Say = (card: Card, again: boolean) => Promise<unknown>;

const NOT_THERE = new Set(['not_in_channel', 'channel_not_found']);

function postTo(o: Origin, channel: string | (() => Promise<string>), threadTs?: string): Say {
  let ts: string | undefined;
  let to: string | undefined;
  return async (card, again) => {
    to ??= typeof channel === 'string' ? channel : await channel();
    if (again && ts) return o.client.chat.update({ channel: to, ts, ...cardToMessage(card) });
    const thread = threadTs ? { thread_ts: threadTs } : {};
    ts = (await o.client.chat.postMessage({ channel: to, ...thread, ...cardToMessage(card) })).ts;
  };
}

const byUrl =
  (o: Origin, type: 'ephemeral' | 'in_channel'): Say =>
  (card, again) =>
    o.respond?.({ response_type: type, replace_original: again, ...cardToMessage(card) }) ?? Promise.resolve();

/** An answer for everyone there, posted by the bot; where it is not in the channel, by the response URL. */
function toPlace(o: Origin, channel: string): Say {
  const post = postTo(o, channel, o.threadTs);
  return async (card, again) => {
    try {
      await post(card, again);
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error ?? '';
      if (!o.respond || !NOT_THERE.has(code)) throw error;
      o.log.info('slack.post_via_response_url', { reason: code });
      await byUrl(o, 'in_channel')(card, false);
    }
  };
}

function sayFor(reply: Reply, o: Origin): Say {
  const { channelId: channel, clicked } = o;
  if (o.fromHome || !channel) return postTo(o, () => dmChannel(o.client, o.userId));
  const inDm = channel.startsWith('D') && !clicked?.ephemeral;
  // Replace the clicked card only where it is the member's own (ephemeral or their DM): a shared
  // channel message is never changed for everyone.
  if (reply.replace && clicked && (clicked.ephemeral || inDm)) {
    const ts = clicked.ts;
    if (inDm && ts) return (card) => o.client.chat.update({ channel, ts, ...cardToMessage(card) });
    return (card) => byUrl(o, 'ephemeral')(card, true);
  }
  if (reply.audience === 'place') return toPlace(o, channel);
  // In the DM everything is the member's: post it there (a command keeps its response URL).
  if (inDm && (clicked || !o.respond)) return postTo(o, channel);
  if (o.respond) return byUrl(o, 'ephemeral');
  // A mention: an ephemeral message cannot be updated, so a later answer follows its placeholder.
  return (card) => o.client.chat.postEphemeral({ channel, user: o.userId, ...cardToMessage(card) });
}

const modal = (card: Card) =>
  cardToModal(card, {
    title: 'Explain',
    callbackId: card.blocks.some((b) => b.kind === 'form') ? PICK_VIEW : 'explain_done',
  });

async function dialog(reply: Reply, o: Origin): Promise<void> {
  let viewId = o.submitted?.viewId;
  if (o.submitted) await o.submitted.ack({ response_action: 'update', view: modal(reply.card) });
  else viewId = (await o.client.views.open({ trigger_id: o.triggerId ?? '', view: modal(reply.card) })).view?.id;
  if (reply.later && viewId) await o.client.views.update({ view_id: viewId, view: modal(await reply.later()) });
}

/** Sends a reply where the member asked; a `later` answer replaces its placeholder when ready. */
export async function present(reply: Reply, o: Origin): Promise<void> {
  if (o.submitted || (reply.dialog && o.triggerId)) return dialog(reply, o);
  const say = sayFor(reply, o);
  await say(reply.card, false);
  if (reply.later) await say(await reply.later(), true);
}
