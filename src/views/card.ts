/**
 * The platform-neutral card model. Builders in src/views produce it; one pure renderer per
 * platform turns it into Block Kit or an Adaptive Card, and `cardToText` turns it into plain text.
 *
 * Inline text uses a tiny markup that every surface can express:
 *   **bold**, _italic_, `code`, [label](https://url) and line breaks. Nothing else is interpreted.
 *
 * Text we wrote may use that markup. Text we did not write (a `/cost` scenario, a display name, a
 * channel name, a model's explanation, a quoted message) goes into a card only through `userText`,
 * which escapes every character our markup or a platform could read as formatting, a link, a
 * mention or HTML. A renderer shows an escaped character as itself, in whatever form its platform
 * needs to keep it inert (see src/slack/render/markup.ts and src/teams/render/markup.ts).
 */

/**
 * Characters escaped in untrusted text with a backslash: our markup's, and the ones Slack mrkdwn or
 * Teams markdown/HTML give a meaning to (bold, italics, strike, code, quotes, headings, tags,
 * entities, mentions, link syntax).
 */
const ESCAPED = /[\\[\]()*_~`<>&#@|!]/g;
/** Dots and colons that would let a client turn a bare host or URL into a link: `evil.com`, `https://`. */
const LINKISH = /(?<=[\p{L}\p{N}])\.(?=\p{L})|:(?=\/\/)/gu;

/** Private-use characters: our sealed literals and mention tokens, which untrusted text may not carry. */
const PRIVATE_USE = /[\ue000-\ue1ff]/g;

/** Untrusted text as card text: shown literally on every surface, never a link, mention or format. */
export function userText(text: string): string {
  return text.replace(PRIVATE_USE, '').replace(ESCAPED, '\\$&').replace(LINKISH, '\\$&');
}

/**
 * Mentions: an inline token naming a place (channel, chat) or a person by their platform id, with a
 * name to show where the platform cannot link one. The Slack renderer writes `<#C…>` / `<@U…>`; the
 * Teams renderer and plain text write the name. Only code makes tokens: userText removes their
 * characters from anything a person typed, so no message can forge one.
 */
const MENTION_OPEN = '\ue100';
const MENTION_SPLIT = '\ue101';
const MENTION_CLOSE = '\ue102';
const MENTION = /\ue100([#@])([^\ue101\ue102]*)\ue101([^\ue102]*)\ue102/g;

export interface Mention {
  readonly kind: 'place' | 'person';
  readonly id: string;
  /** The name as card text (already escaped). */
  readonly label: string;
}

const mentionToken = (sigil: '#' | '@', id: string, name: string): string =>
  `${MENTION_OPEN}${sigil}${id.replace(PRIVATE_USE, '')}${MENTION_SPLIT}${userText(name)}${MENTION_CLOSE}`;

export const mention = {
  /** A channel or chat; `name` is what to show where it cannot be a link. */
  place: (id: string, name = 'this conversation'): string => mentionToken('#', id, name),
  person: (id: string, name = 'a member'): string => mentionToken('@', id, name),
};

/** Each mention token in `text` replaced by what `render` makes of it. */
export const renderMentions = (text: string, render: (m: Mention) => string): string =>
  text.includes(MENTION_OPEN)
    ? text.replace(MENTION, (_, sigil: string, id: string, label: string) =>
        render({ kind: sigil === '#' ? 'place' : 'person', id, label }),
      )
    : text;

/** Mentions as their names: for plain text and any platform that cannot link them. */
export const mentionLabels = (text: string): string => renderMentions(text, (m) => m.label);

/**
 * Renderers first "seal" escaped characters into private-use placeholders, so no markup rule can
 * match across them, then "open" each placeholder into the platform's literal form of the character.
 */
const SEAL_BASE = 0xe000;
const SEALABLE = /\\([\\[\]()*_~`<>&#@|!.:])/g;
const SEALED = /[\ue000-\ue07f]/g;

export const sealLiterals = (text: string): string =>
  text.includes('\\')
    ? text.replace(SEALABLE, (_, c: string) => String.fromCharCode(SEAL_BASE + c.charCodeAt(0)))
    : text;

/** Where a sealed character sits, for platforms whose literal form depends on it (line starts, words). */
export interface LiteralAt {
  readonly before: string;
  readonly after: string;
}

export const openLiterals = (text: string, form: (char: string, at: LiteralAt) => string): string =>
  text.replace(SEALED, (c, i: number, all: string) =>
    form(String.fromCharCode(c.charCodeAt(0) - SEAL_BASE), {
      before: all.slice(Math.max(0, i - 1), i),
      after: all.slice(i + 1, i + 2),
    }),
  );

/** Sealed characters back to themselves, for plain-text surfaces (CLI, Slack plain_text, Teams titles). */
export const rawLiterals = (text: string): string => openLiterals(text, (c) => c);

export type ButtonStyle = 'primary' | 'danger' | 'default';

/** A button carries an action id (what to do) and a small JSON-able value (on what). */
export interface Button {
  readonly kind: 'button';
  /** Stable action id, e.g. `quiz.answer`; the platform layers route on it. */
  readonly action: string;
  readonly label: string;
  /** Opaque payload the action needs (kept small: it travels in the platform payload). */
  readonly value: Readonly<Record<string, string>>;
  readonly style?: ButtonStyle;
  /** A link button opens a URL instead of sending an action. */
  readonly url?: string;
  /**
   * The action answers in a private dialog where the platform has one (a Teams task module), so
   * what it shows is seen only by the member who clicked, even in a channel.
   */
  readonly dialog?: boolean;
}

export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

/** One labelled drop-down; the value chosen is reported under `id` when the card is submitted. */
export interface Select {
  readonly kind: 'select';
  readonly id: string;
  readonly label: string;
  readonly placeholder: string;
  readonly options: readonly SelectOption[];
  readonly initial?: string;
}

export interface Field {
  readonly label: string;
  readonly value: string;
}

export type Block =
  | { readonly kind: 'header'; readonly title: string; readonly subtitle?: string }
  | { readonly kind: 'text'; readonly text: string; readonly tone?: 'normal' | 'good' | 'bad' | 'attention' }
  | { readonly kind: 'fields'; readonly fields: readonly Field[] }
  | { readonly kind: 'context'; readonly text: string }
  | { readonly kind: 'divider' }
  | { readonly kind: 'actions'; readonly buttons: readonly Button[] }
  /**
   * A form: selects plus one submit button. The submit button's value is sent together
   * with every select's chosen value.
   */
  | { readonly kind: 'form'; readonly id: string; readonly selects: readonly Select[]; readonly submit: Button };

export interface Card {
  /** What the card is about, used as notification / fallback text on every platform. */
  readonly summary: string;
  readonly blocks: readonly Block[];
}

export const button = (
  action: string,
  label: string,
  value: Record<string, string> = {},
  style?: ButtonStyle,
): Button => (style ? { kind: 'button', action, label, value, style } : { kind: 'button', action, label, value });

/** A button whose answer opens in a private dialog (see Button.dialog). */
export const dialogButton = (action: string, label: string, value: Record<string, string> = {}): Button => ({
  ...button(action, label, value),
  dialog: true,
});

export const linkButton = (label: string, url: string): Button => ({
  kind: 'button',
  action: 'link',
  label,
  value: {},
  url,
});
