import { describe, expect, it } from 'vitest';
import { Actions } from '../../src/views/actions.js';
import { button, type Card } from '../../src/views/card.js';
import { chapterFinishedCard, personalLessonCard, reminderCard } from '../../src/views/personal.js';
import { cardToText } from '../../src/views/text.js';

const lesson: Card = {
  summary: '§3.1 Tokens',
  blocks: [
    { kind: 'header', title: '§3.1 Tokens' },
    { kind: 'text', text: 'A token is a piece of a word.' },
    {
      kind: 'actions',
      buttons: [
        button(Actions.startCheck, 'Take the check', { check: 'c1' }),
        button(Actions.openLesson, 'Next', { lesson: '3.2' }),
      ],
    },
  ],
};
const check: Card = {
  summary: 'Check 1 of 9',
  blocks: [
    { kind: 'header', title: 'Check 1 of 9' },
    { kind: 'actions', buttons: [button(Actions.answerChoice, 'A', { check: 'c1', option: 'a', nonce: 'n1' })] },
  ],
};

describe('personal DM cards', () => {
  it("today's lesson carries its check below it, without a second way to open the check", () => {
    const card = personalLessonCard(lesson, check);
    const buttons = card.blocks.flatMap((b) => (b.kind === 'actions' ? b.buttons : []));
    expect(buttons.map((b) => b.label)).toEqual(['Next', 'A']);
    expect(cardToText(card)).toContain("Today's lesson");
    // Without a check (a lesson no check follows) the lesson's own buttons stay.
    expect(personalLessonCard(lesson, undefined).blocks.at(-1)).toEqual(lesson.blocks[2]);
  });

  it('the reminder says when reminders come and how to stop them, and repeats the same check card', () => {
    const card = reminderCard(check, 'Turn them off with `/tutor daily me reminders off`.');
    const text = cardToText(card);
    expect(text).toContain('08:00');
    expect(text).toContain('19:00');
    expect(text).toContain('reminders off');
    expect(card.blocks.flatMap((b) => (b.kind === 'actions' ? b.buttons : []))[0]?.value.nonce).toBe('n1');
  });

  it('the chapter-finished card says the daily lessons stop', () => {
    expect(cardToText(chapterFinishedCard('AI Foundations', 'c1'))).toMatch(/finished the chapter[\s\S]*stop/);
  });
});
