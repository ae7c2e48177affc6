/**
 * "Did you mean": a refused scenario names the word it stopped at and, where it can, offers the
 * closest complete scenario — the user's own words with one word corrected (a near-miss keyword, a
 * model name written with a space), never a word dropped and never a guessed number. Each correction is checked by parsing it once more (without further suggestions).
 */
import type { Clauses } from './clauses.js';
import { errors, quote } from './errors.js';
import { distance, lookupModel } from './models.js';
import type { CostError } from './types.js';
import { GRAMMAR_WORDS, VOLUME_NOUNS } from './vocabulary.js';

type Reparse = (text: string) => boolean;
let reparse: Reparse = () => false;
/** parse.ts registers itself (a direct import would be circular). */
export const setReparse = (f: Reparse) => {
  reparse = f;
};

const NOUNS = new Set(VOLUME_NOUNS);

/** The grammar word a typo stands for: within 1 edit for short words, 2 for longer ones. */
function nearWord(word: string): string | null {
  if (word.length < 4 || word.length > 20) return null;
  const limit = word.length >= 5 ? 2 : 1;
  let best: string | null = null;
  let bestD = limit + 1;
  for (const w of GRAMMAR_WORDS) {
    if (Math.abs(w.length - word.length) > limit) continue;
    const d = distance(word, w);
    if (d < bestD) [best, bestD] = [w, d];
  }
  return bestD === 0 ? null : best;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `text` with the first whole-word `word` replaced (case-insensitively), tidied of double spaces. */
const replaceWord = (text: string, word: string, by: string) =>
  text
    .replace(new RegExp(`(?<![a-z0-9])${escapeRe(word)}(?![a-z0-9])`, 'i'), by)
    .replace(/\s{2,}/g, ' ')
    .replace(/\s+([,:;])/g, '$1')
    .trim();

/** `text` with `word` joined by a hyphen to the model-like name just before it, if that is a model. */
function joinedModel(text: string, word: string): { name: string; fixed: string } | null {
  const before = new RegExp(`([a-z][a-z0-9.-]*)\\s+${escapeRe(word)}(?![a-z0-9])`, 'i').exec(text);
  // Only after a name with a digit or hyphen (gpt-4o, claude-3-5): bounded work, and "on aa" is no model.
  if (!before?.[1] || !/[0-9-]/.test(before[1])) return null;
  const name = `${before[1]}-${word}`.toLowerCase();
  if (!lookupModel(name)) return null;
  return { name, fixed: text.replace(before[0], name) };
}

export const didYouMean = {
  leftover(text: string, c: Clauses, suggest: boolean): CostError {
    const what = c.leftover ?? '';
    if (NOUNS.has(what) && c.volumes.length === 0) return errors.missingVolume();
    if (suggest) {
      // One candidate, checked by one more parse: a near miss corrected, else the unknown word dropped.
      let word: string | undefined;
      let near: string | null = null;
      for (const w of c.leftoverWords) {
        near = nearWord(w);
        if (near) {
          word = w;
          break;
        }
      }
      if (word && near) {
        const fixed = replaceWord(text, word, near);
        if (reparse(fixed))
          return {
            ...errors.unreadable(word),
            message: `I couldn't place ${quote(word)} — did you mean ${quote(near)}?`,
            example: fixed,
          };
      }
      // A model name written with a space ("gpt-4o mini"): the word joined to the name before it.
      // Never a word dropped: without it the scenario can price something else ("gpt-4o" for
      // "gpt-4o mini") or count something else, and look right.
      for (const w of c.leftoverWords.slice(0, 2)) {
        const joined = joinedModel(text, w);
        if (joined && reparse(joined.fixed))
          return {
            ...errors.unreadable(w),
            message: `I couldn't place ${quote(w)} — did you mean the model ${quote(joined.name)}?`,
            example: joined.fixed,
          };
      }
    }
    return errors.unreadable(what);
  },

  model(
    text: string,
    error: CostError,
    back: (at: number) => number,
    unknown: { readonly at: number; readonly name: string },
  ): CostError {
    const name = error.message.match(/Closest: `([^`]+)`/)?.[1];
    if (!name) return error;
    const [from, to] = [back(unknown.at), back(unknown.at + unknown.name.length)];
    const fixed = `${text.slice(0, from)}${name}${text.slice(to)}`;
    return reparse(fixed) ? { ...error, example: fixed } : error;
  },
};
