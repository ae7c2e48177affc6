/**
 * The tutor's use cases, shared by the terminal, Slack and Teams: each takes a member and a request
 * and returns a card (or an expected-outcome value). It is the only place that combines the pure core
 * with the store, so every surface behaves the same.
 */
import { randomInt } from 'node:crypto';
import { type Catalog, nextCheck, nextLesson } from '../core/content/catalog.js';
import type { Check, Lesson } from '../core/content/schema.js';
import { applyReviewResult, dueReviews, type ReviewItem } from '../core/learning/review.js';
import { computeStreak } from '../core/learning/streak.js';
import { type Answer, attemptKey, type Grade, grade } from '../core/quiz/grade.js';
import { openKeySlots, shownOrder } from '../core/quiz/order.js';
import { cleanName } from '../core/text/clean.js';
import { isValidTimeZone, localDay } from '../core/time/zoned.js';
import { storeFaultOf } from '../store/errors.js';
import type { Member, Store } from '../store/index.js';
import { HOT } from '../store/progress.js';
import type { Card } from '../views/card.js';
import { dailyPromptCard } from '../views/daily.js';
import { lessonCard, lessonViewFor, type ReadingMode } from '../views/lesson.js';
import { noticeCard } from '../views/notice.js';
import { progressCard } from '../views/progress.js';
import { checkCard, feedbackCard } from '../views/quiz.js';

export interface MemberRef {
  /** `slack:T123`, `teams:<tenant id>`, `cli:local` */
  readonly workspaceId: string;
  readonly platform: 'slack' | 'teams' | 'cli';
  readonly externalId: string;
  readonly displayName?: string;
  readonly email?: string;
  readonly timeZone?: string;
}

export interface TutorDeps {
  readonly catalog: Catalog;
  readonly store: Store;
  readonly now: () => number;
  /** A fresh, unguessable id for each check card (identifies one attempt); the store binds it to the member. */
  readonly nonce: () => string;
  /** A random whole number below n (default: node:crypto's randomInt); tests may fix it. */
  readonly random?: (n: number) => number;
}

/** A card to show, and whether the request was fulfilled (false: the card explains what was wrong). */
export interface CardOutcome {
  readonly ok: boolean;
  readonly card: Card;
  /** Set when the card asks a concept check. */
  readonly check?: Check;
  /** The card's nonce, issued to this member for this check: an answer must carry it. */
  readonly nonce?: string;
  /** The check in the order the card shows it (options or items), for a surface that prints it. */
  readonly shown?: Check;
}

export type AnswerOutcome =
  | { readonly ok: true; readonly card: Card; readonly grade: Grade; readonly recorded: boolean }
  | { readonly ok: false; readonly code: string; readonly card: Card };

const refusal = (code: string, title: string, text: string) => ({
  ok: false as const,
  code,
  card: noticeCard(title, text, 'bad'),
});

export class Tutor {
  constructor(private readonly deps: TutorDeps) {}

  get catalog(): Catalog {
    return this.deps.catalog;
  }

  /** Finds or creates the member (and their workspace); keeps name and time zone current. */
  async member(ref: MemberRef): Promise<Member> {
    const { store } = this.deps;
    const timeZone = ref.timeZone && isValidTimeZone(ref.timeZone) ? ref.timeZone : undefined;
    // A known member with nothing new is only read: no write lock, so lessons and progress are still
    // served while another process holds the lock or the disk is full.
    const known = await store.members.byExternal(ref.workspaceId, ref.externalId);
    if (
      known &&
      (!ref.displayName || ref.displayName === known.displayName) &&
      (!ref.email || ref.email === known.email) &&
      (!timeZone || timeZone === known.timeZone)
    )
      return known;
    await store.workspaces.ensure({ id: ref.workspaceId, platform: ref.platform });
    return store.members.ensure({
      workspaceId: ref.workspaceId,
      externalId: ref.externalId,
      ...(ref.displayName && cleanName(ref.displayName) ? { displayName: cleanName(ref.displayName) } : {}),
      ...(ref.email ? { email: ref.email } : {}),
      ...(timeZone ? { timeZone } : {}),
    });
  }

