/**
 * The card gallery: every card the views (and the flows' own small cards) can produce, built from
 * the real course content with the real builders, named so a failing card says which one it is.
 * Both renderers' validity tests iterate over it (tests/slack/render, tests/teams/render), so a new
 * card is checked against Block Kit's limits and Adaptive Cards 1.5 by adding it here once.
 */
import { helpFor } from '../../src/app/chat/help.js';
import { reportRefusal } from '../../src/app/chat/manager.js';
import { dailyCard } from '../../src/app/daily.js';
import { lessonSentences } from '../../src/app/explain.js';
import { loadCatalog } from '../../src/content/load.js';
import { defaultContentDir } from '../../src/content/paths.js';
import type { Check, Lesson } from '../../src/core/content/schema.js';
import { EXAMPLES, estimate, MAX_LENGTH } from '../../src/core/cost/index.js';
import type { Explanation, FallbackReason } from '../../src/core/explain/types.js';
import { type Answer, grade } from '../../src/core/quiz/grade.js';
import type { Weekday } from '../../src/store/schedules.js';
import { SURFACES } from '../../src/views/actions.js';
import { type Card, mention, userText } from '../../src/views/card.js';
import { costCard, costErrorCard } from '../../src/views/cost.js';
import { dailyPromptCard } from '../../src/views/daily.js';
import { explainingCard, explanationCard, sentenceButtonsCard, sentencePickerCard } from '../../src/views/explain.js';
import { lessonCard, lessonViewFor, type ReadingMode } from '../../src/views/lesson.js';
import { helpCard, noticeCard } from '../../src/views/notice.js';
import { progressCard } from '../../src/views/progress.js';
import { checkCard, feedbackCard } from '../../src/views/quiz.js';
import { reportCard } from '../../src/views/report.js';
import { sampleTeamReport } from '../helpers/report-fixture.js';
import { HOSTILE, HOSTILE_LINES } from './hostile.js';

export interface NamedCard {
  readonly name: string;
  readonly card: Card;
}

export const catalog = loadCatalog(defaultContentDir());
const NONCE = 'n-0123456789abcdef';
const position = (check: Check) => catalog.checkNumber(check.id) ?? { number: 1, of: catalog.checks.length };
/** Someone's text with every trick in it, as a builder receives it. */
const hostile = userText(`${HOSTILE}\n${HOSTILE_LINES}`);

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

/** Every check in the catalog, choice and sort, as its own card. */
export const checkCards = (): NamedCard[] =>
  catalog.checks.map((c) => ({ name: `check ${c.id} (${c.kind})`, card: checkCard(c, position(c), NONCE) }));

