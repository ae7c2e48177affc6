/**
 * The cards of personal daily lessons by DM: today's lesson with its check, a due review, the
 * chapter finished (after which the schedule stops), and the one reminder of a day.
 */
import { Actions } from './actions.js';
import { type Block, button, type Card } from './card.js';

/** Today's lesson with its check below it: the lesson's own "Take the check" button is left out. */
export function personalLessonCard(lesson: Card, check: Card | undefined): Card {
  const blocks: Block[] = [{ kind: 'context', text: "Today's lesson" }];
  for (const block of lesson.blocks) {
    if (block.kind !== 'actions' || !check) {
      blocks.push(block);
      continue;
    }
    const rest = block.buttons.filter((b) => b.action !== Actions.startCheck);
    if (rest.length > 0) blocks.push({ ...block, buttons: rest });
  }
  if (check) blocks.push({ kind: 'divider' }, ...check.blocks);
  return { summary: `Today's lesson: ${lesson.summary}`, blocks };
}

/** A concept due for review, as today's DM. */
export function personalReviewCard(check: Card): Card {
  return {
    summary: `Today's review: ${check.summary}`,
    blocks: [{ kind: 'context', text: "Today's review: a concept you missed comes back" }, ...check.blocks],
  };
}

/** Every lesson read and nothing due: the last daily DM until the member turns it on again. */
export function chapterFinishedCard(chapterTitle: string, firstCheckId: string | undefined): Card {
  return {
    summary: 'You have finished the chapter',
    blocks: [
      { kind: 'header', title: 'You have finished the chapter', subtitle: chapterTitle },
      {
        kind: 'text',
        text: 'That was the last daily lesson, so they stop here. Missed ideas still come back with `review`; the concept checks are one minute each.',
        tone: 'good',
      },
      ...(firstCheckId
        ? [
            {
              kind: 'actions' as const,
              buttons: [button(Actions.startCheck, 'Take a check', { check: firstCheckId }, 'primary')],
            },
          ]
        : []),
    ],
  };
}

/** The day's one reminder: the check not answered yet (the same card, so one answer counts). */
export function reminderCard(check: Card | undefined, offHint: string): Card {
  return {
    summary: "A minute for today's check?",
    blocks: [
      { kind: 'header', title: "A minute for today's check?" },
      {
        kind: 'text',
        text: check
          ? 'You have not answered it yet. It takes about a minute.'
          : 'Today’s lesson is waiting in this chat. It takes about three minutes.',
      },
      ...(check ? [{ kind: 'divider' as const }, ...check.blocks] : []),
      { kind: 'context', text: `At most one reminder a day, never before 08:00 or after 19:00 your time. ${offHint}` },
    ],
  };
}

/** The App Home's "my daily lesson" form: its id and its selects' ids. */
export const MY_DAILY_FORM = { id: 'my-daily', time: 'time', days: 'days' } as const;
const HALF_HOURS = Array.from(
  { length: 48 },
  (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
);

const times = (own: string | undefined) =>
  own && !HALF_HOURS.includes(own) ? [...HALF_HOURS, own].sort() : HALF_HOURS;

/**
 * A toggle with a time choice: "off" or a time every 30 minutes, weekdays or every day, in the
 * member's own time zone. `current` is their schedule now (undefined when off or never set).
 */
export function myDailyHomeCard(current: { time: string; everyDay: boolean; zone: string } | undefined): Card {
  return {
    summary: 'My daily lesson',
    blocks: [
      { kind: 'header', title: 'My daily lesson', subtitle: 'By direct message, at your time' },
      {
        kind: 'text',
        text: current
          ? `On: ${current.time} your time (${current.zone}), ${current.everyDay ? 'every day' : 'weekdays'}.`
          : 'Off. Choose a time to get your next lesson and its check each morning.',
      },
      {
        kind: 'form',
        id: MY_DAILY_FORM.id,
        selects: [
          {
            kind: 'select',
            id: MY_DAILY_FORM.time,
            label: 'Time',
            placeholder: 'Choose a time',
            // A time set by command off the half hour (08:15) is offered too, so it can be the initial one.
            options: [{ value: 'off', label: 'Off' }, ...times(current?.time).map((t) => ({ value: t, label: t }))],
            initial: current?.time ?? 'off',
          },
          {
            kind: 'select',
            id: MY_DAILY_FORM.days,
            label: 'Days',
            placeholder: 'Choose days',
            options: [
              { value: 'weekdays', label: 'Weekdays' },
              { value: 'every day', label: 'Every day' },
            ],
            initial: current?.everyDay ? 'every day' : 'weekdays',
          },
        ],
        submit: button(Actions.setMyDaily, 'Save', {}, 'primary'),
      },
    ],
  };
}
