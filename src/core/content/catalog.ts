import type { ChapterInput, ContentProblem } from './input.js';
import { linkHosts, linkProblems } from './links.js';
import { checksOfferedFrom } from './routing.js';
import { teachingProblems } from './rules.js';
import type { ChapterMeta, Check, Course, Fact, GlossaryTerm, Lesson, Resource } from './schema.js';

export type { ChapterInput, ContentProblem } from './input.js';

export interface Chapter {
  readonly folder: string;
  readonly meta: ChapterMeta;
  readonly lessons: readonly Lesson[];
  readonly checks: readonly Check[];
  readonly glossary: readonly GlossaryTerm[];
  readonly resources: readonly Resource[];
  readonly facts: readonly Fact[];
}

export interface Catalog {
  readonly course: Course;
  readonly chapters: readonly Chapter[];
  /** Every lesson of the course in reading order. */
  readonly lessons: readonly Lesson[];
  /** Every check in course order; a check's number is its position in its chapter (1 of 9). */
  readonly checks: readonly Check[];
  lesson(id: string): Lesson | undefined;
  check(id: string): Check | undefined;
  chapterOf(lessonId: string): Chapter | undefined;
  /** Position of a check within its chapter: { number: 1, of: 9 }. */
  checkNumber(checkId: string): { readonly number: number; readonly of: number } | undefined;
  checksFor(lessonId: string): readonly Check[];
  conceptName(conceptId: string): string;
  fact(id: string): Fact | undefined;
}

export type CatalogResult =
  | { readonly ok: true; readonly catalog: Catalog }
  | { readonly ok: false; readonly problems: readonly ContentProblem[] };

/** Cross-reference checks zod cannot see inside one file. */
function crossCheck(ch: ChapterInput): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const add = (file: string, field: string, message: string) => problems.push({ file, field, message });
  const lessonIds = new Set<string>();
  for (const { file, lesson } of ch.lessons) {
    if (lessonIds.has(lesson.id)) add(file, 'id', `lesson ${lesson.id} is defined twice`);
    lessonIds.add(lesson.id);
    if (!lesson.id.startsWith(`${ch.meta.number}.`))
      add(file, 'id', `lesson ${lesson.id} does not belong to chapter ${ch.meta.number}`);
    const factIds = new Set(ch.facts.map((f) => f.id));
    lesson.facts.forEach((f, i) => {
      if (!factIds.has(f)) add(file, `facts.${i}`, `unknown fact "${f}" (not in facts.yaml)`);
    });
  }
  const conceptIds = new Set(ch.meta.concepts.map((c) => c.id));
  ch.meta.concepts.forEach((c, i) => {
    if (!lessonIds.has(c.lesson)) add(ch.files.chapter, `concepts.${i}.lesson`, `unknown lesson "${c.lesson}"`);
  });
  const checkIds = new Set<string>();
  ch.checks.forEach((check, i) => {
    const at = `checks.${i}`;
    if (checkIds.has(check.id)) add(ch.files.checks, `${at}.id`, `check "${check.id}" is defined twice`);
    checkIds.add(check.id);
    check.lessons.forEach((l, j) => {
      if (!lessonIds.has(l)) add(ch.files.checks, `${at}.lessons.${j}`, `unknown lesson "${l}"`);
    });
    check.concepts.forEach((c, j) => {
      if (!conceptIds.has(c))
        add(ch.files.checks, `${at}.concepts.${j}`, `unknown concept "${c}" (not in chapter.yaml)`);
    });
    if (check.kind === 'sort') {
      const categories = new Set(check.categories.map((c) => c.id));
      check.items.forEach((item, j) => {
        if (!categories.has(item.answer))
          add(ch.files.checks, `${at}.items.${j}.answer`, `"${item.answer}" is not one of the categories`);
      });
    }
  });
  for (const id of lessonIds) {
    if (!ch.checks.some((c) => c.lessons.includes(id)))
      add(ch.files.checks, 'checks', `lesson ${id} has no concept check; every lesson needs at least one`);
  }
  ch.glossary.forEach((t, i) => {
    if (t.lesson && !lessonIds.has(t.lesson))
      add(ch.files.glossary, `terms.${i}.lesson`, `unknown lesson "${t.lesson}"`);
  });
  return problems;
}

