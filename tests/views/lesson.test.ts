import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/content/load.js';
import { defaultContentDir } from '../../src/content/paths.js';
import type { Block, Card } from '../../src/views/card.js';
import { lessonCard, lessonViewFor, type ReadingMode } from '../../src/views/lesson.js';
import { cardToText } from '../../src/views/text.js';

const catalog = loadCatalog(defaultContentDir());

function card(id: string, mode: ReadingMode): Card {
  const lesson = catalog.lesson(id);
  const view = lesson && lessonViewFor(catalog, lesson, mode);
  if (!view) throw new Error(`no lesson ${id}`);
  return lessonCard(view);
}

/** Words a reader reads, counted here independently of the view: titles and texts. */
const wordsShown = (blocks: readonly Block[]) =>
  blocks
    .flatMap((b) => (b.kind === 'header' ? [b.title, b.subtitle ?? ''] : b.kind === 'text' ? [b.text] : []))
    .join(' ')
    .split(/\s+/)
    .filter((w) => /[a-z0-9]/i.test(w)).length;

const claimed = (c: Card) => {
  const line = c.blocks.find((b) => b.kind === 'context');
  const m = line?.kind === 'context' ? /~(\d+) min read/.exec(line.text) : null;
  return Number(m?.[1]);
};

describe('lesson cards', () => {
  it('state a reading time that matches the words they show, at 200 words a minute', () => {
    for (const l of catalog.lessons)
      for (const mode of ['essentials', 'full'] as const) {
        const c = card(l.id, mode);
        expect(claimed(c), `${l.id} ${mode}`).toBe(Math.max(1, Math.ceil(wordsShown(c.blocks) / 200)));
      }
    // The longest card, §3.7 in full, is several minutes, not the "2 min" it used to claim.
    expect(claimed(card('3.7', 'full'))).toBeGreaterThanOrEqual(4);
  });

  it('give every lesson its story in brief in the essentials, and the first lesson the chapter’s purpose', () => {
    for (const l of catalog.lessons) expect(cardToText(card(l.id, 'essentials')), l.id).toContain('The story in brief');
    expect(cardToText(card('3.1', 'essentials'))).toContain('What this chapter is for');
    expect(cardToText(card('3.2', 'essentials'))).not.toContain('What this chapter is for');
  });

  it('close §3.7’s essentials (the last daily post) with the PM lens, the Llama 3 case and the takeaway', () => {
    const text = cardToText(card('3.7', 'essentials'));
    const at = (s: string) => text.indexOf(s);
    expect(at('The story in brief')).toBeGreaterThan(0);
    expect(at('As a PM')).toBeGreaterThan(at('The story in brief'));
    expect(at('Case: Meta')).toBeGreaterThan(at('As a PM'));
    expect(text).toContain('Llama 3');
    expect(at('The chapter in one line')).toBeGreaterThan(at('Case: Meta'));
  });

  it('label every figure with its source and its nature, with no brackets inside brackets', () => {
    for (const l of catalog.lessons) {
      const text = cardToText(card(l.id, 'full'));
      expect(text, l.id).not.toMatch(/\([^()]*\(/);
      for (const id of l.facts) {
        const f = catalog.fact(id);
        expect(text, `${l.id} ${id}`).toContain(`Source: ${f?.source.name}; ${f?.nature}.`);
      }
    }
  });
});
