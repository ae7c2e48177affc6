/**
 * Our inline markup (see src/views/card.ts) → the markdown subset Teams renders in a TextBlock and
 * in FactSet values: **bold**, _italic_ and [label](url). Three Teams behaviours shape this file:
 *
 * - Code spans are not rendered (the backticks would show), so `x` becomes “x”.
 * - Teams passes text through an HTML sanitiser: `cost <scenario>` shows as "cost ", the tag-like
 *   part vanishes. `&lt;` is no cure: the shared Adaptive Cards object model used by the mobile
 *   renderers escapes `&` itself (MarkDownParser::EscapeText), so `&lt;` would show literally there.
 *   A tag-like `<word>` therefore becomes the look-alike `‹word›`, which every client shows as is.
 *   A `<` that cannot open a tag (`x < 5`) is left alone: HTML treats it as text.
 * - A single `\n` is not a line break in a TextBlock (markdown joins the lines); every line break
 *   becomes a paragraph break `\n\n`. Leading spaces would turn a line into a code block, so they
 *   become no-break spaces, which keep the indent and mean nothing to markdown.
 *
 * Characters `userText` escaped (text we did not write) are shown as typed: markdown characters
 * with a backslash (CommonMark's escape, which Teams honours), angle brackets as the look-alikes
 * above even where HTML would read them as text, and the dot of a host name or the colon of
 * `https://` as look-alikes, so Teams cannot turn `evil.example` into a link by itself.
 */
import { type LiteralAt, mentionLabels, openLiterals, rawLiterals, sealLiterals, userText } from '../../views/card.js';
import { linkAllowed } from '../../views/links.js';

function teamsLiteral(c: string, _at: LiteralAt): string {
  switch (c) {
    case '<':
      return '‹';
    case '>':
      return '›';
    case '.':
      return '\u2024'; // one dot leader
    case ':':
      return '\ua789'; // modifier letter colon
    case '\\':
    case '*':
    case '_':
    case '[':
    case ']':
    case '`':
    case '~':
    case '#':
      return `\\${c}`;
    default:
      return c;
  }
}

/** `<tag …>` (or a `<` that would open one) → `‹tag …›`; other angle brackets stay as typed. */
export function neutraliseAngles(text: string): string {
  // What opens a tag or comment in HTML: `<` then a letter, `/` and a letter, `!` or `?`.
  return text.replace(/<((?:\/?[A-Za-z]|[!?])[^<>\n]*)>/g, '‹$1›').replace(/<(?=\/?[A-Za-z]|[!?])/g, '‹');
}

const LINK = /\[([^\]\n]+)\]\((https?:[^)\s]+)\)/;
const CODE = /`([^`\n]+)`/;
const TOKEN = new RegExp(`${CODE.source}|${LINK.source}`, 'g');

/** Inside a code span the text is literal: markdown characters must not start bold, italics or links. */
const literal = (text: string) => neutraliseAngles(text).replace(/([\\*_[\]`])/g, '\\$1');

/** A URL as Teams needs it inside `(…)`: no angle brackets or spaces, which would end or hide it. */
const safeUrl = (url: string) => url.replace(/</g, '%3C').replace(/>/g, '%3E');

/** One line of our markup → Teams markdown (no line breaks inside). */
function inline(line: string): string {
  let out = '';
  let last = 0;
  for (const m of line.matchAll(TOKEN)) {
    out += neutraliseAngles(line.slice(last, m.index));
    const [whole, code, label, url = ''] = m;
    // A link to a host our content may not link to shows as the text it was written as.
    if (code !== undefined) out += `“${literal(code)}”`;
    else if (linkAllowed(url)) out += `[${neutraliseAngles(label ?? '')}](${safeUrl(url)})`;
    else out += sealLiterals(userText(whole));
    last = m.index + m[0].length;
  }
  return out + neutraliseAngles(line.slice(last));
}

/** A line starting with `#` or `>` would become a heading or a quote, which Teams does not render. */
const blockSafe = (line: string) => line.replace(/^([#>])/, '\\$1');

/** Our inline markup → Teams TextBlock markdown, with every line break kept visible; mentions as names. */
export function toTeamsMarkdown(text: string): string {
  return openLiterals(markupToTeams(sealLiterals(mentionLabels(text))), teamsLiteral);
}

/** Text we did not write (or plain text), for a place Teams reads as markdown: every character as typed. */
export const literalTeamsMarkdown = (text: string): string => toTeamsMarkdown(userText(text));

function markupToTeams(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n+/)
    .map((line) => {
      const indent = /^[ \t]*/.exec(line)?.[0].length ?? 0;
      const body = blockSafe(inline(line.slice(indent).trimEnd()));
      return body ? '\u00a0'.repeat(indent) + body : '';
    })
    .filter((line) => line !== '')
    .join('\n\n');
}

/**
 * Our markup → plain text for places Teams shows verbatim (button titles, choice titles, input
 * labels, fact titles): markers go, links keep their label, code keeps its quotes.
 */
export function toTeamsPlain(text: string): string {
  return neutraliseAngles(
    rawLiterals(
      sealLiterals(mentionLabels(text))
        .replace(/\s*\n\s*/g, ' ')
        .replace(new RegExp(LINK.source, 'g'), '$1')
        .replace(/\*\*([^*]+)\*\*/g, '$1')
        .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,;:!?])/g, '$1$2')
        .replace(new RegExp(CODE.source, 'g'), '“$1”'),
    ),
  ).trim();
}

/** Our markup as plain text, for a place Teams reads as markdown (a header, a fact title): nothing formats. */
export const toTeamsPlainMarkdown = (text: string): string => literalTeamsMarkdown(toTeamsPlain(text));
