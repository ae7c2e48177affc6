import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { teamReport } from '../../src/app/reports.js';
import type { ChoiceCheck } from '../../src/core/content/schema.js';
import { cardToText } from '../../src/views/text.js';
import { makeWorld, member, type World } from '../helpers/world.js';

let w: World;
beforeEach(() => {
  w = makeWorld();
});
afterEach(() => w.close());

const accuracy = async () =>
  Object.fromEntries(
    (await teamReport(w.store, w.catalog, 'slack:T1', w.now)).concepts.map((c) => [
      c.conceptId,
      `${c.correct}/${c.total}`,
    ]),
  );
const attemptsOf = async (name: string) =>
  (await w.store.progress.attempts((await w.tutor.member(member(name))).id)).length;

/** Check 5 is a single-concept multiple choice: its right and a wrong option. */
async function choiceCheck() {
  const check = (await w.tutor.quiz(member('setup'), { number: 5 })).check as ChoiceCheck;
  const right = check.options.find((o) => o.correct)?.id ?? '';
  const wrong = check.options.find((o) => !o.correct)?.id ?? '';
  return { check, right, wrong };
}

describe('honest figures: check cards are issued by the server and bound to their member', () => {
  it('refuses 1,000 forged nonces: nothing recorded, the team accuracy unchanged', async () => {
    const { check, right, wrong } = await choiceCheck();
    const ada = member('ada');
    const shown = await w.tutor.quiz(ada, { checkId: check.id });
    expect(
      await w.tutor.answer(ada, {
        checkId: check.id,
        nonce: shown.nonce ?? '',
        answer: { kind: 'choice', optionId: wrong },
      }),
    ).toMatchObject({ ok: true, recorded: true });
    const before = await accuracy();
    for (let i = 0; i < 1000; i++) {
      const r = await w.tutor.answer(ada, {
        checkId: check.id,
        nonce: `forged-${i}`,
        answer: { kind: 'choice', optionId: right },
      });
      expect(r.ok).toBe(false);
    }
    expect(await accuracy()).toEqual(before);
    expect(await attemptsOf('ada')).toBe(1);
  });

  it('refuses a forged nonce with a fresh card of the member’s own, which then counts', async () => {
    const { check, right } = await choiceCheck();
    const ada = member('ada');
    const refused = await w.tutor.answer(ada, {
      checkId: check.id,
      nonce: 'made-up',
      answer: { kind: 'choice', optionId: right },
    });
    expect(refused).toMatchObject({ ok: false, code: 'card_not_yours' });
    expect(cardToText(refused.card)).toContain('This check card has expired — here is a fresh one');
    expect(cardToText(refused.card)).toContain(check.question);
    const fresh = refused.card.blocks.flatMap((b) => (b.kind === 'actions' ? b.buttons : [])).find((b) => b.value.nonce)
      ?.value.nonce;
    expect(fresh).toBeTruthy();
    expect(
      await w.tutor.answer(ada, {
        checkId: check.id,
        nonce: String(fresh),
        answer: { kind: 'choice', optionId: right },
      }),
    ).toMatchObject({ ok: true, recorded: true });
  });

  it('refuses a card issued to member A when member B answers on it; A can still answer it', async () => {
    const { check, right } = await choiceCheck();
    const a = member('ada');
    const b = member('bo');
    const card = await w.tutor.quiz(a, { checkId: check.id });
    const byB = await w.tutor.answer(b, {
      checkId: check.id,
      nonce: card.nonce ?? '',
      answer: { kind: 'choice', optionId: right },
    });
    expect(byB).toMatchObject({ ok: false, code: 'card_not_yours' });
    expect(await attemptsOf('bo')).toBe(0);
    const byA = await w.tutor.answer(a, {
      checkId: check.id,
      nonce: card.nonce ?? '',
      answer: { kind: 'choice', optionId: right },
    });
    expect(byA).toMatchObject({ ok: true, recorded: true });
  });

  it('refuses a nonce issued for another check', async () => {
    const { check, right } = await choiceCheck();
    const ada = member('ada');
    const other = await w.tutor.quiz(ada, { number: 6 });
    expect(other.check?.id).not.toBe(check.id);
    const r = await w.tutor.answer(ada, {
      checkId: check.id,
      nonce: other.nonce ?? '',
      answer: { kind: 'choice', optionId: right },
    });
    expect(r).toMatchObject({ ok: false, code: 'card_not_yours' });
    expect(await attemptsOf('ada')).toBe(0);
  });

  it('counts a member’s first attempt per check in the team accuracy; a retry counts only for their own standing', async () => {
    const { check, right, wrong } = await choiceCheck();
    const ada = member('ada');
    const concept = check.concepts[0] ?? '';
    const answerOn = async (optionId: string) => {
      const card = await w.tutor.quiz(ada, { checkId: check.id });
      return w.tutor.answer(ada, { checkId: check.id, nonce: card.nonce ?? '', answer: { kind: 'choice', optionId } });
    };
    expect(await answerOn(wrong)).toMatchObject({ ok: true, recorded: true });
    expect(await answerOn(right)).toMatchObject({ ok: true, recorded: true });
    expect(await answerOn(right)).toMatchObject({ ok: true, recorded: true });
    expect(await attemptsOf('ada')).toBe(3);
    expect((await accuracy())[concept]).toBe('0/1');
    // The member's own standing still counts the later right answer.
    const row = (await teamReport(w.store, w.catalog, 'slack:T1', w.now)).members.find((m) => m.name === 'ada');
    expect(row?.checks[check.id]).toBe('passed');
  });
});

describe('a check card gives nothing away', () => {
  it('carries the nonce as generated, nothing more: where the right option sits stays on the server', async () => {
    for (let i = 0; i < 20; i++) {
      const shown = await w.tutor.quiz(member(`m${i}`), { number: 2 });
      expect(shown.nonce).toMatch(/^nonce-\d+$/);
      const values = shown.card.blocks.flatMap((b) => (b.kind === 'actions' ? b.buttons.map((x) => x.value) : []));
      for (const v of values) expect(Object.keys(v).sort()).toEqual(['check', 'nonce', 'option']);
    }
  });
});

describe('display names', () => {
  it('are kept without terminal escapes or direction overrides, on one line', async () => {
    const m = await w.tutor.member({ ...member('eve'), displayName: 'Eve\u001b[2J\u202eRTL\nnext\u0000' });
    // The escape character goes; what it would have started is left as harmless text.
    expect(m.displayName).toBe('Eve[2JRTL next');
  });
});
