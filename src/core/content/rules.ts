/**
 * Teaching rules the schemas cannot express: they keep the course measuring learning (answer keys
 * not always in one place), routing that fits (a lesson's check never reaches ahead of it) and
 * sources a learner can open. Each rule is its own function returning problems.
 */
import type { ChapterInput, ContentProblem } from './input.js';
import { checksOfferedFrom } from './routing.js';

const byLessonId = (a: string, b: string) => {
  const [a1 = 0, a2 = 0] = a.split('.').map(Number);
  const [b1 = 0, b2 = 0] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
};

/** A guesser must not pass by always picking one position, nor a sort by keeping buckets in blocks. */
export function keyPositionProblems(ch: ChapterInput): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const keys = ch.checks.flatMap((c, i) =>
    c.kind === 'choice' ? [{ i, at: c.options.findIndex((o) => o.correct) }] : [],
  );
  const first = keys[0];
  if (keys.length > 1 && first && keys.every((k) => k.at === first.at))
    problems.push({
      file: ch.files.checks,
      field: 'checks',
      message: `the right answer is option ${first.at + 1} in every choice check; vary where the key is written`,
    });
  ch.checks.forEach((c, i) => {
    if (c.kind !== 'sort' || c.categories.length < 2) return;
    const runs = c.items.filter((item, j) => j === 0 || c.items[j - 1]?.answer !== item.answer).length;
    if (runs <= c.categories.length)
      problems.push({
        file: ch.files.checks,
        field: `checks.${i}.items`,
        message: `the items are listed bucket by bucket; interleave them so their order gives nothing away`,
      });
  });
  return problems;
}

/** "Take the check" under a lesson must open a check on lessons already reached, and must open one. */
export function routingProblems(ch: ChapterInput): ContentProblem[] {
  const order = ch.lessons.map((l) => l.lesson.id).sort(byLessonId);
  return ch.lessons.flatMap(({ file, lesson }) => {
    const offered = checksOfferedFrom(order, ch.checks, lesson.id);
    if (offered.length === 0)
      return [{ file, field: 'id', message: `"Take the check" under ${lesson.id} has no check to open` }];
    const at = order.indexOf(lesson.id);
    return offered.flatMap((check) => {
      const ahead = check.lessons.filter((l) => order.indexOf(l) > at);
      return ahead.length > 0
        ? [
            {
              file,
              field: 'id',
              message: `"Take the check" under ${lesson.id} would open "${check.id}", which covers lessons not yet reached (${ahead.join(', ')})`,
            },
          ]
        : [];
    });
  });
}

/** Words that point at a source document rather than at something a learner can open. */
const SOURCE_WORDS = /\b(article|primer|comparison page|concepts card|report|white ?paper|blog post)\b/i;
const CITATION = /\(see “([^”]+)”[^()]*\)/g;

/**
 * Lesson prose cites only resources of the reading list, written `(see “Title”)`; any other
 * pointer to a source document names nothing the learner can open.
 */
export function citationProblems(ch: ChapterInput): ContentProblem[] {
  const titles = ch.resources.flatMap((r) => [r.title, r.title.replace(/\s*\(.*\)$/, '')]);
  return ch.lessons.flatMap(({ file, lesson }) => {
    const fields: [string, string][] = [
      ['keyTakeaway', lesson.keyTakeaway],
      ['whyItMatters', lesson.whyItMatters],
      ['storyInBrief', lesson.storyInBrief],
      ['story', lesson.story],
      ...lesson.depthNotes.map((n, i): [string, string] => [`depthNotes.${i}`, n]),
    ];
    return fields.flatMap(([field, text]) => {
      const out: ContentProblem[] = [];
      for (const m of text.matchAll(CITATION))
        if (!titles.includes(m[1] ?? ''))
          out.push({ file, field, message: `cites “${m[1]}”, which is not in resources.yaml` });
      const rest = text.replace(CITATION, '');
      const bare = rest.match(SOURCE_WORDS);
      if (bare)
        out.push({
          file,
          field,
          message: `refers to a source ("${bare[0]}") a learner cannot open; cite a resource as (see “Title”) or drop it`,
        });
      return out;
    });
  });
}

/** The story in brief is what essentials show of the story: two or three sentences. */
export function storyInBriefProblems(ch: ChapterInput): ContentProblem[] {
  return ch.lessons.flatMap(({ file, lesson }) => {
    const n = lesson.storyInBrief.split(/(?<=[.!?])\s+(?=\S)/).length;
    return n >= 2 && n <= 3
      ? []
      : [{ file, field: 'storyInBrief', message: `has ${n} sentence${n === 1 ? '' : 's'}; write two or three` }];
  });
}

export function teachingProblems(ch: ChapterInput): ContentProblem[] {
  return [...keyPositionProblems(ch), ...routingProblems(ch), ...citationProblems(ch), ...storyInBriefProblems(ch)];
}
