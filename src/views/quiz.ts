import type { Check, ChoiceCheck, SortCheck } from '../core/content/schema.js';
import type { Grade } from '../core/quiz/grade.js';
import { shownOrder } from '../core/quiz/order.js';
import { Actions } from './actions.js';
import { type Block, type Button, button, type Card, dialogButton } from './card.js';

export interface CheckPosition {
  readonly number: number;
  readonly of: number;
}

const heading = (p: CheckPosition, check: Check) => ({
  kind: 'header' as const,
  title: `Concept check · ${p.number} of ${p.of}`,
  subtitle: check.title,
});

const about = (check: Check) => ({
  kind: 'context' as const,
  text: `About §${check.lessons.join(', §')}${check.kind === 'sort' ? ' · place every item, then submit' : ''}`,
});

/**
 * A multiple-choice check: one button per option, in this card's own order (from its nonce).
 * `nonce` also identifies this card for idempotency.
 */
export function choiceCard(check: ChoiceCheck, position: CheckPosition, nonce: string, keySlot?: number): Card {
  const { options } = shownOrder(check, nonce, keySlot);
  return {
    summary: `Concept check ${position.number} of ${position.of}: ${check.question}`,
    blocks: [
      heading(position, check),
      { kind: 'text', text: check.question },
      {
        kind: 'actions',
        buttons: options.map((o) => button(Actions.answerChoice, o.text, { check: check.id, option: o.id, nonce })),
      },
      about(check),
    ],
  };
}

/** A sort quiz: one select per item (in this card's own order) with the categories as options. */
export function sortCard(check: SortCheck, position: CheckPosition, nonce: string): Card {
  const { items } = shownOrder(check, nonce);
  return {
    summary: `Concept check ${position.number} of ${position.of}: ${check.title}`,
    blocks: [
      heading(position, check),
      { kind: 'text', text: check.prompt },
      {
        kind: 'form',
        id: `sort:${check.id}`,
        selects: items.map((item) => ({
          kind: 'select' as const,
          id: item.id,
          label: item.text,
          placeholder: 'Choose a bucket',
          options: check.categories.map((c) => ({ value: c.id, label: c.label })),
        })),
        submit: button(Actions.submitSort, 'Submit', { check: check.id, nonce }, 'primary'),
      },
      about(check),
    ],
  };
}

export function checkCard(check: Check, position: CheckPosition, nonce: string, keySlot?: number): Card {
  return check.kind === 'choice' ? choiceCard(check, position, nonce, keySlot) : sortCard(check, position, nonce);
}

export interface FeedbackView {
  readonly check: Check;
  readonly position: CheckPosition;
  readonly grade: Grade;
  /** True when this answer repeated one already recorded (double click, stale card). */
  readonly repeated: boolean;
  readonly nextCheckId?: string;
  readonly nextLessonId?: string;
}

function choiceFeedback(check: ChoiceCheck, grade: Grade): Block[] {
  const item = grade.items[0];
  if (!item) return [];
  const lines = [`You chose: **${item.chosenLabel}**`, item.feedback];
  if (!item.correct) lines.push(`The answer: **${item.answerLabel}**`);
  // Colour only on the short mark, with words beside it: the explanation stays in the default
  // colour, readable at full contrast and not told by colour alone.
  return [
    { kind: 'text', text: check.question },
    item.correct ? mark('good', '✓ Right answer') : mark('bad', '✗ Not this one'),
    { kind: 'text', text: lines.join('\n') },
    { kind: 'text', text: `**In short:** ${check.explanation}` },
  ];
}

const mark = (tone: 'good' | 'bad', text: string): Block => ({ kind: 'text', text: `**${text}**`, tone });

function sortFeedback(grade: Grade): Block[] {
  const right = grade.items.filter((i) => i.correct);
  const wrong = grade.items.filter((i) => !i.correct);
  const blocks: Block[] = [];
  if (wrong.length > 0)
    blocks.push(mark('bad', `✗ Misplaced (${wrong.length})`), {
      kind: 'text',
      text: wrong
        .map((i) => `✗ ${i.text}\n    You chose ${i.chosenLabel}; it belongs in **${i.answerLabel}**. ${i.feedback}`)
        .join('\n'),
    });
  if (right.length > 0)
    blocks.push(mark('good', `✓ In the right bucket (${right.length})`), {
      kind: 'text',
      text: right.map((i) => `✓ ${i.text} → ${i.answerLabel}`).join('\n'),
    });
  return blocks;
}

/** The result of an answer, shown in place of the check card. */
export function feedbackCard(v: FeedbackView): Card {
  const { check, grade } = v;
  const verdict = grade.correct
    ? 'Correct ✓'
    : check.kind === 'sort'
      ? `${grade.score} of ${grade.total} in the right bucket`
      : 'Not quite ✗';
  const buttons: Button[] = [];
  if (!grade.correct) buttons.push(button(Actions.startCheck, 'Try again', { check: check.id }));
  if (v.nextCheckId) buttons.push(button(Actions.startCheck, 'Next check', { check: v.nextCheckId }, 'primary'));
  if (v.nextLessonId)
    buttons.push(button(Actions.openLesson, 'Next lesson', { lesson: v.nextLessonId, mode: 'essentials' }));
  buttons.push(dialogButton(Actions.explainWhy, 'Why?', { check: check.id }));
  const blocks: Block[] = [
    {
      kind: 'header',
      title: verdict,
      subtitle: `Concept check ${v.position.number} of ${v.position.of} · ${check.title}`,
    },
    ...(check.kind === 'choice' ? choiceFeedback(check, grade) : sortFeedback(grade)),
  ];
  if (v.repeated)
    blocks.push({ kind: 'context', text: 'This card was already answered; the first answer is the one that counts.' });
  if (!grade.correct)
    blocks.push({ kind: 'context', text: 'Missed concepts come back for review in 1, 3 and 7 days.' });
  if (buttons.length > 0) blocks.push({ kind: 'actions', buttons });
  return { summary: `${verdict}: ${check.title}`, blocks };
}
