/**
 * Our inline markup (see src/views/card.ts) → Slack mrkdwn, plus the length helpers the Block Kit
 * renderer needs. Everything outside our own markup is escaped, so content or user text can never
 * become a Slack control sequence (`<!channel>`, `<@U123>`, `<https://evil|innocent>`).
 */
import {
  type LiteralAt,
  type Mention,
  openLiterals,
  renderMentions,
  sealLiterals,
  userText,
} from '../../views/card.js';
import { linkAllowed } from '../../views/links.js';
import { plainText } from '../../views/text.js';

/** Slack's rule: only `&`, `<` and `>` are control characters; they must be sent as entities. */
export const escapeMrkdwn = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A URL inside `<url|label>`: `|` and angle brackets would end the link early, so percent-encode them. */
const escapeUrl = (url: string): string => escapeMrkdwn(url.replace(/[|<>]/g, (c) => encodeURIComponent(c)));

// One alternation so the earliest token wins; none of them crosses a line break (Slack's don't either).
// Italic needs a non-word character before and after, like the plain-text fallback in views/text.ts.
const TOKEN =
  /\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)|\*\*([^*\n]+)\*\*|`([^`\n]+)`|(?<=^|[\s(])_([^_\n]+)_(?=$|[\s).,;:!?])/g;

/** A character that can start our markup, an escape, a mention, or needs escaping; most texts have none. */
const SPECIAL = /[[*`_&<>\\\ue100]/;

/** A Slack channel, user or team id; anything else cannot be a mention and shows as its name. */
const SLACK_ID = /^[A-Z0-9]{2,32}$/;

/**
 * A mention token as mrkdwn: `<#C…>` or `<@U…>`, which Slack shows as the channel or person. Runs
 * after the literals are opened, so the label is already safe mrkdwn and the brackets are ours.
 */
const slackMention = (m: Mention): string =>
  SLACK_ID.test(m.id) ? `<${m.kind === 'place' ? '#' : '@'}${m.id}>` : m.label;

const isWordChar = (c: string) => /[\p{L}\p{N}]/u.test(c);

/**
 * How Slack shows a character escaped by `userText`. Slack has no escape for its formatting
 * characters, so `*`, `~` and a backtick become look-alikes that mean nothing to mrkdwn, and so does
 * an underscore unless it sits inside a word, where Slack never reads it as italics. `&`,
 * `<` and `>` become entities, so no mention or link can start; a `>` opening a line, which Slack
 * would read as a quote even as `&gt;`, becomes `›`. Links are not a worry: sections are sent with
 * `verbatim: true`, so Slack does not turn bare URLs or names into links.
 */
function slackLiteral(c: string, at: LiteralAt): string {
  switch (c) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return at.before === '' || at.before === '\n' ? '›' : '&gt;';
    case '`':
      return 'ˋ';
    case '*':
      return '∗';
    case '~':
      return '∼';
    case '_':
      // snake_case and similar names stay as typed: Slack never reads an underscore inside a word.
      return isWordChar(at.before) && isWordChar(at.after) ? c : 'ˍ';
    default:
      return c;
  }
}

/** Where Slack may still turn a URL into a link (a message's top-level `text`), untrusted hosts get look-alikes. */
const defusedLiteral = (c: string, at: LiteralAt) =>
  c === '.' ? '\u2024' : c === ':' ? '\ua789' : slackLiteral(c, at);

/**
 * Converts one piece of inline markup to mrkdwn; plain runs between tokens are escaped. `verbatim`
 * says the text goes where Slack does not linkify (our text objects); a message's `text` is not one.
 */
export function toMrkdwn(text: string, verbatim = true): string {
  if (!SPECIAL.test(text)) return text;
  return renderMentions(
    openLiterals(markupToMrkdwn(sealLiterals(text)), verbatim ? slackLiteral : defusedLiteral),
    slackMention,
  );
}

/** Text we did not write, for a place that shows mrkdwn: every character as typed. */
export const literalMrkdwn = (text: string): string => toMrkdwn(userText(text));

function markupToMrkdwn(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    out += escapeMrkdwn(text.slice(last, m.index));
    const [whole, label, url, bold, code, italic] = m;
    if (label !== undefined && url !== undefined)
      // A link to a host our content may not link to shows as the text it was written as.
      out += linkAllowed(url) ? `<${escapeUrl(url)}|${escapeMrkdwn(label)}>` : sealLiterals(userText(whole));
    else if (bold !== undefined) out += `*${markupToMrkdwn(bold)}*`;
    else if (code !== undefined) out += `\`${escapeMrkdwn(code)}\``;
    else if (italic !== undefined) out += `_${markupToMrkdwn(italic)}_`;
    last = m.index + whole.length;
  }
  return out + escapeMrkdwn(text.slice(last));
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * The largest index ≤ max at which a mrkdwn string can be cut without breaking an emoji (surrogate
 * pair), an entity (`&amp;`) or a `<url|label>` link. Every `<` in our output opens a link, because
 * literal ones were escaped. Returns 0 when nothing fits (a single link longer than max).
 */
function safeCut(text: string, max: number): number {
  if (text.length <= max) return text.length;
  let cut = max;
  if (isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && amp >= cut - 4 && text.indexOf(';', amp) >= cut) cut = amp;
  const open = text.lastIndexOf('<', cut - 1);
  if (open >= 0 && text.lastIndexOf('>', cut - 1) < open) cut = open;
  return cut;
}

/** Plain text (header, button, option, label) cut to `max` characters with an ellipsis. */
export function clampPlain(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let cut = max - 1;
  if (isHighSurrogate(flat.charCodeAt(cut - 1))) cut -= 1;
  return `${flat.slice(0, cut).trimEnd()}…`;
}

/**
 * Inline markup shown where Slack only takes plain text: markers dropped, whitespace flattened.
 * Untrusted text shows as typed, except that its host names and `https://` get look-alike dots and
 * colons: a client may turn a URL in plain text into a link.
 */
export const plainLabel = (text: string, max: number): string => clampPlain(plainText(text, plainLiteral), max);

const plainLiteral = (c: string) => (c === '.' ? '\u2024' : c === ':' ? '\ua789' : c);

/** A mrkdwn string cut to `max` characters with an ellipsis, never inside an entity or link. */
export function clampMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = safeCut(text, max - 1) || max - 1;
  return `${text.slice(0, cut).trimEnd()}…`;
}

/** Cuts one over-long mrkdwn line into pieces ≤ max, preferring a space near the end. */
function hardSplit(line: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > max) {
    let cut = safeCut(rest, max);
    const space = rest.lastIndexOf(' ', cut);
    if (space > max / 2 && space < cut) cut = space;
    if (cut <= 0) cut = max; // a single link longer than a section: nothing sane is left to keep intact
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/**
 * Inline markup → mrkdwn chunks of at most `max` characters, split at line boundaries (markup
 * never spans lines, so every chunk stays well-formed). Blank chunks are dropped: Slack rejects them.
 */
export function mrkdwnChunks(text: string, max: number): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = -1;
  const flush = () => {
    const chunk = current.join('\n').replace(/\n+$/, '');
    if (chunk.trim() !== '') chunks.push(chunk);
    current = [];
    size = -1;
  };
  for (const source of text.split('\n')) {
    for (const line of hardSplit(toMrkdwn(source), max)) {
      if (size + 1 + line.length > max) flush();
      current.push(line);
      size += 1 + line.length;
    }
    if (source === '') {
      if (size + 1 > max) flush();
      else if (current.length > 0) {
        current.push('');
        size += 1;
      }
    }
  }
  flush();
  return chunks;
}
