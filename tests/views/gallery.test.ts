/** The gallery itself: it covers every kind of card, and every card reads as plain text (CLI, summaries). */
import { describe, expect, it } from 'vitest';
import { cardToText } from '../../src/views/text.js';
import { allCards, catalog } from './gallery.js';

const cards = allCards();
const count = (prefix: string) => cards.filter((c) => c.name.startsWith(prefix)).length;

describe('the card gallery', () => {
  it('holds every builder: lessons, checks, feedback, reports, progress, cost, explain, daily, notices', () => {
    expect(count('lesson ')).toBe(catalog.lessons.length * 3);
    expect(count('check ')).toBe(catalog.checks.length);
    for (const kind of ['(choice)', '(sort)'])
      expect(
        cards.some((c) => c.name.endsWith(kind)),
        kind,
      ).toBe(true);
    expect(count('feedback ')).toBeGreaterThan(catalog.checks.length * 2);
    expect(cards.some((c) => c.name.endsWith(' repeated'))).toBe(true);
    expect(count('daily prompt ')).toBe(catalog.lessons.length + 1);
    for (const prefix of [
      'report 500',
      'progress',
      'cost error',
      'cost "',
      'explain',
      'help cli',
      'daily: on',
      'mentions',
    ])
      expect(count(prefix), prefix).toBeGreaterThan(0);
    expect(new Set(cards.map((c) => c.name)).size).toBe(cards.length);
  });

  it.each(cards.map((c) => [c.name, c.card] as const))('%s as plain text', (_, card) => {
    const text = cardToText(card);
    expect(text.trim().length).toBeGreaterThan(0);
    // No sealed literal or mention token is left for a terminal to print as garbage.
    expect(text).not.toMatch(/[\ue000-\ue1ff]/);
  });

  it('counts the chapter’s checks in the daily prompt instead of a fixed word', () => {
    const last = cards.find((c) => c.name === `daily prompt ${catalog.lessons.length}`);
    expect(cardToText(last?.card ?? { summary: '', blocks: [] })).toMatch(
      new RegExp(`(${catalog.checks.length}|[A-Z][a-z]+) concept checks? (is|are) waiting`),
    );
  });
});
