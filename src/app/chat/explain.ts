/**
 * "Explain in plain English", once for every platform: a typed sentence, "Explain a sentence" under
 * a lesson, "Why?" under a result, the message action, and the sentence chosen in a picker. Answers
 * are for the member alone: a placeholder at once (Slack's 3 s, Teams' 15 s), replaced by the
 * explanation when it is ready. Where the platform cannot whisper in a shared place, a typed
 * sentence gets a button that opens the answer in a dialog instead.
 */
import type { Check } from '../../core/content/schema.js';
import { pickedText, splitSentences } from '../../core/explain/sentences.js';
import { Actions } from '../../views/actions.js';
import { type Card, dialogButton } from '../../views/card.js';
import { explainingCard, sentenceButtonsCard, sentencePickerCard } from '../../views/explain.js';
import { noticeCard } from '../../views/notice.js';
import { explainForMember, lessonSentences, whySentence } from '../explain.js';
import type { Conversation } from './conversation.js';
import type { ChatDeps } from './deps.js';
import { type Reply, toMember } from './reply.js';

/** The longest sentence a button carries to a dialog (a Teams submit value holds 2,000 characters). */
const CARRIED_MAX = 500;

const explained = (conv: Conversation, deps: ChatDeps, sentence: string, lessonId?: string): Reply => ({
  card: explainingCard(),
  audience: 'member',
  later: () =>
    explainForMember(
      deps,
      { workspaceId: conv.workspaceId, platform: conv.platform, memberId: conv.memberId },
      sentence,
      lessonId,
    ),
});

/** `explain SENTENCE` typed to the bot. */
export function explainTyped(sentence: string, conv: Conversation, deps: ChatDeps): Reply {
  const text = sentence.trim();
  const how = conv.surface.explain ?? 'explain ';
  if (!text)
    return toMember(
      noticeCard('Explain', `Type the sentence after the word, e.g. \`${how}Inference is a variable cost.\``),
    );
  if (conv.place.kind === 'shared' && !conv.whispers) {
    const card: Card = {
      summary: 'Explain in plain English',
      blocks: [
        { kind: 'text', text: 'The explanation opens just for you.' },
        {
          kind: 'actions',
          buttons: [dialogButton(Actions.explainText, 'Open the explanation', { s: text.slice(0, CARRIED_MAX) })],
        },
      ],
    };
    return toMember(card);
  }
  return explained(conv, deps, text);
}

/**
 * Which sentence? In a dialog, one select; where the picker shows in the conversation (a client
 * without dialogs), a button per sentence.
 */
export async function pickerReply(
  conv: Conversation,
  deps: ChatDeps,
  sentences: string[],
  lessonId?: string,
): Promise<Reply> {
  if (sentences.length === 0)
    return { ...toMember(noticeCard('Nothing to explain', 'That message has no sentences I can read.')), dialog: true };
  const session = await deps.pickSessions.put({ sentences, userId: conv.memberId, ...(lessonId ? { lessonId } : {}) });
  const card = conv.dialogs ? sentencePickerCard(sentences, { session }) : sentenceButtonsCard(sentences, { session });
  return { ...toMember(card), dialog: true };
}

/** The message action ("Explain in plain English" on any message): the picker with its sentences. */
export const explainMessage = (text: string, conv: Conversation, deps: ChatDeps): Promise<Reply> =>
  pickerReply(conv, deps, splitSentences(text));

export const explainLesson = (lessonId: string, conv: Conversation, deps: ChatDeps): Promise<Reply> =>
  pickerReply(conv, deps, lessonSentences(deps, lessonId), lessonId);

export function explainWhy(check: Check | undefined, conv: Conversation, deps: ChatDeps): Reply {
  if (!check) return toMember(noticeCard('Explain', 'That check is not part of the course.'));
  return explained(conv, deps, whySentence(check), check.lessons[0]);
}

export const explainCarried = (sentence: string, conv: Conversation, deps: ChatDeps): Reply =>
  explained(conv, deps, sentence.slice(0, CARRIED_MAX));

/** The sentence chosen in a picker: by the select (a dialog) or by the button's index (in the conversation). */
export async function explainPicked(
  pick: { session: string; choice: string | undefined },
  conv: Conversation,
  deps: ChatDeps,
): Promise<Reply> {
  const session = await deps.pickSessions.get(pick.session, conv.memberId);
  const sentence = session && pick.choice !== undefined ? pickedText(session.sentences, pick.choice) : undefined;
  if (!session || !sentence)
    return { ...toMember(noticeCard('Explain', 'That picker has expired: open it again.')), dialog: true };
  return { ...explained(conv, deps, sentence, session.lessonId), dialog: true };
}
