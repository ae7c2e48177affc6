/**
 * "Explain in plain English" in Teams. Answers go only to the member who asked: in a dialog (task
 * module) opened by the message action or by a card's Explain/Why? button, or in the personal chat
 * for `explain SENTENCE` (an "Explaining…" card replaced by the answer). In a channel, the typed
 * command gets a button that opens the answer in a dialog instead of posting it for everyone.
 * A client that cannot open dialogs (the Emulator, the Agents Playground: see ../client.ts) gets the
 * same flow in the conversation: a card with the sentences as buttons, the answer as a reply card.
 */
import { CardFactory, type TaskModuleResponse } from 'botbuilder';
import { explainForMember, lessonSentences, whySentence } from '../../app/explain.js';
import { pickedText, splitSentences } from '../../core/explain/sentences.js';
import { Actions } from '../../views/actions.js';
import { type Card, dialogButton } from '../../views/card.js';
import {
  explainingCard,
  PICK_INDEX,
  PICK_SELECT_ID,
  sentenceButtonsCard,
  sentencePickerCard,
} from '../../views/explain.js';
import { noticeCard } from '../../views/notice.js';
import type { TeamsRuntimeDeps, Turn } from '../context.js';
import { cardToAdaptiveCard, readSubmit, type Submit } from '../render/adaptive-card.js';
import { cardActivity, forTeams } from '../reply.js';
import { messageText } from './message-text.js';

export const EXPLAIN_TEXT = 'explain.text';
const TITLE = 'Explain in plain English';

/** A dialog showing `card`; Teams keeps the dialog open with the new content. */
export const dialog = (card: Card): TaskModuleResponse => ({
  task: {
    type: 'continue',
    value: {
      title: TITLE,
      width: 'medium',
      height: 'medium',
      card: CardFactory.adaptiveCard(cardToAdaptiveCard(forTeams(card))),
    },
  },
});

const explained = (turn: Turn, deps: TeamsRuntimeDeps, sentence: string, lessonId?: string): Promise<Card> =>
  explainForMember(
    deps,
    { workspaceId: turn.workspaceId, platform: 'teams', memberId: turn.me.externalId },
    sentence,
    lessonId,
  );

function picker(turn: Turn, deps: TeamsRuntimeDeps, sentences: string[], lessonId?: string, inChat = false): Card {
  if (sentences.length === 0) return noticeCard('Nothing to explain', 'That message has no sentences I can read.');
  const session = deps.pickSessions.put({ sentences, userId: turn.me.externalId, ...(lessonId ? { lessonId } : {}) });
  return inChat ? sentenceButtonsCard(sentences, { session }) : sentencePickerCard(sentences, { session });
}

/** A card button or the message action asked for a dialog: what goes in it. */
export function dialogFor(turn: Turn, deps: TeamsRuntimeDeps, value: unknown): Promise<Card> {
  const submit = readSubmit(value);
  if (!submit) return Promise.resolve(outOfDate());
  return answerFor(turn, deps, submit);
}

const outOfDate = () => noticeCard('Explain', 'That button is out of date. Ask again with `explain` and a sentence.');

async function answerFor(turn: Turn, deps: TeamsRuntimeDeps, submit: Submit): Promise<Card> {
  const { data } = submit;
  if (submit.action === Actions.explainLesson && data.lesson)
    return picker(turn, deps, lessonSentences(deps, data.lesson), data.lesson);
  if (submit.action === Actions.explainWhy && data.check) {
    const check = deps.catalog.check(data.check);
    if (!check) return noticeCard('Explain', 'That check is not part of the course.');
    return explained(turn, deps, whySentence(check), check.lessons[0]);
  }
  if (submit.action === EXPLAIN_TEXT && data.s) return explained(turn, deps, data.s);
  if (submit.action === Actions.pickSentence) {
    const session = data.session ? deps.pickSessions.get(data.session, turn.me.externalId) : undefined;
    // The dialog's picker sends its select; the one in the conversation, the index on the button.
    const choice = submit.selections[PICK_SELECT_ID] ?? data[PICK_INDEX];
    const sentence = session && choice !== undefined ? pickedText(session.sentences, choice) : undefined;
    if (!session || !sentence) return noticeCard('Explain', 'That picker has expired: open it again.');
    return explained(turn, deps, sentence, session.lessonId);
  }
  return noticeCard('Explain', 'That button is out of date.');
}

/**
 * An Explain, Why? or sentence button clicked in a client without dialogs: "Explain a sentence"
 * answers with the sentences as buttons; the others with "Explaining…", replaced by the answer.
 */
export async function explainInConversation(turn: Turn, deps: TeamsRuntimeDeps, submit: Submit): Promise<void> {
  const lesson = submit.action === Actions.explainLesson ? submit.data.lesson : undefined;
  if (lesson) {
    await turn.ctx.sendActivity(cardActivity(picker(turn, deps, lessonSentences(deps, lesson), lesson, true)));
    return;
  }
  const sent = await turn.ctx.sendActivity(cardActivity(explainingCard()));
  const card = await answerFor(turn, deps, submit);
  if (sent?.id) await turn.ctx.updateActivity({ ...cardActivity(card), id: sent.id });
  else await turn.ctx.sendActivity(cardActivity(card));
}

/** The message action: the picker with the sentences of the message it was used on. */
export function messageActionPicker(turn: Turn, deps: TeamsRuntimeDeps, messagePayload: unknown): Card {
  return picker(turn, deps, splitSentences(messageText(messagePayload)));
}

/** `explain SENTENCE` typed to the bot. */
export async function explainCommand(turn: Turn, deps: TeamsRuntimeDeps, sentence: string): Promise<void> {
  const text = sentence.trim();
  if (!text) {
    await turn.ctx.sendActivity(
      cardActivity(
        noticeCard('Explain', 'Type the sentence after the word, e.g. `explain Inference is a variable cost.`'),
      ),
    );
    return;
  }
  if (turn.scope !== 'personal') {
    const card: Card = {
      summary: 'Explain in plain English',
      blocks: [
        { kind: 'text', text: 'The explanation opens just for you.' },
        { kind: 'actions', buttons: [dialogButton(EXPLAIN_TEXT, 'Open the explanation', { s: text.slice(0, 500) })] },
      ],
    };
    await turn.ctx.sendActivity(cardActivity(card));
    return;
  }
  const sent = await turn.ctx.sendActivity(cardActivity(explainingCard()));
  const card = await explained(turn, deps, text);
  if (sent?.id) await turn.ctx.updateActivity({ ...cardActivity(card), id: sent.id });
  else await turn.ctx.sendActivity(cardActivity(card));
}
