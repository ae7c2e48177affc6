import { actionFor, outOfDate, runAction } from '../../app/chat/actions.js';
import { explainMessage } from '../../app/chat/explain.js';
import { isReplay } from '../../server/replay.js';
import { Actions, SURFACES } from '../../views/actions.js';
import { type SlackDeps, slackConversation } from '../conversation.js';
import { messageText } from '../explain/message-text.js';
import { clickSchema, shortcutSchema, submissionSchema, teamOf } from '../payloads.js';
import { PICK_VIEW, present } from '../present.js';
import {
  actionOf,
  cardToMessage,
  formSelectionsFromState,
  parseActionValue,
  parseFormBlockId,
  SELECT_ACTION_PREFIX,
} from '../render/blocks.js';
import { type Listeners, SIGNATURE_PROPERTY } from './router.js';

export const EXPLAIN_SHORTCUT = 'explain_message';

/**
 * Buttons, the message shortcut and the picker modal: each decoded into (action id, value, form
 * selections) and run by app/chat/actions.ts, whose zod schema checks the value before any flow.
 */
export function registerInteractions(app: Listeners, deps: SlackDeps): void {
  // Choosing a bucket in a sort needs no answer: the choice is read from the state on Submit.
  app.action(new RegExp(`^${SELECT_ACTION_PREFIX.replace('.', '\\.')}`), async ({ ack }) => {
    await ack();
  });

  app.action(/./, async ({ ack, body, client, respond, context }) => {
    const parsed = clickSchema.safeParse(body);
    const teamId = parsed.success ? teamOf(parsed.data) : undefined;
    const clicked = parsed.data?.actions[0];
    if (!parsed.success || !teamId || !clicked) {
      await ack();
      deps.log.warn('slack.action_refused', { reason: 'payload did not validate' });
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...cardToMessage(outOfDate({ surface: SURFACES.slack }).card),
      });
      return;
    }
    const action = actionOf(clicked.action_id);
    const handler = actionFor(action);
    // A manager request (report, CSV, nudge) sent again with the same signature is served once.
    if (handler?.manager && isReplay(deps.store.replays, context[SIGNATURE_PROPERTY])) {
      await ack();
      deps.log.warn('slack.replay_ignored', { reason: 'a manager request seen before' });
      return;
    }
    // An answer is acknowledged only once recorded (durable), so an acknowledged answer is on disk.
    if (!handler?.durable) await ack();
    const where = parsed.data;
    const c = where.container ?? {};
    const channelId = c.channel_id ?? where.channel?.id;
    const fromHome = c.type === 'view';
    const userId = where.user.id;
    const form = parseFormBlockId(clicked.block_id);
    const reply = await runAction(
      {
        action,
        value: parseActionValue(clicked.value ?? '{}'),
        selections: form ? formSelectionsFromState(where.state, form.formId) : {},
      },
      slackConversation({ client, teamId, userId, ...(channelId && !fromHome ? { channelId } : {}) }, deps),
      deps,
    );
    await ack();
    await present(reply, {
      client,
      userId,
      ...(channelId ? { channelId } : {}),
      respond,
      fromHome,
      ...(fromHome
        ? {}
        : { clicked: { ...(c.message_ts ? { ts: c.message_ts } : {}), ephemeral: Boolean(c.is_ephemeral) } }),
      // A what-if under a posted estimate answers in its thread.
      ...(c.message_ts && !c.is_ephemeral ? { threadTs: c.message_ts } : {}),
      ...(where.trigger_id ? { triggerId: where.trigger_id } : {}),
      log: deps.log,
    });
  });

  app.shortcut(EXPLAIN_SHORTCUT, async ({ ack, body, client }) => {
    await ack();
    const parsed = shortcutSchema.safeParse(body);
    const teamId = parsed.success ? teamOf(parsed.data) : undefined;
    if (!parsed.success || !teamId) return;
    const { user, channel, trigger_id: triggerId, message } = parsed.data;
    const turn = { client, teamId, userId: user.id, ...(channel ? { channelId: channel.id } : {}) };
    const reply = explainMessage(messageText(message), slackConversation(turn, deps), deps);
    await present(reply, { ...turn, triggerId, log: deps.log });
  });

  app.view(PICK_VIEW, async ({ ack, body, client }) => {
    const parsed = submissionSchema.safeParse(body);
    const teamId = parsed.success ? teamOf(parsed.data) : undefined;
    if (!parsed.success || !teamId) return;
    const { user, view } = parsed.data;
    const value = parseActionValue(view.private_metadata);
    const conv = slackConversation({ client, teamId, userId: user.id }, deps);
    const selections = formSelectionsFromState(view.state, Actions.pickSentence);
    const reply = await runAction({ action: Actions.pickSentence, value, selections }, conv, deps);
    await present(reply, {
      client,
      userId: user.id,
      submitted: { viewId: view.id, ack: ack as (body: unknown) => Promise<void> },
      log: deps.log,
    });
  });
}
