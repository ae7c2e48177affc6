import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChoiceCheck, SortCheck } from '../../src/core/content/schema.js';
import type { Button, Card } from '../../src/views/card.js';
import { cardToText } from '../../src/views/text.js';
import { makeWorld, member, type World } from '../helpers/world.js';

const buttons = (card: Card): Button[] => card.blocks.flatMap((b) => (b.kind === 'actions' ? b.buttons : []));
const nonceOf = (card: Card) =>
  buttons(card).find((b) => b.value.nonce)?.value.nonce ??
  (card.blocks.find((b) => b.kind === 'form') as { submit: Button } | undefined)?.submit.value.nonce ??
  '';

let w: World;
beforeEach(() => {
  w = makeWorld();
});
afterEach(() => w.close());

describe('lessons', () => {
  it('serves lessons in order: the next unread one each time', async () => {
    const ada = member('ada');
    expect((await w.tutor.lesson(ada)).card.summary).toBe('Lesson 3.1: What is training');
    expect((await w.tutor.lesson(ada)).card.summary).toBe('Lesson 3.2: What is inference');
    expect((await w.store.progress.reads((await w.tutor.member(ada)).id)).map((r) => r.lessonId)).toEqual([
      '3.1',
      '3.2',
    ]);
  });

  it('reads a lesson in essentials or full: the story in brief, or in full', async () => {
    const essentials = cardToText((await w.tutor.lesson(member('ada'), { lessonId: '3.4' })).card);
    const full = cardToText((await w.tutor.lesson(member('ada'), { lessonId: '3.4', mode: 'full' })).card);
    expect(essentials).toContain('§3.4 Inference cost at scale');
    expect(essentials).toContain('Key takeaway');
    expect(essentials).toContain('The story in brief');
    expect(full).toContain('The story\n');
    expect(full).not.toContain('The story in brief');
    expect(full.length).toBeGreaterThan(essentials.length * 1.5);
  });

  it('offers the check and the next lesson as buttons', async () => {
    const labels = buttons((await w.tutor.lesson(member('ada'), { lessonId: '3.4' })).card).map((b) => b.label);
    expect(labels).toEqual(['Read full', 'Take the check', 'Next lesson', 'Explain a sentence']);
  });

  it('refuses an unknown lesson with the list of lessons, and records nothing', async () => {
    const r = await w.tutor.lesson(member('ada'), { lessonId: '9.9' });
    expect(r.ok).toBe(false);
    expect(cardToText(r.card)).toContain('3.1, 3.2, 3.3, 3.4, 3.5, 3.6, 3.7');
    expect(await w.store.progress.reads((await w.tutor.member(member('ada'))).id)).toEqual([]);
  });
});

describe('concept checks', () => {
  it('records an answer once, however often the same card is submitted', async () => {
    const ada = member('ada');
    const shown = await w.tutor.quiz(ada, { number: 5 });
    const check = shown.check as ChoiceCheck;
    const nonce = nonceOf(shown.card);
    const right = check.options.find((o) => o.correct)?.id ?? '';
    const wrong = check.options.find((o) => !o.correct)?.id ?? '';
    const first = await w.tutor.answer(ada, { checkId: check.id, nonce, answer: { kind: 'choice', optionId: wrong } });
    const again = await w.tutor.answer(ada, { checkId: check.id, nonce, answer: { kind: 'choice', optionId: right } });
    expect(first).toMatchObject({ ok: true, recorded: true, grade: { correct: false } });
    // The stale card's second click shows the first result and counts nothing.
    expect(again).toMatchObject({ ok: true, recorded: false, grade: { correct: false } });
    expect(cardToText(again.card)).toContain('already answered');
    expect(await w.store.progress.attempts((await w.tutor.member(ada)).id)).toHaveLength(1);
  });

  it('grades a full sort quiz per item and queues the missed concepts for review tomorrow', async () => {
    const ada = member('ada');
    const shown = await w.tutor.quiz(ada, { number: 1 });
    const check = shown.check as SortCheck;
    const placements = Object.fromEntries(check.items.map((i) => [i.id, i.answer]));
    const swapped = check.items[2]?.id ?? '';
    placements[swapped] = placements[swapped] === 'training' ? 'inference' : 'training';
    const r = await w.tutor.answer(ada, {
      checkId: check.id,
      nonce: nonceOf(shown.card),
      answer: { kind: 'sort', placements },
    });
    expect(r).toMatchObject({ ok: true, grade: { score: 5, total: 6, correct: false } });
    expect(cardToText(r.card)).toContain('5 of 6 in the right bucket');
    expect(cardToText(r.card)).toContain(check.items[2]?.feedback ?? 'missing');
    const id = (await w.tutor.member(ada)).id;
    expect((await w.store.reviews.get(id)).map((i) => i.conceptId).sort()).toEqual([...check.concepts].sort());
    // Not due today; due tomorrow in Berlin.
    expect(cardToText((await w.tutor.review(ada)).card)).toContain('Nothing to review today');
    w.now += 24 * 3600_000;
    const review = await w.tutor.review(ada);
    expect(review.check?.concepts).toEqual(expect.arrayContaining([check.concepts[0]]));
  });

  it('asks for the open items of an incomplete sort and records nothing', async () => {
    const ada = member('ada');
    const shown = await w.tutor.quiz(ada, { number: 1 });
    const check = shown.check as SortCheck;
    const r = await w.tutor.answer(ada, {
      checkId: check.id,
      nonce: nonceOf(shown.card),
      answer: { kind: 'sort', placements: { [check.items[0]?.id ?? '']: 'training' } },
    });
    expect(r).toMatchObject({ ok: false, code: 'incomplete' });
    expect(await w.store.progress.attempts((await w.tutor.member(ada)).id)).toEqual([]);
  });

  it('refuses a forged check id or option without recording', async () => {
    const ada = member('ada');
    expect(
      await w.tutor.answer(ada, { checkId: 'nope', nonce: 'x', answer: { kind: 'choice', optionId: 'a' } }),
    ).toMatchObject({
      ok: false,
      code: 'unknown_check',
    });
    const check = w.catalog.checks[1] as ChoiceCheck;
    const nonce = (await w.tutor.quiz(ada, { checkId: check.id })).nonce ?? '';
    expect(
      await w.tutor.answer(ada, { checkId: check.id, nonce, answer: { kind: 'choice', optionId: 'forged' } }),
    ).toMatchObject({
      ok: false,
      code: 'unknown_option',
    });
    expect((await w.tutor.quiz(ada, { number: 10 })).ok).toBe(false);
  });
});

describe('progress', () => {
  it('shows lessons, checks, the streak and the next lesson', async () => {
    const ada = member('ada');
    await w.tutor.lesson(ada);
    w.now += 24 * 3600_000;
    await w.tutor.lesson(ada);
    const text = cardToText((await w.tutor.progress(ada)).card);
    expect(text).toContain('Lessons read: 2 of 7');
    expect(text).toContain('Checks passed: 0 of 9');
    expect(text).toContain('Streak: 2 days');
    expect(buttons((await w.tutor.progress(ada)).card)[0]?.label).toBe('Next: §3.3');
  });
});
