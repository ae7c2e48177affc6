/**
 * The tutor's command words, shared by every surface: `/tutor lesson 3.4 full` in Slack,
 * `lesson 3.4 full` in Teams, `@Tutor cost …` in a channel. Unknown words are a `help` intent
 * (with what was not understood), never an error.
 */
export type Intent =
  | { readonly kind: 'lesson'; readonly lessonId?: string; readonly mode: 'essentials' | 'full' }
  | { readonly kind: 'quiz'; readonly number?: number }
  | { readonly kind: 'review' }
  | { readonly kind: 'progress' }
  | { readonly kind: 'report' }
  | { readonly kind: 'daily'; readonly args: string }
  /** `daily me …`: the member's own lessons by DM. */
  | { readonly kind: 'my-daily'; readonly args: string }
  /** `enroll …`: a manager gives a place's members personal lessons. */
  | { readonly kind: 'enroll'; readonly args: string }
  | { readonly kind: 'cost'; readonly scenario: string }
  | { readonly kind: 'explain'; readonly sentence: string }
  | { readonly kind: 'help'; readonly unknown?: string };

const MAX_COMMAND = 1_000;

/** A command after which the bot posts on its own (daily lessons to a place, or to members by DM). */
export const setsUpDeliveries = (i: Intent): boolean =>
  i.kind === 'daily' || i.kind === 'my-daily' || i.kind === 'enroll';

export function parseCommand(raw: string): Intent {
  const text = raw.slice(0, MAX_COMMAND).trim();
  const [first = '', ...rest] = text.split(/\s+/);
  const word = first.toLowerCase();
  const args = rest.map((w) => w.toLowerCase());
  const tail = text.slice(first.length).trim();
  switch (word) {
    case '':
      return { kind: 'lesson', mode: 'essentials' };
    case 'lesson':
    case 'lessons':
    case 'next': {
      const id = args.find((a) => /^\d+\.\d+$/.test(a) || /^§\d+\.\d+$/.test(a))?.replace('§', '');
      const full = args.includes('full');
      const unknown = args.filter((a) => a.replace('§', '') !== id && a !== 'full' && a !== 'essentials');
      if (unknown.length > 0) return { kind: 'help', unknown: text };
      return id
        ? { kind: 'lesson', lessonId: id, mode: full ? 'full' : 'essentials' }
        : { kind: 'lesson', mode: full ? 'full' : 'essentials' };
    }
    case 'quiz':
    case 'check': {
      if (args.length === 0) return { kind: 'quiz' };
      if (args.length === 1 && /^\d{1,3}$/.test(args[0] ?? '')) return { kind: 'quiz', number: Number(args[0]) };
      return { kind: 'help', unknown: text };
    }
    case 'review':
      return { kind: 'review' };
    case 'progress':
    case 'me':
      return { kind: 'progress' };
    case 'report':
      return { kind: 'report' };
    case 'daily':
      return args[0] === 'me'
        ? { kind: 'my-daily', args: tail.slice('me'.length).trim() }
        : { kind: 'daily', args: tail };
    case 'enroll':
    case 'enrol':
      return { kind: 'enroll', args: tail };
    case 'cost':
      return { kind: 'cost', scenario: tail };
    case 'explain':
      return { kind: 'explain', sentence: tail };
    case 'help':
    case '?':
      return { kind: 'help' };
    default:
      return { kind: 'help', unknown: text };
  }
}
