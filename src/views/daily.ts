/**
 * What a daily prompt posts: the n-th (from 0) is the n-th lesson in essentials, then a card sending
 * the place to the chapter's checks, then round again, so a place that joins late still starts at
 * the first lesson.
 */
import type { Catalog } from '../core/content/catalog.js';
import { Actions } from './actions.js';
import { button, type Card } from './card.js';
import { lessonCard, lessonViewFor } from './lesson.js';
import { noticeCard } from './notice.js';

const WORDS = ['No', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten', 'Eleven', 'Twelve'];

/** A count opening a sentence: a word up to twelve ("Nine"), digits above. */
export const countWord = (n: number): string => WORDS[n] ?? String(n);

export function dailyPromptCard(catalog: Catalog, sequence: number): Card {
  const { lessons, checks } = catalog;
  const lesson = lessons[sequence % (lessons.length + 1)];
  if (lesson) {
    const view = lessonViewFor(catalog, lesson, 'essentials');
    if (!view) return noticeCard('No such lesson', `Lesson ${lesson.id} has no chapter.`, 'bad');
    // The card's own line gives the reading time, counted from its words.
    const card = lessonCard(view);
    return { ...card, blocks: [{ kind: 'context', text: "Today's lesson" }, ...card.blocks] };
  }
  const n = checks.length;
  return {
    summary: 'Chapter complete: time for the concept checks',
    blocks: [
      { kind: 'header', title: 'You have read the whole chapter', subtitle: catalog.chapters[0]?.meta.title ?? '' },
      {
        kind: 'text',
        text: `${countWord(n)} concept check${n === 1 ? ' is' : 's are'} waiting, one minute each. Missed ideas come back for review after 1, 3 and 7 days.`,
      },
      {
        kind: 'actions',
        buttons: [button(Actions.startCheck, 'Take a check', { check: checks[0]?.id ?? '' }, 'primary')],
      },
    ],
  };
}
