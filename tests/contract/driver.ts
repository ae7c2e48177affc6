/**
 * What a contract scenario may do with a platform, and what it sees back. Each driver feeds the
 * platform's real entry point (signed Slack requests into Bolt, activities into the CloudAdapter)
 * and reads what the bot sent from the local fake of that platform's API, decoded to a `Seen`:
 * the plain text, the buttons and selects, and who could see it. Scenarios compare nothing else.
 */
import type { Params } from '../../src/store/sql/index.js';

/** Where a member speaks: their private chat with the bot, or a channel others read too. */
export type Place = 'private' | 'shared';

export interface Who {
  /** A short lower-case name ("ann"); each driver derives its platform ids from it. */
  readonly member: string;
  readonly place?: Place;
}

export interface SeenButton {
  /** The action id of the registry (src/views/actions.ts), e.g. `quiz.answer`; `link` for a URL. */
  readonly action: string;
  readonly label: string;
  readonly value: Readonly<Record<string, string>>;
}

export interface SeenSelect {
  /** The select's id in the card model (a sort item's id). */
  readonly id: string;
  readonly options: readonly string[];
}

/** One message, card or dialog the bot showed, as a member would notice it. */
export interface Seen {
  /** Every text of it, as the platform would show it (Slack mrkdwn, Teams markdown). */
  readonly text: string;
  readonly buttons: readonly SeenButton[];
  readonly selects: readonly SeenSelect[];
  /** `member`: only `member` can see it; `place`: everyone where it was posted. */
  readonly audience: 'member' | 'place';
  /** Who it reached: the member it was for, or the member whose turn posted it in the place. */
  readonly member: string;
  /** It replaced the card that was clicked (or its own placeholder) instead of arriving as a new one. */
  readonly replaced: boolean;
  /** It is shown in a modal or dialog. */
  readonly dialog: boolean;
  /** The platform's own handle, for a later click. */
  readonly handle: unknown;
}

export interface ClickOptions {
  readonly label?: RegExp;
  readonly selections?: Readonly<Record<string, string>>;
  /** Sent instead of the button's own value: a forged or tampered click. */
  readonly forgedValue?: Readonly<Record<string, string>>;
}

export interface StartOptions {
  /** Members made managers (TUTOR_MANAGERS) for this run. */
  readonly managers?: readonly string[];
}

export interface PlatformDriver {
  readonly name: string;
  /**
   * Where an answer "only for the member" can be told apart from one for everyone: a shared place
   * where the platform whispers (Slack's ephemeral messages), else the member's private chat.
   */
  readonly whisperPlace: Place;
  start(options?: StartOptions): Promise<void>;
  close(): Promise<void>;
  /** Types `text` as the platform's command (`/tutor …`, `/cost …`, `/explain …`; a Teams message). */
  say(text: string, who: Who): Promise<Seen[]>;
  /**
   * Clicks the first button with `action` (and, if given, a label matching `label`) on `card`,
   * as `member`, with `selections` (select id → option value) for a form.
   */
  click(card: Seen, action: string, member: string, options?: ClickOptions): Promise<Seen[]>;
  /** Everything that reached `member` since the start, oldest first. */
  received(member: string): readonly Seen[];
  /** Waits until something that reached `member` matches (for a slow answer that replaces its placeholder). */
  waitFor(member: string, match: (s: Seen) => boolean, timeoutMs?: number): Promise<Seen>;
  /** Makes every later private message to `member` fail the way the platform fails it (blocked, no DM). */
  failDm(member: string, fail: boolean): void;
  /** The id the store keeps for the member (`members.external_id`). */
  memberId(member: string): string;
  /** The id of the shared place (a schedule's target). */
  readonly sharedPlaceId: string;
  /** How a card names the shared place: Slack links it (`<#C…>`), Teams writes its name. */
  readonly sharedPlaceShown: string;
  /** Rows of a portable query on the server's database (SQLite or PostgreSQL). */
  rows<T>(sql: string, params?: Params): Promise<T[]>;
}

/** A read-only query on the driver's database. */
export function query<T>(driver: PlatformDriver, sql: string, ...params: unknown[]): Promise<T[]> {
  return driver.rows<T>(sql, params);
}

/** Collects the strings under `keys` anywhere in a JSON tree (the texts of Block Kit or an Adaptive Card). */
export function stringsUnder(
  node: unknown,
  keys: ReadonlySet<string>,
  skip: ReadonlySet<string> = new Set(),
): string[] {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) for (const x of n) walk(x);
    else if (typeof n === 'object' && n !== null)
      for (const [k, v] of Object.entries(n)) {
        if (skip.has(k)) continue;
        if (typeof v === 'string' && keys.has(k)) out.push(v);
        else walk(v);
      }
  };
  walk(node);
  return out;
}

/**
 * Waits until `calls()` has grown past `from` and then stayed still for `quietMs`: the bot answers
 * some turns after their acknowledgement (Slack's response URLs), so "done" is "nothing new lately".
 */
export async function settle(calls: () => number, from: number, expectSome: boolean, quietMs = 150, maxMs = 8_000) {
  const started = Date.now();
  let count = calls();
  let changed = Date.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 20));
    const now = calls();
    if (now !== count) {
      count = now;
      changed = Date.now();
    }
    const grown = count > from || !expectSome;
    if (grown && Date.now() - changed >= quietMs) return;
    if (Date.now() - started > maxMs) return;
  }
}

export async function waitUntil<T>(find: () => T | undefined, what: string, timeoutMs = 5_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() - started > timeoutMs) throw new Error(`nothing matched within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The first button with `action` (and a label matching `label`), or an error naming the buttons there are. */
export function buttonOf(card: Seen, action: string, label?: RegExp): SeenButton {
  const found = card.buttons.find((b) => b.action === action && (!label || label.test(b.label)));
  if (!found)
    throw new Error(
      `no ${action}${label ? ` ${label}` : ''} button; buttons: ${card.buttons.map((b) => `${b.action} "${b.label}"`).join(', ')}`,
    );
  return found;
}
