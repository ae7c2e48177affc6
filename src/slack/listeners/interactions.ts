import { actionFor, outOfDate, runAction } from '../../app/chat/actions.js';
import { explainMessage } from '../../app/chat/explain.js';
import { homeCards } from '../../app/chat/router.js';
import { isReplay } from '../../server/replay.js';
import { Actions, SURFACES } from '../../views/actions.js';
import { type SlackDeps, slackConversation } from '../conversation.js';
import { messageText } from '../message-text.js';
import { clickSchema, shortcutSchema, submissionSchema, teamOf } from '../payloads.js';
import { PICK_VIEW, present } from '../present.js';
import {
  actionOf,
  cardToHome,
  cardToMessage,
  formSelectionsFromState,
  parseActionValue,
  parseFormBlockId,
  SELECT_ACTION_PREFIX,
} from '../render/blocks.js';
import { type Listeners, SIGNATURE_PROPERTY } from './router.js';

export const EXPLAIN_SHORTCUT = 'explain_message';

/** Every action id but a sort's selects: choosing a bucket needs no answer (the router acknowledges it). */
const BUTTON = new RegExp(`^(?!${SELECT_ACTION_PREFIX.replace('.', '\\.')})`);

/** A click as (team, member, where, action id, raw value, form selections); undefined when it does not validate. */
function decodeClick(body: unknown) {
  const parsed = clickSchema.safeParse(body);
  const teamId = parsed.success ? teamOf(parsed.data) : undefined;
  const clicked = parsed.data?.actions[0];
  if (!parsed.success || !teamId || !clicked) return undefined;
  const { container: c = {}, channel, state, trigger_id: triggerId, user } = parsed.data;
  const fromHome = c.type === 'view';
  const channelId = fromHome ? undefined : (c.channel_id ?? channel?.id);
  const form = parseFormBlockId(clicked.block_id);
  return {
    turn: { teamId, userId: user.id, ...(channelId ? { channelId } : {}) },
    where: {
      fromHome,
      ...(fromHome ? {} : { clicked: { ...(c.message_ts ? { ts: c.message_ts } : {}), ephemeral: !!c.is_ephemeral } }),
      // A what-if under a posted estimate answers in its thread.
      ...(c.message_ts && !c.is_ephemeral ? { threadTs: c.message_ts } : {}),
      ...(triggerId ? { triggerId } : {}),
    },
    click: {
      action: actionOf(clicked.action_id),
      value: parseActionValue(clicked.value ?? '{}'),
      selections: form ? formSelectionsFromState(state, form.formId) : {},
    },
  };
}

/**
 * Buttons, the message shortcut and the picker modal: each decoded into (action id, value, form
 * selections) and run by app/chat/actions.ts, whose zod schema checks the value before any flow.
 */
export function registerInteractions(app: Listeners, deps: SlackDeps): void {
  app.action(BUTTON, async ({ ack, body, client, respond, context }) => {
    const decoded = decodeClick(body);
    if (!decoded) {
      await ack();
      deps.log.warn('slack.action_refused', { reason: 'payload did not validate' });
      const card = outOfDate({ surface: SURFACES.slack }).card;
      await respond({ response_type: 'ephemeral', replace_original: false, ...cardToMessage(card) });
      return;
    }
    const { turn, where, click } = decoded;
    const handler = actionFor(click.action);
    // A manager request (report, CSV, nudge) sent again with the same signature is served once.
    if (handler?.manager && (await isReplay(deps.store.replays, context[SIGNATURE_PROPERTY]))) {
      await ack();
      deps.log.warn('slack.replay_ignored', { reason: 'a manager request seen before' });
      return;
    }
    // An answer is acknowledged only once recorded (durable), so an acknowledged answer is on disk.
    if (!handler?.durable) await ack();
    const conv = slackConversation({ client, ...turn }, deps);
    const reply = await runAction(click, conv, deps);
    // A slow write may outlast Slack's 3 s: Bolt has answered the request by then, and the member
    // still gets what happened (through the response URL) instead of an error.
    await ack().catch((error: unknown) => deps.log.warn('slack.late_ack', { error }));
    await present(reply, { client, ...turn, ...where, respond, log: deps.log });
    // The Home's toggle changed what the Home shows: shown again at once.
    if (where.fromHome && click.action === Actions.setMyDaily)
      await client.views.publish({ user_id: turn.userId, view: cardToHome(await homeCards(conv, deps)) });
  });

  app.shortcut(EXPLAIN_SHORTCUT, async ({ ack, body, client }) => {
    await ack();
    const parsed = shortcutSchema.safeParse(body);
    const teamId = parsed.success ? teamOf(parsed.data) : undefined;
    if (!parsed.success || !teamId) return;
    const { user, channel, trigger_id: triggerId, message } = parsed.data;
    const turn = { client, teamId, userId: user.id, ...(channel ? { channelId: channel.id } : {}) };
    await present(await explainMessage(messageText(message), slackConversation(turn, deps), deps), {
      ...turn,
      triggerId,
      log: deps.log,
    });
  });

  app.view(PICK_VIEW, async ({ ack, body, client }) => {
    const parsed = submissionSchema.safeParse(body);
    const teamId = parsed.success ? teamOf(parsed.data) : undefined;
    if (!parsed.success || !teamId) return;
    const { user, view } = parsed.data;
    const conv = slackConversation({ client, teamId, userId: user.id }, deps);
    const selections = formSelectionsFromState(view.state, Actions.pickSentence);
    const value = parseActionValue(view.private_metadata);
    const reply = await runAction({ action: Actions.pickSentence, value, selections }, conv, deps);
    const submitted = { viewId: view.id, ack: ack as (body: unknown) => Promise<void> };
    await present(reply, { client, userId: user.id, submitted, log: deps.log });
  });
}
