/**
 * Units next to a price are understood or refused, never ignored: "at 3 pence" or "at 1 bitcoin"
 * must not be priced as dollars. The engine prices in US dollars and cents only.
 */
import { errors } from './errors.js';
import type { CostError } from './types.js';
import { FILLER, VOLUME_NOUNS } from './vocabulary.js';

/** Currency symbols other than `$` and `¢`. */
const SYMBOL = /[€£¥₹₿₩₽₺₫₪]/;
/** Currencies by name or code, refused before or after any number ("eur 5", "2M gbp"). */
const CURRENCY =
  'eur|euros?|gbp|pounds?|pence|p|jpy|yen|inr|rupees?|cny|rmb|yuan|cad|aud|nzd|chf|francs?|sek|nok|dkk|krona|krone|btc|bitcoins?|eth|ether|satoshis?';
/** Cheap test first: most scenarios name no currency at all (speed). */
export const MAYBE_CURRENCY = `[€£¥₹₿₩₽₺₫₪]|(?<![a-z])(?:${CURRENCY})(?![a-z])`;
const ANY_CURRENCY = new RegExp(`(?<![a-z])(?:${CURRENCY})(?![a-z])`);
const CODE_BEFORE = new RegExp(String.raw`(?<![a-z])(${CURRENCY})\s*(?=[\d.])`);
const CODE_AFTER = new RegExp(
  String.raw`(?<![\w.])[\d.][\d.,]*(?:\s*(?:k|m|b|bn|mn|thousand|million|billion))?\s*(${CURRENCY})(?![a-z])`,
);

/** What may follow a price's number: money units, clause words, periods, filler, the things sold. */
export const PRICE_FOLLOWERS: ReadonlySet<string> = new Set([
  ...FILLER,
  ...VOLUME_NOUNS,
  'usd',
  'dollar',
  'dollars',
  'bucks',
  'cent',
  'cents',
  'c',
  'per',
  'a',
  'an',
  'every',
  'apiece',
  'using',
  'via',
  'vs',
  'versus',
  'or',
  'over',
  'only',
  'just',
  'from',
  'cache',
  'cached',
  'one-time',
  'one-off',
  'one',
  'once',
  'up-front',
  'upfront',
  'up',
  'token',
  'tokens',
  'tok',
  'toks',
  'input',
  'output',
  'out',
  'prompt',
  'completion',
  'percent',
  'x',
  'daily',
  'weekly',
  'monthly',
  'yearly',
  'annually',
  'annual',
  'hourly',
  'hour',
  'hr',
  'hrs',
  'gpu',
  'gpus',
  'inference',
  'training',
]);

const refuse = (word: string, shown: string): CostError => errors.unknownUnit(word, shown);

const FOLLOWER = /\s*([a-z][a-z-]*)/y;

/** The word right after a price read at `end`, when it is not one a price may be followed by. */
export function badFollower(text: string, end: number): string | null {
  FOLLOWER.lastIndex = end;
  const word = FOLLOWER.exec(text)?.[1];
  return word && !PRICE_FOLLOWERS.has(word) ? word : null;
}

/**
 * A currency symbol anywhere, or a currency named next to any number. (A word right after a price
 * is checked where the price is read, in clauses.ts, with `followsPrice`.)
 */
export function unknownUnit(text: string): CostError | null {
  const symbol = SYMBOL.exec(text);
  if (symbol) return refuse(symbol[0], text.slice(Math.max(0, symbol.index - 8), symbol.index + 8));
  if (ANY_CURRENCY.test(text)) {
    const code = CODE_BEFORE.exec(text);
    if (code?.[1]) return refuse(code[1], text.slice(code.index, code.index + 12));
    const after = CODE_AFTER.exec(text);
    if (after?.[1]) return refuse(after[1], after[0]);
  }
  return null;
}