  private today(member: Member): string {
    return localDay(this.deps.now(), member.timeZone);
  }

  private async readIds(member: Member): Promise<Set<string>> {
    return new Set((await this.deps.store.progress.reads(member.id)).map((r) => r.lessonId));
  }

  private async passedIds(member: Member): Promise<Set<string>> {
    const attempts = await this.deps.store.progress.attempts(member.id);
    return new Set(attempts.filter((a) => a.correct).map((a) => a.checkId));
  }

  /** A lesson card (the member's next one when no id is given); records the read. */
  async lesson(ref: MemberRef, request: { lessonId?: string; mode?: ReadingMode } = {}): Promise<CardOutcome> {
    const { catalog, store, now } = this.deps;
    const member = await this.member(ref);
    const lesson = request.lessonId
      ? catalog.lesson(request.lessonId)
      : (nextLesson(catalog, await this.readIds(member)) ?? catalog.lessons[0]);
    if (!lesson) {
      const ids = catalog.lessons.map((l) => l.id).join(', ');
      return refusal('unknown_lesson', 'No such lesson', `There is no lesson "${request.lessonId}". Lessons: ${ids}.`);
    }
    const mode = request.mode ?? 'essentials';
    try {
      await store.transaction(async () => {
        await store.progress.recordRead({ memberId: member.id, lessonId: lesson.id, mode, at: now() });
        await store.progress.markActive(member.id, this.today(member));
      }, HOT);
    } catch (error) {
      // The lesson is still worth showing when the read cannot be noted (lock held elsewhere, full
      // disk): the card claims nothing was saved, and only "next lesson" is less precise.
      if (!storeFaultOf(error)) throw error;
    }
    return { ok: true, card: this.cardForLesson(lesson, mode, await this.passedIds(member)) };
  }

  /**
   * A lesson's card, recording nothing: also what a daily prompt posts to a channel (no member, so
   * "Take the check" opens the lesson's own first check).
   */
  cardForLesson(lesson: Lesson, mode: ReadingMode, passedCheckIds: ReadonlySet<string> = new Set()): Card {
    const view = lessonViewFor(this.deps.catalog, lesson, mode, passedCheckIds);
    return view ? lessonCard(view) : noticeCard('No such lesson', `Lesson ${lesson.id} has no chapter.`, 'bad');
  }

  /** What the n-th daily prompt of a place posts (see views/daily.ts). */
  dailyPrompt(sequence: number): Card {
    return dailyPromptCard(this.deps.catalog, sequence);
  }

  private async checkByRequest(
    member: Member,
    request: { checkId?: string; number?: number },
  ): Promise<Check | undefined> {
    const { catalog } = this.deps;
    if (request.checkId) return catalog.check(request.checkId);
    if (request.number !== undefined) return catalog.checks[request.number - 1];
    return nextCheck(catalog, await this.passedIds(member)) ?? catalog.checks[0];
  }

  /** A concept check card: by id, by number (1-based), or the member's next open one. */
  quiz(ref: MemberRef, request: { checkId?: string; number?: number } = {}): Promise<CardOutcome> {
    // The member's row and the card's nonce commit together: one fsync.
    return this.deps.store.transaction(() => this.quizFor(ref, request));
  }

  private async quizFor(ref: MemberRef, request: { checkId?: string; number?: number }): Promise<CardOutcome> {
    const member = await this.member(ref);
    const check = await this.checkByRequest(member, request);
    const count = this.deps.catalog.checks.length;
    if (!check) {
      const asked = request.checkId ?? String(request.number);
      return refusal(
        'unknown_check',
        'No such check',
        `There is no check "${asked}". Checks are numbered 1 to ${count}.`,
      );
    }
    return { ok: true, ...(await this.issueCard(member, check)) };
  }

