/**
 * Every card the app can show, built from the real course content with the real view builders, so
 * the renderer is tested on what Slack will actually receive (not on hand-made samples).
 */

import { loadCatalog } from '../../../src/content/load.js';
import { defaultContentDir } from '../../../src/content/paths.js';
import type { Check, Lesson } from '../../../src/core/content/schema.js';
import { type Answer, grade } from '../../../src/core/quiz/grade.js';
import { SURFACES } from '../../../src/views/actions.js';
import type { Card } from '../../../src/views/card.js';
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

export const catalog = loadCatalog(defaultContentDir());
const NONCE = 'n-0123456789abcdef';
const position = (check: Check) => catalog.checkNumber(check.id) ?? { number: 1, of: catalog.checks.length };

/** As every surface builds them; `closeEverywhere` adds the chapter close to every lesson (the worst case). */
function lesson(l: Lesson, mode: ReadingMode, closeEverywhere = false): Card {
  const view = lessonViewFor(catalog, l, mode);
  if (!view) throw new Error(`lesson ${l.id} has no chapter`);
  return lessonCard({ ...view, withChapterClose: closeEverywhere || view.withChapterClose });
}

export const lessonCards = (): NamedCard[] =>
  catalog.lessons.flatMap((l) => [
    { name: `lesson ${l.id} essentials`, card: lesson(l, 'essentials') },
    { name: `lesson ${l.id} full`, card: lesson(l, 'full') },
    { name: `lesson ${l.id} full with chapter close`, card: lesson(l, 'full', true) },
  ]);

export const checkCards = (): NamedCard[] =>
  catalog.checks.map((c) => ({ name: `check ${c.id}`, card: checkCard(c, position(c), NONCE) }));

/** Answers covering every result: each option of a choice check; all right, all wrong, mixed sorts. */
function answers(check: Check): [string, Answer][] {
  if (check.kind === 'choice') return check.options.map((o) => [o.id, { kind: 'choice', optionId: o.id }]);
  const wrong = (answer: string) => check.categories.find((c) => c.id !== answer)?.id ?? answer;
  const place = (pick: (answer: string, i: number) => string): Answer => ({
    kind: 'sort',
    placements: Object.fromEntries(check.items.map((item, i) => [item.id, pick(item.answer, i)])),
  });
  return [
    ['all right', place((a) => a)],
    ['all wrong', place((a) => wrong(a))],
    ['mixed', place((a, i) => (i % 2 === 0 ? a : wrong(a)))],
  ];
}

export const feedbackCards = (): NamedCard[] =>
  catalog.checks.flatMap((check, i) =>
    answers(check).map(([label, answer]) => {
      const graded = grade(check, answer);
      if (!graded.ok) throw new Error(`${check.id} ${label}: ${graded.error.message}`);
      const card = feedbackCard({
        check,
        position: position(check),
        grade: graded.grade,
        repeated: i % 2 === 1,
        nextCheckId: catalog.checks[i + 1]?.id,
        nextLessonId: catalog.lessons[i % catalog.lessons.length]?.id,
      });
      return { name: `feedback ${check.id} ${label}`, card };
    }),
  );

const NOW = Date.parse('2026-11-21T10:00:00Z');
const ZONES = ['Europe/Berlin', 'America/Los_Angeles', 'Asia/Tokyo', 'Pacific/Chatham'];
/** A long, awkward name: accents, an emoji, and markup characters that must stay literal. */
const longName = (i: number) =>
  `Maximiliane-Théodora ${i} Featherstonehaugh-Wolfeschlegelsteinhausen <@U${i}> & _team_ 🚀 (Platform Engineering)`;

export const teamReport = (size: number) => sampleTeamReport(catalog, size, { now: NOW, zones: ZONES, name: longName });

export const reportCards = (): NamedCard[] =>
  [0, 1, 50, 500].flatMap((size) => {
    const report = teamReport(size);
    return [
      { name: `report ${size} members`, card: reportCard(report, { maxRows: 25, showScores: false }) },
      {
        name: `report ${size} members, every row, scores`,
        card: reportCard(report, { maxRows: 500, showScores: true }),
      },
    ];
  });

export function progressCards(): NamedCard[] {
  const concepts = catalog.chapters.flatMap((c) => c.meta.concepts.map((k) => k.name));
  const base = {
    name: longName(7),
    lessonsTotal: catalog.lessons.length,
    checksTotal: catalog.checks.length,
    checks: catalog.checks.map((c, i) => ({ title: `${i + 1}. ${c.title}`, status: 'open' as const })),
  };
  const first = catalog.lessons[0];
  return [
    {
      name: 'progress: new member',
      card: progressCard({
        ...base,
        lessonsRead: 0,
        checksPassed: 0,
        checksDone: 0,
        streak: { current: 0, longest: 0, activeToday: false },
        dueReviews: [],
        nextLesson: first && { id: first.id, title: first.title },
      }),
    },
    {
      name: 'progress: finished, every concept due',
      card: progressCard({
        ...base,
        lessonsRead: base.lessonsTotal,
        checksPassed: base.checksTotal - 1,
        checksDone: base.checksTotal,
        streak: { current: 12, longest: 40, activeToday: true },
        dueReviews: concepts,
        checks: base.checks.map((c, i) => ({ ...c, status: i === 0 ? 'attempted' : 'passed' })),
      }),
    },
  ];
}

export const noticeCards = (): NamedCard[] => [
  { name: 'help (slack)', card: helpCard(SURFACES.slack) },
  { name: 'notice: refusal', card: noticeCard('Managers only', 'Only managers see the team report.', 'bad') },
  {
    name: 'notice: hostile text',
    card: noticeCard('<!channel> hi', 'Ping <!here> & <https://evil.example|click>', 'attention'),
  },
];

export const allCards = (): NamedCard[] => [
  ...lessonCards(),
  ...checkCards(),
  ...feedbackCards(),
  ...reportCards(),
  ...progressCards(),
  ...noticeCards(),
];
