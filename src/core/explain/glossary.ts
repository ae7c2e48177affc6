/**
 * The offline explainer: glossary terms found in a sentence, and the answer built from them and the
 * lesson's key takeaway. It is what members get with no API key, no network or no budget, so it
 * must stand on its own.
 */
import type { Catalog } from '../content/catalog.js';
import type { GlossaryTerm, Lesson } from '../content/schema.js';
import { matchLesson } from './lesson-match.js';
import { cleanSentence } from './sentences.js';
import type { Explanation, FallbackReason } from './types.js';

/** Enough for one card; a whole lesson message can name twenty terms. */
export const MAX_TERMS = 8;
/** Longer input (an "All of it" pick) is only scanned this far. */
const MAX_SCAN_CHARS = 8_000;

interface Name {
  readonly term: GlossaryTerm;
  readonly pattern: RegExp;
  readonly length: number;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every spelling that counts: the term, the term without its "(weights)" aside, and the aliases. */
function namesOf(term: GlossaryTerm): string[] {
  const bare = term.term.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
  return [...new Set([term.term, bare, ...term.aliases].filter((n) => n.length > 0))];
}

const compiled = new WeakMap<readonly GlossaryTerm[], readonly Name[]>();

/** Names longest first, so "frozen weights" claims its words before "weights" can. */
function names(terms: readonly GlossaryTerm[]): readonly Name[] {
  let list = compiled.get(terms);
  if (!list) {
    list = terms
      .flatMap((term) =>
        namesOf(term).map((n) => ({
          term,
          length: n.length,
          // Whole words only, any case, any run of spaces between words.
          pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(n).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'giu'),
        })),
      )
      .sort((a, b) => b.length - a.length);
    compiled.set(terms, list);
  }
  return list;
}

/** The glossary of every chapter, one entry per id (built once per catalog). */
const glossaries = new WeakMap<Catalog, readonly GlossaryTerm[]>();
export function glossaryOf(catalog: Catalog): readonly GlossaryTerm[] {
  let terms = glossaries.get(catalog);
  if (!terms) {
    const byId = new Map(catalog.chapters.flatMap((c) => c.glossary.map((t) => [t.id, t] as const)));
    terms = [...byId.values()];
    glossaries.set(catalog, terms);
  }
  return terms;
}

/**
 * The glossary terms a sentence mentions, in the order they appear, each once. Matches are whole
 * words, case-insensitive, longest first and never overlapping.
 */
export function findTerms(sentence: string, terms: readonly GlossaryTerm[]): GlossaryTerm[] {
  const text = sentence.slice(0, MAX_SCAN_CHARS);
  const taken: [number, number][] = [];
  const found = new Map<string, { term: GlossaryTerm; at: number }>();
  for (const name of names(terms)) {
    for (const m of text.matchAll(name.pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      taken.push([start, end]);
      const seen = found.get(name.term.id);
      if (!seen || start < seen.at) found.set(name.term.id, { term: name.term, at: start });
    }
  }
  return [...found.values()].sort((a, b) => a.at - b.at).map((f) => f.term);
}

/** The lesson a sentence is about: the one named, else the best text match, else its first term's. */
export function lessonFor(
  sentence: string,
  catalog: Catalog,
  terms: readonly GlossaryTerm[],
  lessonId?: string,
): Lesson | undefined {
  const named = lessonId === undefined ? undefined : catalog.lesson(lessonId);
  if (named) return named;
  const matched = matchLesson(sentence, catalog, terms);
  if (matched) return matched;
  const withLesson = terms.find((t) => t.lesson !== undefined && catalog.lesson(t.lesson));
  return withLesson?.lesson === undefined ? undefined : catalog.lesson(withLesson.lesson);
}

/**
 * The offline explanation: the definitions of the terms in the sentence and the key takeaway of
 * the lesson it comes from. Always an answer, never an error, whatever the input.
 */
export function glossaryExplanation(
  sentence: string,
  catalog: Catalog,
  options: { readonly lessonId?: string; readonly reason?: FallbackReason } = {},
): Explanation {
  const text = cleanSentence(sentence.slice(0, MAX_SCAN_CHARS));
  const found = findTerms(text, glossaryOf(catalog));
  const lesson = text === '' ? undefined : lessonFor(text, catalog, found, options.lessonId);
  const terms = found.slice(0, MAX_TERMS).map((t) => ({ term: t.term, definition: t.definition }));
  let body: string;
  if (lesson) body = `The key idea of §${lesson.id} ${lesson.title}: ${lesson.keyTakeaway}`;
  else if (terms.length > 0) body = 'What the terms in this sentence mean, from the chapter glossary:';
  else
    body =
      text === ''
        ? 'There was no sentence to explain. Pick a sentence from a lesson, or type one after the command.'
        : 'This sentence does not match a lesson or a glossary term of the course, so there is nothing to explain it with offline. Try a sentence from one of the lessons.';
  return {
    text: body,
    terms,
    source: 'glossary',
    ...(lesson ? { lessonId: lesson.id } : {}),
    ...(options.reason ? { reason: options.reason } : {}),
  };
}