  /**
   * The member's card for this check: the one already shown and not yet answered, else a new one
   * with a fresh nonce, remembered as issued to this member for this check. A choice card's right
   * option goes to a position chosen here at random, kept on the server (openKeySlots), so neither a
   * fixed guess nor the card's own data gives the answer away.
   */
  private async issueCard(
    member: Member,
    check: Check,
  ): Promise<{ card: Card; check: Check; nonce: string; shown: Check }> {
    const { catalog, store } = this.deps;
    const position = catalog.checkNumber(check.id) ?? { number: 1, of: catalog.checks.length };
    const memberKey = `${member.workspaceId}:${member.externalId}`;
    const open = await store.checkCards.open(member.id, check.id, attemptKey(memberKey, check.id, ''));
    const nonce = open?.nonce ?? this.deps.nonce();
    let keySlot = open?.keySlot;
    if (!open) {
      if (check.kind === 'choice') {
        const first = !(await store.progress.attempts(member.id)).some((a) => a.checkId === check.id);
        const slots = first
          ? openKeySlots(await store.checkCards.firstKeySlots(member.id), check.options.length)
          : check.options.map((_, i) => i);
        keySlot = slots[this.random(slots.length)];
        await store.checkCards.issue({ nonce, memberId: member.id, checkId: check.id, keySlot, balanced: first });
      } else await store.checkCards.issue({ nonce, memberId: member.id, checkId: check.id });
    }
    return {
      card: checkCard(check, position, nonce, keySlot),
      check,
      nonce,
      shown: shownOrder(check, nonce, keySlot),
    };
  }

  private random(n: number): number {
    return (this.deps.random ?? randomInt)(n);
  }

  /**
   * An answer on a card the server never issued to this member for this check (forged, someone
   * else's, or forgotten): nothing is recorded, and the member gets a fresh card of their own.
   */
  private async foreignCard(ref: MemberRef, check: Check, someoneElses: boolean): Promise<AnswerOutcome> {
    const fresh = await this.deps.store.transaction(async () => this.issueCard(await this.member(ref), check));
    const note = someoneElses
      ? noticeCard(
          'That check card was shown to someone else — here is your own',
          'Nothing was recorded for either of you. Answer on this one.',
          'bad',
        )
      : noticeCard(
          'This check card has expired — here is a fresh one',
          'That card is too old or not one of mine. Nothing was recorded; answer on this one.',
          'bad',
        );
    return {
      ok: false,
      code: 'card_not_yours',
      card: { summary: note.summary, blocks: [...note.blocks, ...fresh.card.blocks] },
    };
  }

  /**
   * Grades and records an answer exactly once per (member, check, card nonce), and only on a card
   * the server issued to this member for this check. A repeat returns the first recorded result, so
   * double clicks, retried deliveries and stale cards never count twice.
   */
  async answer(ref: MemberRef, request: { checkId: string; nonce: string; answer: Answer }): Promise<AnswerOutcome> {
    const { catalog, store, now } = this.deps;
    const check = catalog.check(request.checkId);
    if (!check) return refusal('unknown_check', 'No such check', 'That check is not part of the course.');
    // Only a card the server issued to this member for this check may be answered.
    const issued = await store.checkCards.find(request.nonce);
    const owner = issued && (await store.members.byExternal(ref.workspaceId, ref.externalId));
    if (!issued || issued.checkId !== check.id) return this.foreignCard(ref, check, false);
    if (!owner || issued.memberId !== owner.id) return this.foreignCard(ref, check, true);
    const graded = grade(check, request.answer);
    if (!graded.ok) return refusal(graded.error.code, 'Not yet', graded.error.message);
    const at = now();
    const key = attemptKey(`${ref.workspaceId}:${ref.externalId}`, check.id, request.nonce);
    // A new member's row and their first answer commit together: one fsync, not two.
    const { member, stored } = await store.transaction(async () => {
      const member = await this.member(ref);
      const today = this.today(member);
      const result = await store.progress.recordAttempt({
        memberId: member.id,
        checkId: check.id,
        idempotencyKey: key,
        answers: request.answer,
        results: graded.grade,
        score: graded.grade.score,
        total: graded.grade.total,
        correct: graded.grade.correct,
        at,
        localDay: today,
        concepts: graded.grade.concepts,
      });
      if (result.recorded) {
        await this.updateReviews(member, graded.grade, { now: at, today, timeZone: member.timeZone });
        await store.progress.markActive(member.id, today);
      }
      return { member, stored: result };
    }, HOT);
    const shown = stored.recorded ? graded.grade : (stored.attempt.results as Grade);
    const passed = await this.passedIds(member);
    const next = nextCheck(catalog, new Set([...passed, check.id]));
    const card = feedbackCard({
      check,
      position: catalog.checkNumber(check.id) ?? { number: 1, of: catalog.checks.length },
      grade: shown,
      repeated: !stored.recorded,
      nextCheckId: next?.id,
      nextLessonId: nextLesson(catalog, await this.readIds(member))?.id,
    });
    return { ok: true, card, grade: shown, recorded: stored.recorded };
  }

