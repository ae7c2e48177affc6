/**
 * The scenario grammar as regular expressions over lower-cased text. Each clause is found anywhere
 * in the text (order is free: "at $0.01 for 1M queries/day" works) and blanked out once read, so
 * what is left at the end shows what was not understood.
 */
import { type Dec, PERCENT } from './decimal.js';
import { QTY, quantity } from './numbers.js';
import { FILLER } from './vocabulary.js';

/** Global, so a clause read repeatedly continues where its last match ended (one scan, not many). */
const re = (source: string) => new RegExp(source, 'g');
/** Not inside a word. */
const W = '(?<![a-z])';
/** Not followed by more word. */
const E = '(?![a-z])';

/** Cents after a number: `0.3 cents`, `1 cent`, `1c`, `1¢`. */
export const CENTS = `(?:¢|cents?${E}|c${E})`;
/**
 * Money: `$2.50`, `$2M`, `10 dollars`, `USD 5`, `0.3 cents`, `1¢`, or a bare number right after
 * `at`/`@`/`costs` (`at 0.01`). A bare number's unit, if any, is checked by units.ts.
 */
const MONEY = String.raw`\$\s*${QTY}|usd\s*${QTY}|${QTY}\s*(?:dollars?${E}|usd${E}|bucks${E}|${CENTS})|(?=\.?\d)(?<=${W}(?:at|@|costs?|costing)\s{1,3})${QTY}(?!\s*%)`;

/** What a price is per: `/query`, `per 1k tokens`, `per million tokens`, `/1M`, `a query`, `/hr`. */
/** Words that start the next clause, so never the unit of a price ("$1/1M with 40% cache hits"). */
const STOP = `(?:with|and|only|just|at|for|on|using|via|vs|versus|plus|or|cache[ds]?|to|in|over|of)${E}`;
const PER = String.raw`(?:\s*/\s*|\s+per\s+|\s+an?\s+)(?:(?<perqty>${QTY}|thousand|million|billion)${E}(?:\s*(?!${STOP})(?<perunit>[a-z][a-z0-9-]*))?|(?!${STOP})(?<perunit2>[a-z][a-z0-9-]*))`;

const PERIOD_WORD =
  'day|month|year|hour|hr|minute|min|second|sec|week|daily|monthly|yearly|annually|annual|hourly|weekly';
export const PERIOD = String.raw`(?:\s*/\s*(?<p1>day|d|month|mo|mth|year|yr|y|hour|hr|h|minute|min|second|sec|s|week|wk)|\s+(?:per|an?|each|every)\s+(?<p2>day|month|year|hour|hr|minute|min|second|sec|week)|\s+(?<p3>daily|monthly|yearly|annually|annual|hourly|weekly|per\s+annum))${E}`;

/** A unit noun that is not a period ("query" in "800 tokens/query", never "day"). */
const UNIT = `(?!(?:${PERIOD_WORD})s?${E})[a-z][a-z-]*`;

const PCT = String.raw`(?<pct>${QTY}\s*%?\s*(?:-|–|to)\s*${QTY}\s*%|${QTY}\s*%)`;

/** Words that cannot be the unit of a volume ("8 GPUs" is not a volume of GPUs). */
const RESERVED = `(?:thousand|million|billion|trillion|bn|mn|k|m|b|at|per|a|an|each|every|and|or|with|vs|versus|of|x|in|out|input|output|prompt|completion|gpus?|cache[ds]?|hits?|months?|mos?|years?|days?|weeks?|hours?|hrs?|used|percent|dollars?|usd|for|on|to|only|just|over|one|is|are|the)${E}`;

/** Who uses the product, for "10k users, 20 queries each per day". */
const WHO =
  'users?|employees?|seats?|customers?|people|persons?|members?|staff|agents?|students?|developers?|devs?|learners?|reps?|clients?|subscribers?|accounts?';
const WHO_ONE =
  'user|employee|seat|customer|person|member|head|agent|student|developer|dev|learner|rep|client|subscriber|account';
