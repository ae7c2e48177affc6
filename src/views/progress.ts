import type { Streak } from '../core/learning/streak.js';
import { Actions } from './actions.js';
import { type Block, type Button, button, type Card, userText } from './card.js';

export interface ProgressView {
  readonly name: string;
  readonly lessonsRead: number;
  readonly lessonsTotal: number;
  readonly checksPassed: number;
  readonly checksDone: number;
  readonly checksTotal: number;
  readonly streak: Streak;
  readonly dueReviews: readonly string[];
  readonly nextLesson?: { readonly id: string; readonly title: string };
  /** The member's own check results, e.g. "3.4 Viral bill: passed". Members always see their own. */
  readonly checks: readonly { readonly title: string; readonly status: 'passed' | 'attempted' | 'open' }[];
}

const bar = (done: number, total: number) => {
  const width = 10;
  const filled = total > 0 ? Math.round((width * done) / total) : 0;
  return `${'▰'.repeat(filled)}${'▱'.repeat(width - filled)}`;
};

const mark = { passed: '✓', attempted: '✗', open: '·' } as const;

export function progressCard(v: ProgressView): Card {
  const streak =
    v.streak.current === 0
      ? 'no streak yet: read a lesson or take a check today'
      : `${v.streak.current} day${v.streak.current === 1 ? '' : 's'}${v.streak.activeToday ? '' : ' (keep it going today)'}`;
  const buttons: Button[] = [];
  if (v.nextLesson)
    buttons.push(
      button(
        Actions.openLesson,
        `Next: §${v.nextLesson.id}`,
        { lesson: v.nextLesson.id, mode: 'essentials' },
        'primary',
      ),
    );
  if (v.dueReviews.length > 0) buttons.push(button(Actions.startReview, `Review (${v.dueReviews.length} due)`));
  const blocks: Block[] = [
    { kind: 'header', title: `Your progress, ${userText(v.name)}` },
    {
      kind: 'fields',
      fields: [
        { label: 'Lessons read', value: `${v.lessonsRead} of ${v.lessonsTotal} ${bar(v.lessonsRead, v.lessonsTotal)}` },
        {
          label: 'Checks passed',
          value: `${v.checksPassed} of ${v.checksTotal} ${bar(v.checksPassed, v.checksTotal)}`,
        },
        { label: 'Streak', value: streak },
        { label: 'Longest streak', value: `${v.streak.longest} day${v.streak.longest === 1 ? '' : 's'}` },
      ],
    },
    {
      kind: 'text',
      text: v.checks.map((c) => `${mark[c.status]} ${c.title}`).join('\n') || 'No checks yet.',
    },
    {
      kind: 'text',
      text:
        v.dueReviews.length > 0
          ? `**Due for review:** ${v.dueReviews.join(', ')}`
          : v.nextLesson
            ? 'Nothing due for review.'
            : '**You have read every lesson of the chapter.** Well done.',
    },
  ];
  if (buttons.length > 0) blocks.push({ kind: 'actions', buttons });
  return {
    summary: `Progress: ${v.lessonsRead}/${v.lessonsTotal} lessons, ${v.checksPassed}/${v.checksTotal} checks`,
    blocks,
  };
}
