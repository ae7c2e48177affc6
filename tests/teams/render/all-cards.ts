/**
 * Every card the app can render, built from the real course content the way src/app builds them,
 * with names so a failing card says which one it is.
 */
import type { Catalog } from '../../../src/core/content/catalog.js';
import type { Check } from '../../../src/core/content/schema.js';
import { EXAMPLES, estimate, MAX_LENGTH } from '../../../src/core/cost/index.js';
import { type Answer, grade } from '../../../src/core/quiz/grade.js';
import { SURFACES } from '../../../src/views/actions.js';
import type { Card } from '../../../src/views/card.js';
import { costCard, costErrorCard } from '../../../src/views/cost.js';
import { lessonCard, lessonViewFor, type ReadingMode } from '../../../src/views/lesson.js';
import { helpCard, noticeCard } from '../../../src/views/notice.js';
import { progressCard } from '../../../src/views/progress.js';
import { checkCard, feedbackCard } from '../../../src/views/quiz.js';
import { reportCard } from '../../../src/views/report.js';
import { sampleTeamReport } from '../../helpers/report-fixture.js';

export interface NamedCard {
  readonly name: string;
  readonly card: Card;
}

export function lessonCards(catalog: Catalog): NamedCard[] {
  return catalog.lessons.flatMap((lesson) =>
    (['essentials', 'full'] as ReadingMode[]).map((mode) => {
      const view = lessonViewFor(catalog, lesson, mode);
      if (!view) throw new Error(`lesson ${lesson.id} has no chapter`);
      return { name: `lesson ${lesson.id} ${mode}`, card: lessonCard(view) };
    }),
  );
}

const position = (catalog: Catalog, check: Check) =>
  catalog.checkNumber(check.id) ?? { number: 1, of: catalog.checks.length };

export function checkCards(catalog: Catalog): NamedCard[] {
  return catalog.checks.map((check) => ({
    name: `check ${check.id}`,
    card: checkCard(check, position(catalog, check), 'nonce-0123456789abcdef'),
  }));
}

/** Answers worth showing: right, wrong, and for sort quizzes a mix. */
function answers(check: Check): [string, Answer][] {
  if (check.kind === 'choice')
    return check.options.map((o) => [`option ${o.id}`, { kind: 'choice', optionId: o.id }] as [string, Answer]);
  const other = (answer: string) => check.categories.find((c) => c.id !== answer)?.id ?? answer;
  const place = (wrong: (i: number) => boolean): Answer => ({
    kind: 'sort',
    placements: Object.fromEntries(check.items.map((it, i) => [it.id, wrong(i) ? other(it.answer) : it.answer])),
  });
  return [
    ['all right', place(() => false)],
    ['all wrong', place(() => true)],
    ['half wrong', place((i) => i % 2 === 0)],
  ];
}

export function feedbackCards(catalog: Catalog): NamedCard[] {
  return catalog.checks.flatMap((check, n) =>
    answers(check).map(([label, answer], i) => {
      const result = grade(check, answer);
      if (!result.ok) throw new Error(`${check.id} ${label}: ${result.error.message}`);
      return {
        name: `feedback ${check.id} ${label}`,
        card: feedbackCard({
          check,
          position: position(catalog, check),
          grade: result.grade,
          repeated: i === 1,
          nextCheckId: catalog.checks[n + 1]?.id,
          nextLessonId: catalog.lessons[n % catalog.lessons.length]?.id,
        }),
      };
    }),
  );
}

export function progressCards(catalog: Catalog): NamedCard[] {
  const checks = catalog.checks.map((c, i) => ({ title: `${i + 1}. ${c.title}`, status: 'open' as const }));
  const base = {
    name: 'Ada Lovelace',
    lessonsTotal: catalog.lessons.length,
    checksTotal: catalog.checks.length,
  };
  const first = catalog.lessons[0];
  return [
    {
      name: 'progress new member',
      card: progressCard({
        ...base,
        lessonsRead: 0,
        checksPassed: 0,
        checksDone: 0,
        streak: { current: 0, longest: 0, activeToday: false },
        dueReviews: [],
        nextLesson: first && { id: first.id, title: first.title },
        checks,
      }),
    },
    {
      name: 'progress all done, reviews due',
      card: progressCard({
        ...base,
        name: 'a_very_long-display.name <with brackets>',
        lessonsRead: catalog.lessons.length,
        checksPassed: catalog.checks.length - 1,
        checksDone: catalog.checks.length,
        streak: { current: 12, longest: 30, activeToday: false },
        dueReviews: ['Training is CapEx', 'Inference is OpEx', 'Linear scaling'],
        checks: checks.map((c, i) => ({ ...c, status: i === 0 ? 'attempted' : 'passed' })),
      }),
    },
  ];
}

const NOW = Date.parse('2026-03-10T09:00:00Z');
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'];

/** A team of `size` members with a deterministic spread of reads and attempts. */
export const teamReport = (catalog: Catalog, size: number) =>
  sampleTeamReport(catalog, size, {
    now: NOW,
    zones: ZONES,
    name: (i) => `Member ${String(i).padStart(3, '0')} Zoë Müller-Łukasiewicz`,
  });

export function reportCards(catalog: Catalog): NamedCard[] {
  return [0, 1, 50, 500].flatMap((size) =>
    [true, false].map((showScores) => ({
      name: `report ${size} members${showScores ? ' with scores' : ''}`,
      card: reportCard(teamReport(catalog, size), { maxRows: 25, showScores }),
    })),
  );
}

export function noticeCards(): NamedCard[] {
  return [
    ...Object.values(SURFACES).map((s) => ({ name: `help ${s.name}`, card: helpCard(s) })),
    {
      name: 'notice refusal',
      card: noticeCard('No such lesson', 'There is no lesson "9.9". Lessons: 3.1, 3.2.', 'bad'),
    },
    { name: 'notice good', card: noticeCard('Nothing to review today', 'Missed concepts come back later.', 'good') },
    {
      name: 'notice attention',
      card: noticeCard('Heads up', 'Try `cost <scenario>`, e.g. `cost 1M queries`.', 'attention'),
    },
    { name: 'notice plain', card: noticeCard('Review', 'Concept **Linear scaling** is due.') },
  ];
}

/** Cost answers for every example scenario, and the errors people will actually type. */
export function costCards(): NamedCard[] {
  const inputs = [...Object.values(EXAMPLES), '', 'cost <scenario>', '1M queries/day', 'x'.repeat(MAX_LENGTH + 1)];
  return inputs.map((text) => {
    const result = estimate(text);
    return {
      name: `cost ${result.ok ? '' : 'error '}"${text.slice(0, 40)}"`,
      card: result.ok ? costCard(result.breakdown) : costErrorCard(result.error),
    };
  });
}

export function allCards(catalog: Catalog): NamedCard[] {
  return [
    ...lessonCards(catalog),
    ...checkCards(catalog),
    ...feedbackCards(catalog),
    ...progressCards(catalog),
    ...reportCards(catalog),
    ...noticeCards(),
    ...costCards(),
  ];
}
