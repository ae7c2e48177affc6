import { type Catalog, type Chapter, lessonAfter } from '../core/content/catalog.js';
import { readingMinutes, wordCount } from '../core/content/reading.js';
import { checkForLesson } from '../core/content/routing.js';
import type { Fact, Lesson } from '../core/content/schema.js';
import { Actions } from './actions.js';
import { type Block, type Button, button, type Card, dialogButton } from './card.js';
import { workedExample } from './worked-example.js';

export type ReadingMode = 'essentials' | 'full';

export interface LessonView {
  readonly lesson: Lesson;
  readonly chapter: Chapter;
  readonly mode: ReadingMode;
  /** 1-based position in the chapter, for "Lesson 4 of 7". */
  readonly position: number;
  readonly facts: readonly Fact[];
  /** The check that fits this lesson and the member has not passed, offered as "Take the check". */
  readonly checkId?: string;
  readonly nextLessonId?: string;
  /** The worked example, already computed by the cost engine: the headline and its arithmetic. */
  readonly worked?: { readonly scenario: string; readonly point: string; readonly lines: readonly string[] };
  /** Show the chapter's own closing material (the PM lens, the case, further reading) with this lesson. */
  readonly withChapterClose: boolean;
}

/** A figure with its source and its nature, with no brackets inside brackets. */
const figure = (f: Fact) => `**${f.figure}**: ${f.statement} _Source: ${f.source.name}; ${f.nature}._`;

/** The chapter's close: the PM lens, the case and the takeaway, in essentials and in full. */
function chapterClose(chapter: Chapter): Block[] {
  const m = chapter.meta;
  return [
    { kind: 'divider' },
    { kind: 'text', text: `**As a PM**\n${m.pmLens}` },
    { kind: 'text', text: `**Case: ${m.caseStudy.title}**\n${m.caseStudy.body}` },
    { kind: 'text', text: `**The chapter in one line**\n${m.keyTakeaway}` },
  ];
}

function fullBlocks(v: LessonView): Block[] {
  const { lesson } = v;
  const blocks: Block[] = [{ kind: 'text', text: `**The story**\n${lesson.story}` }];
  if (lesson.depthNotes.length > 0)
    blocks.push({ kind: 'text', text: `**Going deeper**\n${lesson.depthNotes.map((n) => `• ${n}`).join('\n')}` });
  if (v.facts.length > 0)
    blocks.push({ kind: 'text', text: `**In numbers**\n${v.facts.map((f) => `• ${figure(f)}`).join('\n')}` });
  if (v.worked)
    blocks.push({
      kind: 'text',
      text: `**Worked example:** \`${v.worked.scenario}\`\n${v.worked.lines.join('\n')}\n${v.worked.point}`,
    });
  return blocks;
}

function readMore(chapter: Chapter): Block[] {
  if (chapter.resources.length === 0) return [];
  const lines = chapter.resources.map(
    (r) => `• ${r.url ? `[${r.title}](${r.url})` : `**${r.title}**`} (${r.site}, ${r.minutes} min): ${r.note}`,
  );
  return [{ kind: 'text', text: `**Read more**\n${lines.join('\n')}` }];
}

/** The words a reader reads: every title and text, not the buttons or the reading-time line. */
function shownWords(blocks: readonly Block[]): number {
  return blocks.reduce((n, b) => {
    if (b.kind === 'header') return n + wordCount(`${b.title} ${b.subtitle ?? ''}`);
    if (b.kind === 'text') return n + wordCount(b.text);
    return n;
  }, 0);
}

export function lessonCard(v: LessonView): Card {
  const { lesson, chapter } = v;
  const total = chapter.lessons.length;
  const buttons: Button[] = [];
  if (v.mode === 'essentials')
    buttons.push(button(Actions.openLesson, 'Read full', { lesson: lesson.id, mode: 'full' }));
  if (v.checkId) buttons.push(button(Actions.startCheck, 'Take the check', { check: v.checkId }, 'primary'));
  if (v.nextLessonId)
    buttons.push(button(Actions.openLesson, 'Next lesson', { lesson: v.nextLessonId, mode: 'essentials' }));
  buttons.push(dialogButton(Actions.explainLesson, 'Explain a sentence', { lesson: lesson.id }));
  const header: Block = { kind: 'header', title: `§${lesson.id} ${lesson.title}`, subtitle: lesson.subtitle };
  const body: Block[] = [
    ...(v.position === 1 ? [{ kind: 'text' as const, text: `_${chapter.meta.purpose}_` }] : []),
    { kind: 'text', text: `**Key takeaway**\n${lesson.keyTakeaway}` },
    { kind: 'text', text: `**Why this matters for you**\n${lesson.whyItMatters}` },
    ...(v.mode === 'full'
      ? fullBlocks(v)
      : [{ kind: 'text' as const, text: `**The story in brief**\n${lesson.storyInBrief}` }]),
    ...(v.withChapterClose ? chapterClose(chapter) : []),
    ...(v.withChapterClose && v.mode === 'full' ? readMore(chapter) : []),
  ];
  const minutes = readingMinutes(shownWords([header, ...body]));
  return {
    summary: `Lesson ${lesson.id}: ${lesson.title}`,
    blocks: [
      header,
      {
        kind: 'context',
        text: `${chapter.meta.title} · lesson ${v.position} of ${total} · ~${minutes} min read · ${v.mode === 'full' ? 'full' : 'essentials'}`,
      },
      ...body,
      ...(buttons.length > 0 ? [{ kind: 'actions' as const, buttons }] : []),
    ],
  };
}

/**
 * The view of a lesson as every surface shows it: its facts, its check, the next lesson, the worked
 * example in full mode, and the chapter's closing material with its last lesson.
 */
export function lessonViewFor(
  catalog: Catalog,
  lesson: Lesson,
  mode: ReadingMode,
  passedCheckIds: ReadonlySet<string> = new Set(),
): LessonView | undefined {
  const chapter = catalog.chapterOf(lesson.id);
  if (!chapter) return undefined;
  const worked = mode === 'full' ? workedExample(lesson) : undefined;
  const order = catalog.lessons.map((l) => l.id);
  const checkId = checkForLesson(order, catalog.checks, lesson.id, passedCheckIds)?.id;
  const nextLessonId = lessonAfter(catalog, lesson.id)?.id;
  return {
    lesson,
    chapter,
    mode,
    position: chapter.lessons.indexOf(lesson) + 1,
    facts: lesson.facts.flatMap((id) => catalog.fact(id) ?? []),
    ...(checkId ? { checkId } : {}),
    ...(nextLessonId ? { nextLessonId } : {}),
    ...(worked ? { worked } : {}),
    withChapterClose: chapter.lessons[chapter.lessons.length - 1]?.id === lesson.id,
  };
}
