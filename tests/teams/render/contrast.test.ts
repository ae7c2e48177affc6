import { describe, expect, it } from 'vitest';
import { cardToAdaptiveCard, MAX_COLOURED_WORDS } from '../../../src/teams/render/adaptive-card.js';
import { allCards, feedbackCards } from '../../views/gallery.js';

type Node = { type?: string; text?: string; color?: string; [key: string]: unknown };

/** Every TextBlock of an Adaptive Card, however deeply nested in containers and columns. */
function textBlocks(node: unknown): Node[] {
  if (Array.isArray(node)) return node.flatMap(textBlocks);
  if (!node || typeof node !== 'object') return [];
  const n = node as Node;
  const own = n.type === 'TextBlock' ? [n] : [];
  return [...own, ...Object.values(n).flatMap(textBlocks)];
}

const coloured = (b: Node) => b.color !== undefined && b.color !== 'Default';

describe('colour in Teams cards', () => {
  it('is never the colour of text longer than a short mark, in any card the app can show', () => {
    const offenders = allCards().flatMap(({ name, card }) =>
      textBlocks(cardToAdaptiveCard(card))
        .filter((b) => coloured(b) && String(b.text).split(/\s+/).length > MAX_COLOURED_WORDS)
        .map((b) => `${name}: ${String(b.text).slice(0, 60)}`),
    );
    expect(offenders).toEqual([]);
  });

  it('never carries a result alone: every coloured mark on a result says it in words too', () => {
    for (const { name, card } of feedbackCards()) {
      const marks = textBlocks(cardToAdaptiveCard(card)).filter(coloured);
      expect(marks.length, name).toBeGreaterThan(0);
      for (const m of marks) expect(String(m.text), name).toMatch(/^\*\*[✓✗] [A-Z][a-z]+/);
    }
  });
});
