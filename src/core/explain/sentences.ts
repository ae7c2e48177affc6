/**
 * Turning a chat message into sentences a member can pick from, and a sentence into a cache key.
 * Messages arrive as Slack mrkdwn, our own card markup or plain text, and are untrusted: every
 * length is bounded before any regex runs over it.
 */

/** More text than any lesson message; the rest of a pasted novel is ignored. */
export const MAX_MESSAGE_CHARS = 20_000;
/** Slack and Teams pickers stay usable; a lesson message has fewer sentences than this. */
export const MAX_SENTENCES = 20;
export const MAX_SENTENCE_CHARS = 400;

/** Cuts `text` to `max` characters at a word boundary when one is near, with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** `*bold*`, `_italic_`, `~strike~` as mrkdwn reads them: the marker hugs the words ("2 * 3 * 4" is not bold). */
const wrapped = (m: string) =>
  new RegExp(`(^|[^\\p{L}\\p{N}${m}])${m}([^${m}\\s](?:[^${m}\\n]*[^${m}\\s])?)${m}(?![\\p{L}\\p{N}])`, 'gu');
const BOLD = wrapped('\\*');
const ITALIC = wrapped('_');
const STRIKE = wrapped('~');

/**
 * Inline markup → plain text: Slack links `<url|label>`, mentions, emoji codes, entities, and the
 * bold/italic/strike/code markers of both mrkdwn and our card markup. Links keep only their label
 * (a bare URL is dropped): the words are what a member wants explained. Only Slack's control
 * sequences are touched, so a typed "latency < 1 s" keeps its "<" (Slack itself sends it as &lt;).
 */
export function stripMarkup(text: string): string {
  return text
    .slice(0, MAX_MESSAGE_CHARS)
    .replace(/<([#@])[^<>|\s]+\|([^<>]*)>/g, '$1$2')
    .replace(/<(?:!|https?:|mailto:)[^<>|\s]*\|([^<>]*)>/g, '$1')
    .replace(/<(?:https?:|mailto:|[@#!])[^<>\s]*>/g, '')
    .replace(/\[([^\]\n]+)\]\([^)\s]+\)/g, '$1')
    .replace(/```/g, ' ')
    .replace(/`([^`\n]*)`/g, '$1')
    .replace(/\*\*([^*\n]+)\*\*/g, '$1')
    .replace(BOLD, '$1$2')
    .replace(ITALIC, '$1$2')
    .replace(STRIKE, '$1$2')
    .replace(/:[a-z][a-z0-9_+-]*:/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const BULLET = /^(?:>|&gt;|[•◦▪‣*-]|\d{1,2}[.)])\s+/;
/** A line that is all bold is a heading ("**The story**"), not a sentence. */
const HEADING = /^(?:\*\*[^*]+\*\*|\*[^*]+\*)\s*:?$/;
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'vs', 'etc', 'approx', 'mr', 'mrs', 'ms', 'dr', 'no', 'fig', 'cf', 'inc']);
/** End punctuation, closing quotes or brackets, then space, then what a sentence starts with. */
const BOUNDARY = /[.!?…]+["'”’)\]]*\s+(?=["'“‘([]?[\p{Lu}\p{N}§$£€])/gu;

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** Splits one line at sentence ends, but not after "e.g." or "vs." (decimals never have a space). */
function splitLine(line: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of line.matchAll(BOUNDARY)) {
    const before =
      line
        .slice(start, m.index)
        .match(/([\p{L}.]+)$/u)?.[1]
        ?.toLowerCase() ?? '';
    if (ABBREVIATIONS.has(before.replace(/\.$/, ''))) continue;
    out.push(line.slice(start, m.index + m[0].trimEnd().length));
    start = m.index + m[0].length;
  }
  out.push(line.slice(start));
  return out;
}

/**
 * The sentences of a message, in order, without duplicates: at most MAX_SENTENCES, each at most
 * MAX_SENTENCE_CHARS. Line breaks always end a sentence (chat messages break lines on purpose);
 * headings and short label-like fragments ("Key takeaway") are dropped unless nothing else is left.
 */
export function splitSentences(message: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const fragments: string[] = [];
  for (const raw of message.slice(0, MAX_MESSAGE_CHARS).split(/\r?\n/)) {
    const line = raw.trim().replace(BULLET, '');
    if (line === '' || HEADING.test(line)) continue;
    for (const piece of splitLine(stripMarkup(line).replace(/\s+/g, ' ').trim())) {
      const sentence = piece.replace(BULLET, '').trim();
      if (sentence === '') continue;
      const labelLike = words(sentence) < 3 && !/[.!?…]["'”’)]*$/.test(sentence);
      if (labelLike) {
        fragments.push(sentence);
        continue;
      }
      const key = normaliseSentence(sentence);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      out.push(clip(sentence, MAX_SENTENCE_CHARS));
      if (out.length === MAX_SENTENCES) return out;
    }
  }
  // "Inference?" alone is still worth explaining.
  return out.length > 0 ? out : fragments.slice(0, MAX_SENTENCES).map((f) => clip(f, MAX_SENTENCE_CHARS));
}

/** One sentence as typed or picked → plain text on one line (markup gone, whitespace collapsed). */
export function cleanSentence(sentence: string): string {
  return stripMarkup(sentence).replace(/\s+/g, ' ').trim();
}

/**
 * The cache key's view of a sentence: case, spacing, quotes and closing punctuation do not make a
 * different question, so "Inference is OpEx." and `"inference is  opex"` share one answer.
 */
export function normaliseSentence(sentence: string): string {
  return cleanSentence(sentence)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’ʼ`´]/g, "'")
    .replace(/["“”„«»]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^['\s]+/, '')
    .replace(/[\s'.!?…,;:]+$/, '');
}

/**
 * What a picker choice stands for: a sentence by its index, or `all` for the whole message joined.
 * Undefined for anything else (a stale card, a forged value).
 */
export function pickedText(sentences: readonly string[], choice: string): string | undefined {
  if (choice === 'all') return sentences.length > 0 ? sentences.join(' ') : undefined;
  if (!/^\d{1,2}$/.test(choice)) return undefined;
  return sentences[Number(choice)];
}
