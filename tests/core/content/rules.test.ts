import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/content/load.js';
import { defaultContentDir } from '../../../src/content/paths.js';
import type { ChapterInput } from '../../../src/core/content/catalog.js';
import {
  citationProblems,
  keyPositionProblems,
  routingProblems,
  storyInBriefProblems,
  teachingProblems,
} from '../../../src/core/content/rules.js';
import type { Check } from '../../../src/core/content/schema.js';

const chapter = loadCatalog(defaultContentDir()).chapters[0];
if (!chapter) throw new Error('the course has chapter 3');

/** The shipped chapter as the validator sees it, with `change` applied. */
function input(change: Partial<ChapterInput> = {}): ChapterInput {
  if (!chapter) throw new Error('no chapter');
  return {
    folder: chapter.folder,
    meta: chapter.meta,
    lessons: chapter.lessons.map((lesson) => ({ file: `lessons/${lesson.id}.yaml`, lesson })),
    checks: chapter.checks,
    glossary: chapter.glossary,
    resources: chapter.resources,
    facts: chapter.facts,
    files: { chapter: 'chapter.yaml', checks: 'checks.yaml', glossary: 'glossary.yaml', facts: 'facts.yaml' },
    ...change,
  };
}

const keyFirst = (c: Check): Check =>
  c.kind === 'choice' ? { ...c, options: [...c.options].sort((a, b) => Number(b.correct) - Number(a.correct)) } : c;

describe('teaching rules of `tutor content check`', () => {
  it('the shipped chapter passes them all', () => {
    expect(teachingProblems(input())).toEqual([]);
  });

  it('rejects answer keys written in the same position in every choice check', () => {
    const problems = keyPositionProblems(input({ checks: chapter.checks.map(keyFirst) }));
    expect(problems).toEqual([
      { file: 'checks.yaml', field: 'checks', message: expect.stringContaining('option 1 in every choice check') },
    ]);
  });

  it('rejects a sort quiz listed bucket by bucket', () => {
    const checks = chapter.checks.map((c) =>
      c.kind === 'sort' ? { ...c, items: [...c.items].sort((a, b) => a.answer.localeCompare(b.answer)) } : c,
    );
    const problems = keyPositionProblems(input({ checks }));
    expect(problems.map((p) => p.field)).toEqual(['checks.0.items', 'checks.5.items']);
  });

  it('rejects a lesson whose "Take the check" has nothing to open', () => {
    const checks = chapter.checks.filter((c) => c.id !== 'weights-during-inference');
    expect(routingProblems(input({ checks }))).toEqual([
      { file: 'lessons/3.2.yaml', field: 'id', message: expect.stringContaining('under 3.2 has no check') },
    ]);
  });

  it('rejects a citation that names no resource of the reading list, and accepts one that does', () => {
    const lessons = input().lessons.map((l) =>
      l.lesson.id === '3.4'
        ? {
            ...l,
            lesson: {
              ...l.lesson,
              depthNotes: [
                'Caching helps (economics article).',
                'Routing helps (see “The Big Book of Routing”).',
                'Both phases compared (see “Training vs. Inference”).',
              ],
            },
          }
        : l,
    );
    expect(citationProblems(input({ lessons }))).toEqual([
      { file: 'lessons/3.4.yaml', field: 'depthNotes.0', message: expect.stringContaining('"article"') },
      { file: 'lessons/3.4.yaml', field: 'depthNotes.1', message: expect.stringContaining('not in resources.yaml') },
    ]);
  });

  it('wants the story in brief in two or three sentences', () => {
    const lessons = input().lessons.map((l) =>
      l.lesson.id === '3.1' ? { ...l, lesson: { ...l.lesson, storyInBrief: 'One long sentence only.' } } : l,
    );
    expect(storyInBriefProblems(input({ lessons })).map((p) => p.file)).toEqual(['lessons/3.1.yaml']);
  });
});
