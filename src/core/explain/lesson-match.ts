/**
 * Which lesson a sentence most likely comes from, so the explanation can be grounded in it. A
 * sentence copied from a lesson is found verbatim; a paraphrase or a typed question is matched on
 * the content words it shares with each lesson, rarer words counting more.
 */
import type { Catalog } from '../content/catalog.js';
import type { GlossaryTerm, Lesson } from '../content/schema.js';
import { normaliseSentence } from './sentences.js';

const STOPWORDS = new Set(
  (
    'the and for are but not you your yours with this that these those from into onto than then there their they them ' +
    'its it’s was were will would can could should have has had been being what which who whom when where why how ' +
    'all any each more most some such only own same also very just about over under again once here out off our ours ' +
    'does did doing too much many one two per via like get gets got make makes made use used uses using'
  ).split(' '),
);

/** Lower-case content words, with a plural "s" dropped so "models" meets "model". */
export function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (raw.length < 3 || STOPWORDS.has(raw)) continue;
    out.add(raw.length > 4 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw);
  }
  return out;
}

/** Every piece of a lesson a member could be reading in chat. */
export const lessonText = (l: Lesson): string =>
  [l.title, l.subtitle, l.keyTakeaway, l.whyItMatters, l.story, ...l.depthNotes, l.workedExample?.point ?? ''].join(
    '\n',
  );

interface Index {
  readonly lessons: readonly { readonly lesson: Lesson; readonly flat: string; readonly words: Set<string> }[];
  readonly weight: ReadonlyMap<string, number>;
}

const indexes = new WeakMap<Catalog, Index>();

function indexOf(catalog: Catalog): Index {
  let index = indexes.get(catalog);
  if (index) return index;
  const lessons = catalog.lessons.map((lesson) => {
    const text = lessonText(lesson);
    return { lesson, flat: normaliseSentence(text.replace(/\n/g, ' ')), words: contentWords(text) };
  });
  const df = new Map<string, number>();
  for (const l of lessons) for (const w of l.words) df.set(w, (df.get(w) ?? 0) + 1);
  // Inverse document frequency: a word in one lesson says much more than a word in all of them.
  const weight = new Map([...df].map(([w, n]) => [w, Math.log(1 + lessons.length / n)] as const));
  index = { lessons, weight };
  indexes.set(catalog, index);
  return index;
}

/** Below this, the overlap is chance: two common words, or one rare word in passing. */
const MIN_SCORE = 1.5;
/** A glossary term tied to a lesson is strong evidence for that lesson. */
const TERM_BONUS = 3;

/**
 * The lesson a sentence comes from, or undefined when nothing matches well enough. Ties go to the
 * earlier lesson, so the answer is stable.
 */
export function matchLesson(
  sentence: string,
  catalog: Catalog,
  terms: readonly GlossaryTerm[] = [],
): Lesson | undefined {
  const { lessons, weight } = indexOf(catalog);
  const key = normaliseSentence(sentence);
  if (key.length >= 10) {
    const verbatim = lessons.find((l) => l.flat.includes(key));
    if (verbatim) return verbatim.lesson;
  }
  const words = contentWords(sentence.slice(0, 2_000));
  let best: { lesson: Lesson; score: number } | undefined;
  for (const l of lessons) {
    let score = 0;
    for (const w of words) if (l.words.has(w)) score += weight.get(w) ?? 0;
    score += TERM_BONUS * terms.filter((t) => t.lesson === l.lesson.id).length;
    if (score > (best?.score ?? 0)) best = { lesson: l.lesson, score };
  }
  return best && best.score >= MIN_SCORE ? best.lesson : undefined;
}
