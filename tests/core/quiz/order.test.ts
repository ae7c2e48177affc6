import { describe, expect, it } from 'vitest';
import type { ChoiceCheck, SortCheck } from '../../../src/core/content/schema.js';
import { grade } from '../../../src/core/quiz/grade.js';
import { openKeySlots, seededShuffle, shownOrder } from '../../../src/core/quiz/order.js';

const option = (id: string, correct = false) => ({ id, text: id, correct, feedback: `${id}.` });
const choice: ChoiceCheck = {
  id: 'viral-bill',
  kind: 'choice',
  title: 'The viral bill',
  lessons: ['3.4'],
  concepts: ['linear-scaling'],
  question: 'Usage grows 10x. What happens to the bill?',
  options: [option('ten', true), option('flat'), option('half'), option('less')],
  explanation: 'Linear.',
};
const sort: SortCheck = {
  id: 'bill-sort',
  kind: 'sort',
  title: 'Sort',
  lessons: ['3.1'],
  concepts: ['training-capex'],
  prompt: 'Sort.',
  categories: [
    { id: 'training', label: 'Training' },
    { id: 'inference', label: 'Inference' },
  ],
  items: ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id, text: id, answer: 'training', feedback: '.' })),
};

describe('shownOrder', () => {
  it('is the same for the same card: a re-render or a retried click sees one order', () => {
    expect(shownOrder(choice, 'nonce-1').options).toEqual(shownOrder(choice, 'nonce-1').options);
    expect(shownOrder(sort, 'nonce-1').items).toEqual(shownOrder(sort, 'nonce-1').items);
  });

  it('differs between cards and keeps every option exactly once', () => {
    const orders = new Set(
      Array.from({ length: 40 }, (_, i) =>
        shownOrder(choice, `card-${i}`)
          .options.map((o) => o.id)
          .join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(10);
    for (const i of [1, 2, 3]) expect(seededShuffle([1, 2, 3, 4, 5], `s${i}`).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('puts the key first on about a quarter of 4-option cards, not on most', () => {
    const n = 2000;
    const first = Array.from({ length: n }, (_, i) => shownOrder(choice, `m${i % 7}-card-${i}`)).filter(
      (c) => c.options[0]?.correct,
    ).length;
    expect(first / n).toBeGreaterThan(0.2);
    expect(first / n).toBeLessThan(0.3);
  });

  it('shuffles the items of a sort quiz too', () => {
    const orders = new Set(
      Array.from({ length: 20 }, (_, i) =>
        shownOrder(sort, `c${i}`)
          .items.map((x) => x.id)
          .join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(5);
  });

  it('never changes a grade: grading is by id', () => {
    const shown = shownOrder(choice, 'any');
    const g = grade(shown, { kind: 'choice', optionId: 'ten' });
    expect(g.ok && g.grade.correct).toBe(true);
  });
});

describe('openKeySlots', () => {
  it('closes a position once it has held the key three times, and never leaves none open', () => {
    expect(openKeySlots([], 4)).toEqual([0, 1, 2, 3]);
    expect(openKeySlots([0, 0, 0, 1], 4)).toEqual([1, 2, 3]);
    expect(openKeySlots([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3], 4)).toEqual([0, 1, 2, 3]);
  });

  it('puts the right option where the server chose, whatever the nonce', () => {
    const check = {
      id: 'c',
      kind: 'choice',
      options: ['a', 'b', 'c', 'd'].map((id) => ({ id, text: id, correct: id === 'c', feedback: '' })),
    } as unknown as Parameters<typeof shownOrder>[0];
    for (const nonce of ['x', 'y', 'z'])
      for (let slot = 0; slot < 4; slot++) {
        const shown = shownOrder(check, nonce, slot);
        expect(shown.kind === 'choice' && shown.options[slot]?.id).toBe('c');
      }
  });
});