/** "each", "apiece", "per user": what one person does. */
const EACH = String.raw`(?:\s+(?:each|apiece)|\s+(?:per|a|an|each|every)\s+(?:${WHO_ONE}))${E}`;

export const G = {
  model: re(String.raw`${W}(?:on|using|via|model)\s+(?:the\s+)?(?:model\s+)?(?<name>[a-z][a-z0-9._:/-]*[a-z0-9])`),

  training: re(
    String.raw`${W}training(?:\s+(?:run|runs|costs?|of|is|at|for|budget|spend))*\s*(?:[:=~]\s*)?(?<money>${MONEY})(?:\s*,?\s*(?<once>one[- ]?time|one[- ]?off|once|up[- ]?front)${E})?`,
  ),
  amortise: re(String.raw`${W}(?:amorti[sz]ed\s+)?over\s+(?<qty>${QTY})\s*(?<unit>months?|mos?|years?|yrs?)${E}`),
  inference: re(
    String.raw`${W}inference(?:\s+(?:costs?|of|is|at|spend|bill))*\s*(?:[:=~]\s*)?(?<money>${MONEY})(?:${PERIOD})?`,
  ),

  gpus: re(String.raw`(?=[\d.])(?<qty>${QTY})\s*(?:x\s*)?(?:(?<name>[a-z][a-z0-9-]*)\s+)?gpus?${E}`),
  hourly: re(
    String.raw`(?:${W}(?:at|@|for|costing)\s+)?(?<money>${MONEY})\s*(?:/|per|an?|each)\s*(?:gpu\s*[-/]?\s*)?(?:hr|hour|h)${E}(?:\s+each${E})?`,
  ),
  api: re(
    String.raw`${W}(?:vs\.?|versus|compared\s+(?:to|with)|against|or)\s+(?:an?\s+|the\s+)?api(?:\s+(?:at|@|price|pricing|costs?|of|is))*\s*(?:[:=~]\s*)?(?<money>${MONEY})(?:${PER})?`,
  ),

  ioPriced: re(
    String.raw`(?=[\d.])(?<tok>${QTY})\s*(?<dir>input|in|prompt|output|out|completion)\s+tokens?(?:\s*(?:/|per|an?|each)\s*${UNIT})?\s*,?\s*(?:at|@|for)\s*(?<money>${MONEY})(?:${PER})?`,
  ),
  ioPair: re(
    String.raw`(?=[\d.])(?<in>${QTY})\s*(?:input|in|prompt)(?:\s+tokens?)?\s*(?:/|,|and|\+|&)\s*(?<out>${QTY})\s*(?:output|out|completion)(?:\s+tokens?)?(?:\s*(?:/|per|an?|each)\s*${UNIT})?`,
  ),
  /** "500 tokens in, 300 out", "500 tokens in / 300 tokens out". */
  ioPairAfter: re(
    String.raw`(?=[\d.])(?<in>${QTY})\s*tokens?\s+(?:in|input|prompt)${E}\s*(?:/|,|and|\+|&)?\s*(?<out>${QTY})\s*(?:tokens?\s+)?(?:out|output|completion)${E}(?:\s+tokens?${E})?`,
  ),
  ioLeg: re(
    String.raw`(?=[\d.])(?<tok>${QTY})\s*(?<dir>input|in|prompt|output|out|completion)\s+tokens?(?:\s*(?:/|per|an?|each)\s*${UNIT})?`,
  ),
  tokensPerUnit: re(String.raw`(?=[\d.])(?<tok>${QTY})\s*tokens?\s*(?:/|per|an?|each|every)\s*(?<unit>${UNIT})`),

  cacheAfter: re(
    String.raw`(?:${W}(?:with|and|plus)\s+)?(?:an?\s+)?${PCT}\s*(?:of\s+(?:queries|requests|calls)\s+)?(?:cached(?:\s*(?:at|@)\s*(?<money>${MONEY})(?:${PER})?)?|cache(?:[\s-]+hits?)?(?:\s+rate)?|hit\s+rate|(?:served\s+)?from\s+(?:the\s+)?cache)${E}`,
  ),
  cacheBefore: re(
    String.raw`${W}(?:with\s+)?(?:an?\s+)?(?:cache[\s-]*hits?(?:\s+rate)?|cache\s+rate|hit\s+rate)(?:\s+(?:of|at|is))?\s*[:=~]?\s*${PCT}`,
  ),
  waste: re(
    String.raw`(?:${W}(?:only|just)\s+)?(?<pct>${QTY}\s*%)\s*(?:of\s+(?:them|those|it|these|the\s+[a-z]+|[a-z]+)\s+)?(?:(?:are|is|get|gets|being|actually)\s+){0,2}(?:used|useful|read|opened|acted\s+on)${E}`,
  ),

  // Each starts with a look at the first character: most positions fail there, cheaply (speed).
  price: re(
    String.raw`(?=[$@.\dacfpu])(?:${W}(?:at|@|costs?|costing|for|priced\s+at)\s+)?(?<money>${MONEY})(?:${PER})?(?:\s+each${E})?`,
  ),
  people: re(
    String.raw`(?=[\d.])(?<people>${QTY})\s*(?<who>${WHO})${E}\s*(?:[,;×x*]|\s(?:with|making|sending|asking|running|doing|who\s+(?:make|send|ask|run|do))${E})?\s*(?:each\s+(?:making|sending|asking|doing|running|with)\s+)?(?=[\d.])(?<qty>${QTY})(?![\w.,])\s*(?!${RESERVED})(?<unit>[a-z][a-z-]*)(?<each1>${EACH})?(?:${PERIOD})?(?<each2>${EACH})?`,
  ),
  volume: re(String.raw`(?=[\d.])(?<qty>${QTY})(?![\w.,])\s*(?!${RESERVED})(?<unit>[a-z][a-z-]*)(?:${PERIOD})?`),

  /** A volume with no unit ("5M/day" after "$0.002/query"): the price's unit names it. */
  bareVolume: re(String.raw`(?<![\w.$]\s?)(?=[\d.])(?<qty>${QTY})(?![\w.,])(?:${PERIOD})`),

  /** Left-over pieces that mean something was not understood (a number, a price, a period, a keyword). */
  leftover: re(
    String.raw`[\d$%]\S*|(?:${W}per\s+|/\s*)[a-z]+|${W}(?:${PERIOD_WORD}|days|months|years|cache[ds]?|hits?|used|training|inference|gpus?|tokens?|input|output|api)${E}|${W}(?!(?:${FILLER.join('|')})${E})[a-z][a-z'-]*`,
  ),
};

