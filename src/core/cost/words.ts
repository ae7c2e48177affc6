/**
 * Written numbers → digits, before the grammar reads the text: "half a million" → "0.5 million",
 * "twenty queries" → "20 queries", "a dozen" → "12", "one cent" → "1 cent". Scale words
 * (thousand, million, billion) stay as they are: the grammar reads "0.5 million" already. Offsets
 * into the rewritten text map back to the text as written, so the ×10 what-if and the `/day` hint
 * edit the user's own words.
 */

const UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const VALUES = new Map<string, number>([
  ...UNITS.map((w, i) => [w, i] as const).slice(1),
  ...TENS.map((w, i) => [w, 20 + 10 * i] as const),
]);
const NUMBER_WORD = [...TENS, ...UNITS.slice(1)].join('|');
const DIGIT_WORD = UNITS.slice(1, 10).join('|');
const MULTIPLIERS: Record<string, number> = { dozen: 12, hundred: 100 };
const FRACTIONS: Record<string, number> = { half: 0.5, tenth: 0.1, quarter: 0.25 };

/** Cheap test first: most scenarios have no written number at all (speed). */
export const MAYBE_WORDS = String.raw`(?<![a-z])(?:${NUMBER_WORD}|half|dozen|hundred|tenth|quarter|an?\s+(?:thousand|million|billion|cents?))(?![a-z])(?!-(?:time|off))`;
const MAYBE = new RegExp(MAYBE_WORDS);

/**
 * One written number: a lead (a fraction, "a", a number word, or digits before dozen/hundred),
 * then an optional multiplier. "one" before "-time"/"time"/"off" is left alone (training once).
 */
const PHRASE = new RegExp(
  String.raw`(?<![a-z\d.,])(?:(?:(?<frac>half)|(?:a|one)\s+(?<frac2>tenth|quarter)\s+of)\s+an?(?=\s)|(?<a>an?)(?=\s+(?:dozen|hundred|thousand|million|billion|cents?)(?![a-z]))|(?<word>${NUMBER_WORD})(?:-(?<unit>${DIGIT_WORD}))?(?![a-z-])(?!\s+(?:time|off)(?![a-z]))|(?<digits>\d+(?:\.\d+)?)(?=\s*(?:dozen|hundred)(?![a-z])))(?:\s*(?<mult>dozen|hundred)(?![a-z]))?`,
  'g',
);

export interface Normalised {
  readonly text: string;
  /** Maps an offset in `text` back to the text as given; null when nothing was rewritten. */
  readonly origin: ((at: number) => number) | null;
}

/** Decimal text of a small exact value (values here are at most 99 × 100 × 12, or fractions). */
const digits = (n: number): string => String(Math.round(n * 1e6) / 1e6);

export function normaliseNumbers(text: string): Normalised {
  if (!MAYBE.test(text)) return { text, origin: null };
  // Replaced regions: [start in the new text, end in the new text, start in the old, end in the old].
  const regions: [number, number, number, number][] = [];
  let out = '';
  let at = 0;
  PHRASE.lastIndex = 0;
  for (let m = PHRASE.exec(text); m; m = PHRASE.exec(text)) {
    if (m[0].length === 0) {
      PHRASE.lastIndex++;
      continue;
    }
    const g = m.groups ?? {};
    let value: number;
    if (g.frac) value = FRACTIONS[g.frac] ?? 0;
    else if (g.frac2) value = FRACTIONS[g.frac2] ?? 0;
    else if (g.a) value = 1;
    else if (g.word) value = (VALUES.get(g.word) ?? 0) + (g.unit ? (VALUES.get(g.unit) ?? 0) : 0);
    else value = Number(g.digits);
    if (g.mult) value *= MULTIPLIERS[g.mult] ?? 1;
    const end = m.index + m[0].length;
    // Spaces around the phrase are left as they are, so offsets after it map back one to one.
    const replacement = digits(value);
    out += text.slice(at, m.index);
    regions.push([out.length, out.length + replacement.length, m.index, end]);
    out += replacement;
    at = end;
  }
  if (regions.length === 0) return { text, origin: null };
  out += text.slice(at);
  const origin = (i: number): number => {
    let delta = 0;
    for (const [ns, ne, , oe] of regions) {
      if (i <= ns) break;
      if (i < ne) return oe;
      delta = oe - ne;
    }
    return i + delta;
  };
  return { text: out, origin };
}