  private async updateReviews(
    member: Member,
    g: Grade,
    clock: { now: number; today: string; timeZone: string },
  ): Promise<void> {
    const { store } = this.deps;
    const existing = new Map((await store.reviews.get(member.id)).map((r) => [r.conceptId, r] as const));
    for (const c of g.concepts) {
      const change = applyReviewResult(existing.get(c.conceptId), c.conceptId, c.correct === c.total, clock);
      if (change.action === 'upsert')
        await store.reviews.upsert({ memberId: member.id, ...change.item, updatedAt: clock.now });
      if (change.action === 'remove') await store.reviews.remove(member.id, change.conceptId);
    }
  }

  private async due(member: Member): Promise<ReviewItem[]> {
    return dueReviews(await this.deps.store.reviews.get(member.id), this.deps.now());
  }

  /** The check for the member's most overdue concept, or a note that nothing is due. */
  async review(ref: MemberRef): Promise<CardOutcome> {
    const member = await this.member(ref);
    const due = await this.due(member);
    const { catalog } = this.deps;
    const first = due[0];
    if (!first) {
      const queued = (await this.deps.store.reviews.get(member.id)).length;
      return {
        ok: true,
        card: noticeCard(
          'Nothing to review today',
          queued > 0
            ? `${queued} concept${queued === 1 ? ' is' : 's are'} scheduled for later. Missed concepts come back after 1, 3 and 7 days.`
            : 'When you miss a concept in a check, it comes back here after 1, 3 and 7 days.',
          'good',
        ),
      };
    }
    const check = catalog.checks.find((c) => c.concepts.includes(first.conceptId));
    if (!check)
      return { ok: true, card: noticeCard('Review', `Concept ${catalog.conceptName(first.conceptId)} is due.`) };
    return this.quiz(ref, { checkId: check.id });
  }

  /** The member's own progress: lessons, checks, streak and due reviews. */
  async progress(ref: MemberRef): Promise<CardOutcome> {
    const { catalog, store } = this.deps;
    const member = await this.member(ref);
    const read = await this.readIds(member);
    const attempts = await store.progress.attempts(member.id);
    const status = new Map<string, 'passed' | 'attempted'>();
    for (const a of attempts)
      if (status.get(a.checkId) !== 'passed') status.set(a.checkId, a.correct ? 'passed' : 'attempted');
    const next = nextLesson(catalog, read);
    const card = progressCard({
      name: member.displayName || ref.externalId,
      lessonsRead: catalog.lessons.filter((l) => read.has(l.id)).length,
      lessonsTotal: catalog.lessons.length,
      checksPassed: [...status.values()].filter((s) => s === 'passed').length,
      checksDone: status.size,
      checksTotal: catalog.checks.length,
      streak: computeStreak(await store.progress.activeDays(member.id), this.today(member)),
      dueReviews: (await this.due(member)).map((r) => catalog.conceptName(r.conceptId)),
      nextLesson: next ? { id: next.id, title: next.title } : undefined,
      checks: catalog.checks.map((c, i) => ({ title: `${i + 1}. ${c.title}`, status: status.get(c.id) ?? 'open' })),
    });
    return { ok: true, card };
  }
}