const PERIODS: Record<string, 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year'> = {
  s: 'second',
  sec: 'second',
  second: 'second',
  min: 'minute',
  minute: 'minute',
  h: 'hour',
  hr: 'hour',
  hour: 'hour',
  hourly: 'hour',
  d: 'day',
  day: 'day',
  daily: 'day',
  wk: 'week',
  week: 'week',
  weekly: 'week',
  mo: 'month',
  mth: 'month',
  month: 'month',
  monthly: 'month',
  y: 'year',
  yr: 'year',
  year: 'year',
  yearly: 'year',
  annually: 'year',
  annual: 'year',
};

/** The period named by the p1/p2/p3 groups of a PERIOD match, if any. */
export function periodOf(groups: Record<string, string | undefined> | undefined) {
  const word = groups?.p1 ?? groups?.p2 ?? groups?.p3;
  if (!word) return null;
  return PERIODS[word] ?? (word.startsWith('per') ? 'year' : null);
}

const IN_CENTS = /(?:¢|cents?|c)$/;

/** `$2.50`, `2 dollars`, `0.01`, `0.3 cents` → its value in dollars. */
export function moneyValue(money: string): Dec {
  // The common "$0.01" needs no regex (speed).
  if (money.charCodeAt(0) === 36 && !/[a-z¢]/.test(money)) return quantity(money.slice(1).trim());
  const t = money.trim();
  const cents = IN_CENTS.exec(t);
  if (cents) return quantity(t.slice(0, cents.index).trim()).times(PERCENT);
  return quantity(t.replace(/[$]|dollars?|usd|bucks/g, '').trim());
}
