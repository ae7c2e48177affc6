/**
 * What a member's personal daily DM says, once for every platform: the next lesson with its check,
 * else a concept due for review, else "you have finished the chapter" (and the schedule stops). The
 * runner asks for the decision once per delivery and keeps it in the ledger, so a worker that takes
 * over after a crash sends the same lesson; the read is recorded only once the platform accepted the
 * DM, and it does not count as a day the member was active (they have not opened anything yet).
 */
import { nextLesson } from '../core/content/catalog.js';
import { checkForLesson } from '../core/content/routing.js';
import { dueReviews } from '../core/learning/review.js';
import type { PersonalComposer } from '../scheduler/types.js';
import type { RunnableSchedule, Store } from '../store/index.js';
import type { Card } from '../views/card.js';
import { noticeCard } from '../views/notice.js';
import { chapterFinishedCard, personalLessonCard, personalReviewCard, reminderCard } from '../views/personal.js';
import type { MemberRef, Tutor } from './tutor.js';

export type PersonalContent =
  | { readonly kind: 'lesson'; readonly lessonId: string; readonly checkId?: string }
  | { readonly kind: 'review'; readonly checkId: string }
  | { readonly kind: 'finished' }
  | { readonly kind: 'reminder'; readonly checkId?: string };

const isContent = (c: unknown): c is PersonalContent =>
  typeof c === 'object' && c !== null && typeof (c as { kind?: unknown }).kind === 'string';

export interface PersonalDeps {
  readonly tutor: Tutor;
  readonly store: Store;
  readonly now: () => number;
  /** How the member turns reminders off on their platform, e.g. "`/tutor daily me reminders off`". */
  readonly reminderOffHint?: string;
}

const refOf = (s: RunnableSchedule): MemberRef => ({
  workspaceId: s.workspaceId,
  platform: s.platform,
  externalId: s.externalId,
});

/** The decision for today's lesson DM, from what the member has read and what is due. */
export async function decideLesson(deps: PersonalDeps, memberId: number): Promise<PersonalContent> {
  const { tutor, store, now } = deps;
  const catalog = tutor.catalog;
  const read = new Set((await store.progress.reads(memberId)).map((r) => r.lessonId));
  const lesson = nextLesson(catalog, read);
  if (lesson) {
    const attempts = await store.progress.attempts(memberId);
    const passed = new Set(attempts.filter((a) => a.correct).map((a) => a.checkId));
    // The check a lesson card offers: the first not yet passed of those that follow this lesson.
    const order = catalog.lessons.map((l) => l.id);
    const checkId = checkForLesson(order, catalog.checks, lesson.id, passed)?.id;
    return { kind: 'lesson', lessonId: lesson.id, ...(checkId ? { checkId } : {}) };
  }
  const due = dueReviews(await store.reviews.get(memberId), now())[0];
  const check = due && catalog.checks.find((c) => c.concepts.includes(due.conceptId));
  if (check) return { kind: 'review', checkId: check.id };
  return { kind: 'finished' };
}

/** A lesson's card is the same for every member (their check is added below it): made once. */
const lessonCards = new WeakMap<Tutor, Map<string, Card>>();
function lessonCardOf(tutor: Tutor, lessonId: string): Card | undefined {
  let cards = lessonCards.get(tutor);
  if (!cards) {
    cards = new Map();
    lessonCards.set(tutor, cards);
  }
  let card = cards.get(lessonId);
  if (!card) {
    const lesson = tutor.catalog.lesson(lessonId);
    if (!lesson) return undefined;
    card = tutor.cardForLesson(lesson, 'essentials');
    cards.set(lessonId, card);
  }
  return card;
}

export async function renderPersonal(deps: PersonalDeps, s: RunnableSchedule, content: unknown): Promise<Card> {
  const { tutor } = deps;
  const ref = refOf(s);
  // The check card of this member: an unanswered one already issued keeps its nonce.
  const checkCard = async (checkId: string | undefined) => {
    if (!checkId) return undefined;
    const outcome = await tutor.quiz(ref, { checkId });
    return outcome.ok ? outcome.card : undefined;
  };
  if (!isContent(content)) return noticeCard('Daily lesson', 'Type `lesson` for your next lesson.');
  switch (content.kind) {
    case 'lesson': {
      const lesson = lessonCardOf(tutor, content.lessonId);
      if (!lesson) return noticeCard('Daily lesson', 'Type `lesson` for your next lesson.');
      return personalLessonCard(lesson, await checkCard(content.checkId));
    }
    case 'review': {
      const card = await checkCard(content.checkId);
      return card ? personalReviewCard(card) : noticeCard('Daily review', 'Type `review` for your next review.');
    }
    case 'finished':
      return chapterFinishedCard(tutor.catalog.chapters[0]?.meta.title ?? '', tutor.catalog.checks[0]?.id);
    case 'reminder':
      return reminderCard(
        await checkCard(content.checkId),
        deps.reminderOffHint ?? 'You can turn reminders off in your daily lesson settings.',
      );
  }
}

/** The composer the personal runner calls (see scheduler/types.ts). */
export function personalComposer(deps: PersonalDeps): PersonalComposer {
  return {
    decideLesson: (s) => decideLesson(deps, s.memberId),
    decideReminder(_s, lesson) {
      const checkId = isContent(lesson) && 'checkId' in lesson ? lesson.checkId : undefined;
      return { kind: 'reminder', ...(checkId ? { checkId } : {}) } satisfies PersonalContent;
    },
    render: (s, content) => renderPersonal(deps, s, content),
    async sent(s, content, at) {
      if (!isContent(content)) return;
      if (content.kind === 'lesson')
        await deps.store.progress.recordRead({
          memberId: s.memberId,
          lessonId: content.lessonId,
          mode: 'essentials',
          at,
        });
      if (content.kind === 'finished') await deps.store.personalSchedules.finish(s.memberId);
    },
  };
}
