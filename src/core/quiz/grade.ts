import type { Check, ChoiceCheck, SortCheck } from '../content/schema.js';

export type Answer =
  | { readonly kind: 'choice'; readonly optionId: string }
  /** itemId → categoryId */
  | { readonly kind: 'sort'; readonly placements: Readonly<Record<string, string>> };

export interface ItemResult {
  readonly itemId: string;
  readonly text: string;
  readonly chosen: string;
  readonly chosenLabel: string;
  readonly answer: string;
  readonly answerLabel: string;
  readonly correct: boolean;
  readonly feedback: string;
}

export interface ConceptResult {
  readonly conceptId: string;
  readonly correct: number;
  readonly total: number;
}

export interface Grade {
  readonly checkId: string;
  readonly kind: Check['kind'];
  /** The whole check right (every item placed correctly, or the right option). */
  readonly correct: boolean;
  readonly score: number;
  readonly total: number;
  readonly items: readonly ItemResult[];
  readonly concepts: readonly ConceptResult[];
}

export type GradeError = {
  readonly code: 'wrong_kind' | 'unknown_option' | 'unknown_item' | 'unknown_category' | 'incomplete';
  readonly message: string;
  /** For `incomplete`: the items still to place, so the UI can point at them. */
  readonly missing?: readonly string[];
};

export type GradeResult =
  | { readonly ok: true; readonly grade: Grade }
  | { readonly ok: false; readonly error: GradeError };

const fail = (code: GradeError['code'], message: string, missing?: string[]): GradeResult => ({
  ok: false,
  error: missing ? { code, message, missing } : { code, message },
});

function conceptResults(check: Check, score: number, total: number): ConceptResult[] {
  return check.concepts.map((conceptId) => ({ conceptId, correct: score, total }));
}

function gradeChoice(check: ChoiceCheck, optionId: string): GradeResult {
  const chosen = check.options.find((o) => o.id === optionId);
  if (!chosen) return fail('unknown_option', `"${optionId}" is not one of the options of this check.`);
  const right = check.options.find((o) => o.correct) ?? chosen;
  const score = chosen.correct ? 1 : 0;
  return {
    ok: true,
    grade: {
      checkId: check.id,
      kind: 'choice',
      correct: chosen.correct,
      score,
      total: 1,
      items: [
        {
          itemId: 'answer',
          text: check.question,
          chosen: chosen.id,
          chosenLabel: chosen.text,
          answer: right.id,
          answerLabel: right.text,
          correct: chosen.correct,
          feedback: chosen.feedback,
        },
      ],
      concepts: conceptResults(check, score, 1),
    },
  };
}

function gradeSort(check: SortCheck, placements: Readonly<Record<string, string>>): GradeResult {
  const itemIds = new Set(check.items.map((i) => i.id));
  const stray = Object.keys(placements).find((id) => !itemIds.has(id));
  if (stray) return fail('unknown_item', `"${stray}" is not an item of this quiz.`);
  const labels = new Map(check.categories.map((c) => [c.id, c.label]));
  const missing = check.items.filter((i) => !placements[i.id]).map((i) => i.text);
  if (missing.length > 0) {
    const n = missing.length;
    return fail(
      'incomplete',
      `Place every item before submitting: ${n} item${n === 1 ? ' is' : 's are'} still open.`,
      missing,
    );
  }
  const items: ItemResult[] = [];
  for (const item of check.items) {
    const chosen = placements[item.id] ?? '';
    const chosenLabel = labels.get(chosen);
    if (chosenLabel === undefined) return fail('unknown_category', `"${chosen}" is not a category of this quiz.`);
    items.push({
      itemId: item.id,
      text: item.text,
      chosen,
      chosenLabel,
      answer: item.answer,
      answerLabel: labels.get(item.answer) ?? item.answer,
      correct: chosen === item.answer,
      feedback: item.feedback,
    });
  }
  const score = items.filter((i) => i.correct).length;
  return {
    ok: true,
    grade: {
      checkId: check.id,
      kind: 'sort',
      correct: score === items.length,
      score,
      total: items.length,
      items,
      concepts: conceptResults(check, score, items.length),
    },
  };
}

/** Grades an answer. A malformed answer is a value (like zod's safeParse), never an exception. */
export function grade(check: Check, answer: Answer): GradeResult {
  if (check.kind !== answer.kind) return fail('wrong_kind', `This check expects a ${check.kind} answer.`);
  return check.kind === 'choice' && answer.kind === 'choice'
    ? gradeChoice(check, answer.optionId)
    : gradeSort(check as SortCheck, (answer as Extract<Answer, { kind: 'sort' }>).placements);
}

/**
 * The identity of one attempt: the member, the check and the nonce of the card it was answered on.
 * A double click, a retried delivery or a click on a stale card carries the same nonce, so the
 * store keeps the first attempt only; a new card (Try again) gets a new nonce.
 */
export function attemptKey(memberKey: string, checkId: string, nonce: string): string {
  return `${memberKey}|${checkId}|${nonce}`;
}