/** Answers covering every result: each option of a choice check; all right, all wrong, mixed sorts. */
function answers(check: Check): [string, Answer][] {
  if (check.kind === 'choice') return check.options.map((o) => [`option ${o.id}`, { kind: 'choice', optionId: o.id }]);
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

/** Right, wrong and (for the first answer of each check) repeated feedback. */
export const feedbackCards = (): NamedCard[] =>
  catalog.checks.flatMap((check, i) =>
    answers(check).flatMap(([label, answer], j) => {
      const graded = grade(check, answer);
      if (!graded.ok) throw new Error(`${check.id} ${label}: ${graded.error.message}`);
      const card = (repeated: boolean) =>
        feedbackCard({
          check,
          position: position(check),
          grade: graded.grade,
          repeated,
          nextCheckId: catalog.checks[i + 1]?.id,
          nextLessonId: catalog.lessons[i % catalog.lessons.length]?.id,
        });
      const name = `feedback ${check.id} ${label}`;
      return j === 0
        ? [
            { name, card: card(false) },
            { name: `${name} repeated`, card: card(true) },
          ]
        : [{ name, card: card(false) }];
    }),
  );

const NOW = Date.parse('2026-11-21T10:00:00Z');
const ZONES = ['Europe/Berlin', 'America/Los_Angeles', 'Asia/Tokyo', 'Pacific/Chatham'];
/** A long, awkward name: accents, an emoji, and markup characters that must stay literal. */
const longName = (i: number) =>
  `Maximiliane-Théodora ${i} Featherstonehaugh-Wolfeschlegelsteinhausen <@U${i}> & _team_ 🚀 (Platform Engineering)`;

export const teamReport = (size: number) => sampleTeamReport(catalog, size, { now: NOW, zones: ZONES, name: longName });

/** The explanation figures a manager sees under the report. */
const EXPLANATIONS = { served: 1234, cacheHits: 987, apiCalls: 247, spendUsd: 0.4321, budgetUsd: 2 };
const FAILED = Array.from({ length: 12 }, (_, i) => ({
  target: i === 0 ? HOSTILE : `C0${i}ABC`,
  localDay: '2026-11-20',
  attempts: i + 1,
  lastError: i === 1 ? null : `not_in_channel ${i === 2 ? HOSTILE : ''}`.repeat(i === 3 ? 20 : 1),
}));

/** As the app sends them (25 rows, the Home tab 10): with and without scores, figures and failures. */
export const reportCards = (): NamedCard[] =>
  [0, 1, 50, 500].flatMap((size) => {
    const report = teamReport(size);
    return [
      { name: `report ${size} members`, card: reportCard(report, { maxRows: 25, showScores: false }) },
      {
        name: `report ${size} members, scores, explanation figures, failed deliveries`,
        card: reportCard(report, {
          maxRows: 25,
          showScores: true,
          explanations: EXPLANATIONS,
          failedDeliveries: FAILED,
        }),
      },
      { name: `report ${size} members, home tab`, card: reportCard(report, { maxRows: 10, showScores: false }) },
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

/** Cost answers for every example scenario, and the errors people will actually type. */
export const costCards = (): NamedCard[] =>
  [...Object.values(EXAMPLES), '', 'cost <scenario>', '1M queries/day', HOSTILE, 'x'.repeat(MAX_LENGTH + 1)].map(
    (text) => {
      const result = estimate(text);
      return {
        name: `cost ${result.ok ? '' : 'error '}"${text.slice(0, 40)}"`,
        card: result.ok ? costCard(result.breakdown) : costErrorCard(result.error),
      };
    },
  );

const REASONS: FallbackReason[] = ['no_key', 'timeout', 'error', 'malformed', 'budget', 'rate_limited', 'too_long'];
const terms = [
  { term: 'CapEx', definition: 'Money spent once, up front, on something that lasts.' },
  { term: 'OpEx', definition: 'Money spent again every month the thing runs.' },
];

/** Answers from each source, the picker in both forms, and the placeholder. */
export function explainCards(): NamedCard[] {
  const sentence = catalog.lessons[0]?.keyTakeaway ?? 'Inference is a variable cost.';
  const answer = (e: Partial<Explanation>): Explanation => ({
    text: 'Training is paid once; every answer afterwards costs a little again.',
    terms,
    lessonId: catalog.lessons[0]?.id,
    source: 'openai',
    model: 'gpt-4o-mini',
    ...e,
  });
  const sentences = lessonSentences({ catalog }, catalog.lessons[0]?.id ?? '');
  const long = Array.from({ length: 30 }, (_, i) => `Sentence ${i} ${'is quite long '.repeat(12)}${HOSTILE}`);
  return [
    { name: 'explain: from the model', card: explanationCard(answer({ analogy: 'Like buying a car.' }), sentence) },
    { name: 'explain: from the cache', card: explanationCard(answer({ source: 'cache' }), sentence) },
    ...REASONS.map((reason) => ({
      name: `explain: glossary, ${reason}`,
      card: explanationCard(answer({ source: 'glossary', reason, retryInMs: 1_800_000 }), sentence),
    })),
    {
      name: 'explain: hostile sentence and answer',
      card: explanationCard(
        answer({
          text: HOSTILE,
          analogy: HOSTILE_LINES,
          terms: [{ term: HOSTILE, definition: HOSTILE }],
          model: HOSTILE,
        }),
        `${HOSTILE} ${'x'.repeat(900)}`,
      ),
    },
    { name: 'explain: picker (select)', card: sentencePickerCard(sentences, { lesson: catalog.lessons[0]?.id ?? '' }) },
    { name: 'explain: picker (select), one sentence', card: sentencePickerCard([sentence]) },
    { name: 'explain: picker (select), long hostile sentences', card: sentencePickerCard(long) },
    { name: 'explain: picker (buttons)', card: sentenceButtonsCard(sentences) },
    { name: 'explain: picker (buttons), long hostile sentences', card: sentenceButtonsCard(long.slice(0, 10)) },
    { name: 'explain: placeholder', card: explainingCard() },
  ];
}

/** The n-th daily prompt for every n of a round: each lesson, then the chapter's checks. */
export const dailyPromptCards = (): NamedCard[] =>
  Array.from({ length: catalog.lessons.length + 1 }, (_, n) => ({
    name: `daily prompt ${n}`,
    card: dailyPromptCard(catalog, n),
  }));

const schedule = {
  id: 1,
  workspaceId: 'slack:T1',
  platform: 'slack' as const,
  target: 'C0123ABC',
  timeOfDay: '09:00',
  timeZone: 'Europe/Berlin',
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] as Weekday[],
  createdBy: 'U1',
  active: true,
  createdAt: NOW,
  updatedAt: NOW,
};

/** Notices, help on every surface, refusals, daily outcomes, and cards that carry mentions. */
export function noticeCards(): NamedCard[] {
  const place = mention.place('C0123ABC', 'general');
  const words = {
    off: (stopped: boolean) => (stopped ? `Daily lessons in ${place} are off.` : `${place} had no daily lessons.`),
    on: (when: string) =>
      `${place} gets the next lesson at ${when}. Ask ${mention.person('U42XYZ', 'Ada')} to change it.`,
  };
  return [
    ...Object.values(SURFACES).map((s) => ({ name: `help ${s.name}`, card: helpCard(s) })),
    ...Object.values(SURFACES).map((s) => ({
      name: `help ${s.name} after hostile text`,
      card: helpFor({ surface: s }, HOSTILE),
    })),
    ...Object.values(SURFACES).map((s) => ({ name: `report refusal ${s.name}`, card: reportRefusal({ surface: s }) })),
    {
      name: 'notice: refusal',
      card: noticeCard('No such lesson', 'There is no lesson "9.9". Lessons: 3.1, 3.2.', 'bad'),
    },
    { name: 'notice: good', card: noticeCard('Nothing to review today', 'Missed concepts come back later.', 'good') },
    {
      name: 'notice: attention',
      card: noticeCard('Heads up', 'Try `cost <scenario>`, e.g. `cost 1M queries`.', 'attention'),
    },
    { name: 'notice: plain', card: noticeCard('Review', 'Concept **Linear scaling** is due.') },
    { name: 'notice: hostile text', card: noticeCard(userText('<!channel> hi'), hostile, 'attention') },
    { name: 'daily: not yours', card: dailyCard({ kind: 'not-yours' }, words) },
    { name: 'daily: cap reached', card: dailyCard({ kind: 'cap-reached' }, words) },
    { name: 'daily: off', card: dailyCard({ kind: 'off', stopped: true }, words) },
    { name: 'daily: was not on', card: dailyCard({ kind: 'off', stopped: false }, words) },
    { name: 'daily: on, with mentions', card: dailyCard({ kind: 'on', schedule }, words) },
    {
      name: 'mentions with hostile names and ids no platform knows',
      card: noticeCard(
        `Lessons in ${mention.place('19:abc@thread.tacv2', HOSTILE)}`,
        `${mention.person('not an id', HOSTILE)} set up ${mention.place('C0123ABC', HOSTILE)}.\n${hostile}`,
      ),
    },
  ];
}

export const allCards = (): NamedCard[] => [
  ...lessonCards(),
  ...checkCards(),
  ...feedbackCards(),
  ...reportCards(),
  ...progressCards(),
  ...costCards(),
  ...explainCards(),
  ...dailyPromptCards(),
  ...noticeCards(),
];