const byLessonId = (a: Lesson, b: Lesson) => {
  const [a1 = 0, a2 = 0] = a.id.split('.').map(Number);
  const [b1 = 0, b2 = 0] = b.id.split('.').map(Number);
  return a1 - b1 || a2 - b2;
};

/** Links in any chapter's files may only go to hosts some chapter's resources.yaml lists. */
function linkCheck(inputs: readonly ChapterInput[]): ContentProblem[] {
  const hosts = linkHosts(inputs.flatMap((c) => c.resources));
  return inputs.flatMap((ch) => [
    ...linkProblems(ch.files.chapter, ch.meta, hosts),
    ...ch.lessons.flatMap(({ file, lesson }) => linkProblems(file, lesson, hosts)),
    ...linkProblems(ch.files.checks, { checks: ch.checks }, hosts),
    ...linkProblems(ch.files.glossary, { terms: ch.glossary }, hosts),
    ...linkProblems(ch.files.facts, { facts: ch.facts }, hosts),
    ...linkProblems(ch.files.resources ?? `${ch.folder}/resources.yaml`, { resources: ch.resources }, hosts),
  ]);
}

export function buildCatalog(course: Course, inputs: readonly ChapterInput[]): CatalogResult {
  const problems = [...inputs.flatMap((c) => [...crossCheck(c), ...teachingProblems(c)]), ...linkCheck(inputs)];
  if (problems.length > 0) return { ok: false, problems };
  const chapters: Chapter[] = [...inputs]
    .sort((a, b) => a.meta.number - b.meta.number)
    .map((c) => ({
      folder: c.folder,
      meta: c.meta,
      lessons: c.lessons.map((l) => l.lesson).sort(byLessonId),
      checks: c.checks,
      glossary: c.glossary,
      resources: c.resources,
      facts: c.facts,
    }));
  const lessons = chapters.flatMap((c) => c.lessons);
  const checks = chapters.flatMap((c) => c.checks);
  const lessonMap = new Map(lessons.map((l) => [l.id, l]));
  const checkMap = new Map(checks.map((c) => [c.id, c]));
  const chapterByLesson = new Map(chapters.flatMap((c) => c.lessons.map((l) => [l.id, c] as const)));
  const numbers = new Map(
    chapters.flatMap((c) => c.checks.map((k, i) => [k.id, { number: i + 1, of: c.checks.length }] as const)),
  );
  const concepts = new Map(chapters.flatMap((c) => c.meta.concepts.map((k) => [k.id, k.name] as const)));
  const facts = new Map(chapters.flatMap((c) => c.facts.map((f) => [f.id, f] as const)));
  return {
    ok: true,
    catalog: {
      course,
      chapters,
      lessons,
      checks,
      lesson: (id) => lessonMap.get(id),
      check: (id) => checkMap.get(id),
      chapterOf: (id) => chapterByLesson.get(id),
      checkNumber: (id) => numbers.get(id),
      checksFor: (lessonId) => checks.filter((c) => c.lessons.includes(lessonId)),
      conceptName: (id) => concepts.get(id) ?? id,
      fact: (id) => facts.get(id),
    },
  };
}

/** The first lesson, in course order, that the member has not read; undefined when all are read. */
export function nextLesson(catalog: Catalog, readLessonIds: ReadonlySet<string>): Lesson | undefined {
  return catalog.lessons.find((l) => !readLessonIds.has(l.id));
}

/** The lesson after `lessonId` in course order. */
export function lessonAfter(catalog: Catalog, lessonId: string): Lesson | undefined {
  const i = catalog.lessons.findIndex((l) => l.id === lessonId);
  return i >= 0 ? catalog.lessons[i + 1] : undefined;
}

/** The first check the member has not yet answered correctly (attempted-but-missed counts as open). */
/**
 * The member's next check: the first not yet passed in the order lessons offer them (each from the
 * last lesson it covers), so a newcomer starts with §3.1's own check, not a sort that spans §3.5.
 */
export function nextCheck(catalog: Catalog, passedCheckIds: ReadonlySet<string>): Check | undefined {
  const order = catalog.lessons.map((l) => l.id);
  const inCourseOrder = order.flatMap((id) => checksOfferedFrom(order, catalog.checks, id));
  return inCourseOrder.find((c) => !passedCheckIds.has(c.id)) ?? catalog.checks.find((c) => !passedCheckIds.has(c.id));
}
