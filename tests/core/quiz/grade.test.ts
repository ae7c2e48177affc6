import { describe, expect, it } from 'vitest';
import type { ChoiceCheck, SortCheck } from '../../../src/core/content/schema.js';
import { attemptKey, grade } from '../../../src/core/quiz/grade.js';

const choice: ChoiceCheck = {
  id: 'viral-bill',
  kind: 'choice',
  title: 'The viral bill',
  lessons: ['3.4'],
  concepts: ['linear-scaling'],
  question: 'Usage grows 10x overnight. What happens to the inference bill?',
  options: [
    { id: 'flat', text: 'It stays about flat', correct: false, feedback: 'That is web-page economics.' },
    { id: 'ten', text: 'It grows about 10x', correct: true, feedback: 'Every request needs its own compute.' },
    { id: 'less', text: 'It grows, but less than 10x', correct: false, feedback: 'There is no volume discount here.' },
  ],
  explanation: 'Inference cost scales linearly with requests.',
};

const sort: SortCheck = {
  id: 'bill-sort',
  kind: 'sort',
  title: 'Sort the bill',
  lessons: ['3.1', '3.2'],
  concepts: ['training-capex', 'inference-opex'],
  prompt: 'Sort each line item.',
  categories: [
    { id: 'training', label: 'Training' },
    { id: 'inference', label: 'Inference' },
  ],
  items: [
    { id: 'pretrain', text: 'Pre-training run', answer: 'training', feedback: 'The model learns.' },
    { id: 'summarise', text: 'Summarise click', answer: 'inference', feedback: 'A frozen model answers.' },
    { id: 'nightly', text: 'Nightly scoring batch', answer: 'inference', feedback: 'Batch is still inference.' },
  ],
};

describe('grading a choice check', () => {
  it('marks the right option correct with its feedback', () => {
    const r = grade(choice, { kind: 'choice', optionId: 'ten' });
    expect(r.ok && r.grade).toMatchObject({
      correct: true,
      score: 1,
      total: 1,
      items: [{ feedback: 'Every request needs its own compute.' }],
    });
    expect(r.ok && r.grade.concepts).toEqual([{ conceptId: 'linear-scaling', correct: 1, total: 1 }]);
  });
  it('explains a wrong option and names the right one', () => {
    const r = grade(choice, { kind: 'choice', optionId: 'less' });
    expect(r.ok && r.grade.items[0]).toMatchObject({
      correct: false,
      chosenLabel: 'It grows, but less than 10x',
      answerLabel: 'It grows about 10x',
      feedback: 'There is no volume discount here.',
    });
  });
  it('returns an error value for an option that does not exist', () => {
    expect(grade(choice, { kind: 'choice', optionId: 'forged' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_option' },
    });
    expect(grade(choice, { kind: 'sort', placements: {} })).toMatchObject({ ok: false, error: { code: 'wrong_kind' } });
  });
});

describe('grading a sort quiz', () => {
  it('grades each item and gives feedback on the misplaced one', () => {
    const r = grade(sort, {
      kind: 'sort',
      placements: { pretrain: 'training', summarise: 'inference', nightly: 'training' },
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.grade).toMatchObject({ correct: false, score: 2, total: 3 });
    const wrong = r.grade.items.filter((i) => !i.correct);
    expect(wrong).toEqual([
      expect.objectContaining({
        itemId: 'nightly',
        chosenLabel: 'Training',
        answerLabel: 'Inference',
        feedback: 'Batch is still inference.',
      }),
    ]);
    expect(r.grade.concepts).toEqual([
      { conceptId: 'training-capex', correct: 2, total: 3 },
      { conceptId: 'inference-opex', correct: 2, total: 3 },
    ]);
  });
  it('all items right is a pass', () => {
    const r = grade(sort, {
      kind: 'sort',
      placements: { pretrain: 'training', summarise: 'inference', nightly: 'inference' },
    });
    expect(r.ok && r.grade.correct).toBe(true);
  });
  it('asks for the items still open instead of grading half a quiz', () => {
    const r = grade(sort, { kind: 'sort', placements: { pretrain: 'training' } });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'incomplete', missing: ['Summarise click', 'Nightly scoring batch'] },
    });
    expect(!r.ok && r.error.message).toContain('2 items are still open');
  });
  it('refuses forged items and categories', () => {
    const full = { pretrain: 'training', summarise: 'inference', nightly: 'inference' };
    expect(grade(sort, { kind: 'sort', placements: { ...full, extra: 'training' } })).toMatchObject({
      ok: false,
      error: { code: 'unknown_item' },
    });
    expect(grade(sort, { kind: 'sort', placements: { ...full, nightly: 'finance' } })).toMatchObject({
      ok: false,
      error: { code: 'unknown_category' },
    });
  });
});

describe('attempt identity', () => {
  it('is the same for a repeat of the same card and differs for a new card', () => {
    expect(attemptKey('slack:T1:U1', 'bill-sort', 'n1')).toBe(attemptKey('slack:T1:U1', 'bill-sort', 'n1'));
    expect(attemptKey('slack:T1:U1', 'bill-sort', 'n1')).not.toBe(attemptKey('slack:T1:U1', 'bill-sort', 'n2'));
    expect(attemptKey('slack:T1:U1', 'bill-sort', 'n1')).not.toBe(attemptKey('slack:T1:U2', 'bill-sort', 'n1'));
  });
});
