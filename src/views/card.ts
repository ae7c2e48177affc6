/**
 * The platform-neutral card model. Builders in src/views produce it; one pure renderer per
 * platform turns it into Block Kit or an Adaptive Card, and `cardToText` turns it into plain text.
 *
 * Inline text uses a tiny markup that every surface can express:
 *   **bold**, _italic_, `code`, [label](https://url) and line breaks. Nothing else is interpreted.
 */

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
