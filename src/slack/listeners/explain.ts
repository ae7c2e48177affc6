import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { explainForMember, lessonSentences, whySentence } from '../../app/explain.js';
import type { PickSessions } from '../../app/pick-sessions.js';
import { pickedText, splitSentences } from '../../core/explain/sentences.js';
import { Actions } from '../../views/actions.js';
import type { Card } from '../../views/card.js';
import { explainingCard, PICK_SELECT_ID, sentencePickerCard } from '../../views/explain.js';
import { noticeCard } from '../../views/notice.js';
import { type SlackDeps, workspaceIdOf } from '../context.js';
import { messageText } from '../explain/message-text.js';
import { commandSchema } from '../payloads.js';
import { cardToMessage, cardToModal, formSelectionsFromState } from '../render/blocks.js';
import { onAction } from './action.js';
import { actionPattern } from './lesson-actions.js';
import type { Listeners } from './router.js';

export const EXPLAIN_SHORTCUT = 'explain_message';
const PICK_VIEW = 'explain_pick';

/** The explanation for one member. */
const explain = (deps: SlackDeps, teamId: string, userId: string, sentence: string, lessonId?: string): Promise<Card> =>
  explainForMember(
    deps,
    { workspaceId: workspaceIdOf(teamId), platform: 'slack', memberId: userId },
    sentence,
    lessonId,
  );

async function openPicker(
  client: WebClient,
  triggerId: string,
  sessions: PickSessions,
  s: { sentences: string[]; userId: string; lessonId?: string },
) {
  if (s.sentences.length === 0) {
    await client.views.open({
      trigger_id: triggerId,
      view: cardToModal(noticeCard('Nothing to explain', 'That message has no sentences I can read.'), {
        title: 'Explain',
        callbackId: 'explain_none',
      }),
    });
    return;
  }
  const session = sessions.put(s);
  await client.views.open({
    trigger_id: triggerId,
    view: cardToModal(sentencePickerCard(s.sentences, { session }), { title: 'Explain', callbackId: PICK_VIEW }),
  });
}

/**
 * "Explain in plain English": `/explain SENTENCE`, the message shortcut, "Explain a sentence" under
 * lessons and "Why?" under results. Answers go only to the member who asked, with an "Explaining…"
 * placeholder first, replaced when the explanation is ready.
 */
export function registerExplain(app: Listeners, deps: SlackDeps): void {
  const sessions = deps.pickSessions;
  app.command('/explain', async ({ command, ack, respond }) => {
    await ack();
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) return;
    const sentence = parsed.data.text.trim();
    if (!sentence) {
      await respond({
        response_type: 'ephemeral',
        ...cardToMessage(
          noticeCard('Explain', 'Paste the sentence after the command, e.g. `/explain Inference is a variable cost.`'),
        ),
      });
      return;
    }
    await respond({ response_type: 'ephemeral', ...cardToMessage(explainingCard()) });
    const card = await explain(deps, parsed.data.team_id, parsed.data.user_id, sentence);
    await respond({ response_type: 'ephemeral', replace_original: true, ...cardToMessage(card) });
  });

  app.shortcut(EXPLAIN_SHORTCUT, async ({ shortcut, ack, client }) => {
    await ack();
    if (shortcut.type !== 'message_action') return;
    await openPicker(client, shortcut.trigger_id, sessions, {
      sentences: splitSentences(messageText(shortcut.message)),
      userId: shortcut.user.id,
    });
  });

  app.action(
    actionPattern(Actions.explainLesson),
    onAction(deps, z.object({ lesson: z.string().regex(/^\d+\.\d+$/) }), async (t) => {
      const triggerId = (t.body as { trigger_id?: unknown }).trigger_id;
      if (typeof triggerId !== 'string') return;
      await openPicker(t.client, triggerId, sessions, {
        sentences: lessonSentences(deps, t.value.lesson),
        userId: t.userId,
        lessonId: t.value.lesson,
      });
    }),
  );

  app.action(
    actionPattern(Actions.explainWhy),
    onAction(deps, z.object({ check: z.string().min(1).max(64) }), async (t) => {
      const check = deps.catalog.check(t.value.check);
      if (!check) return;
      await t.respond({ response_type: 'ephemeral', replace_original: false, ...cardToMessage(explainingCard()) });
      const card = await explain(deps, t.teamId, t.userId, whySentence(check), check.lessons[0]);
      await t.respond({ response_type: 'ephemeral', replace_original: true, ...cardToMessage(card) });
    }),
  );

  app.view(PICK_VIEW, async ({ ack, body, view, client }) => {
    const meta = z.object({ session: z.string().max(64) }).safeParse(safeJson(view.private_metadata));
    const session = meta.success ? sessions.get(meta.data.session, body.user.id) : undefined;
    const choice = formSelectionsFromState(view.state, Actions.pickSentence)[PICK_SELECT_ID];
    const sentence = session && choice !== undefined ? pickedText(session.sentences, choice) : undefined;
    if (!session || !sentence) {
      await ack({
        response_action: 'update',
        view: cardToModal(noticeCard('Explain', 'That picker has expired: use the shortcut again.'), {
          title: 'Explain',
          callbackId: 'explain_done',
        }),
      });
      return;
    }
    // Show "Explaining…" at once in the same modal, then replace it with the answer.
    await ack({
      response_action: 'update',
      view: cardToModal(explainingCard(), { title: 'Explain', callbackId: 'explain_wait' }),
    });
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const card = await explain(deps, teamId, body.user.id, sentence, session.lessonId);
    await client.views.update({
      view_id: view.id,
      view: cardToModal(card, { title: 'Explain', callbackId: 'explain_done' }),
    });
  });
}

function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}
