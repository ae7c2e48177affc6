import type { CostError, CostErrorCode } from './types.js';

export const MAX_LENGTH = 500;

/** Scenarios that always work; every error carries one (tests check they estimate cleanly). */
export const EXAMPLES = {
  basic: '1M queries/day at $0.01',
  tokens: '1M queries/day at $0.002 per 1k tokens, 800 tokens/query',
  cache: '1M queries/day at $0.01 with 40% cache hits',
  waste: '1M emails/day at $0.01, only 20% used',
  training: 'training $2M one-time, inference $18M/year',
  selfHost: '8 GPUs at $2.50/hr vs API $0.002/query',
  model: '1M queries/day on gpt-4o-mini, 1000 in / 800 out tokens',
} as const;

export const fail = (code: CostErrorCode, message: string, example: string = EXAMPLES.basic): CostError => ({
  code,
  message,
  example,
});

/** Quotes a fragment of the user's text safely inside `code` markup, shortened if long. */
export function quote(text: string): string {
  const t = text.trim().replaceAll('`', "'");
  return `\`${t.length > 40 ? `${t.slice(0, 39)}…` : t}\``;
}

export const errors = {
  empty: () => fail('empty', 'Give me a scenario: how many, how often and at what price.'),
  tooLong: (n: number) =>
    fail(
      'too_long',
      `That is ${n} characters; I read at most ${MAX_LENGTH}. Keep to the volume, the price and one extra.`,
    ),
  missingPrice: () => fail('missing_price', "I couldn't find a price — add one like `at $0.01` (per query)."),
  missingVolume: (what?: string) =>
    fail(
      'missing_volume',
      what
        ? `I couldn't tell what ${quote(what)} counts — put the unit right after the number, like \`1M queries/day\`.`
        : "I couldn't find a volume — start with how many, like `1M queries/day`, before the price.",
    ),
  missingTokens: () =>
    fail(
      'missing_tokens',
      'The price is per token, so I need the tokens per query — add one like `, 800 tokens/query`.',
      EXAMPLES.tokens,
    ),
  missingInference: () =>
    fail(
      'missing_inference',
      'Training alone has no comparison — add the inference cost, like `, inference $18M/year`, or a volume and price.',
      EXAMPLES.training,
    ),
  missingHourly: () =>
    fail('missing_price', 'GPUs are priced per hour — add one like `at $2.50/hr`.', EXAMPLES.selfHost),
  missingPeriod: (what: string, example: string = EXAMPLES.training) =>
    fail('missing_period', `${what} needs a period — like \`/day\`, \`/month\` or \`/year\`.`, example),
  notPositive: (what: string) =>
    fail('not_positive', `${what} must be more than zero — costs and volumes are positive numbers.`),
  outOfRange: (what: string) =>
    fail(
      'out_of_range',
      `${quote(what)} is out of range: I work with numbers from 10^-12 up to 10^15 (a quadrillion).`,
    ),
  badPercentage: (what: string, rule = 'a share must be between 0% and 100%', example: string = EXAMPLES.cache) =>
    fail('bad_percentage', `${quote(what)}: ${rule}.`, example),
  zeroUnit: () =>
    fail(
      'zero_unit',
      'The price is per zero tokens — give a real unit, like `per 1k tokens` or `per 1M tokens`.',
      EXAMPLES.tokens,
    ),
  unitMismatch: (message: string, example: string = EXAMPLES.basic) => fail('unit_mismatch', message, example),
  ambiguous: (message: string, example: string = EXAMPLES.basic) => fail('ambiguous', message, example),
  unknownModel: (name: string, suggestions: readonly string[]) =>
    fail(
      'unknown_model',
      `I don't have prices for ${quote(name)}.${suggestions.length ? ` Closest: ${suggestions.map((s) => `\`${s}\``).join(', ')}.` : ''}`,
      suggestions[0] ? `1M queries/day on ${suggestions[0]}, 1000 in / 800 out tokens` : EXAMPLES.model,
    ),
  unknownUnit: (word: string, shown: string) =>
    fail(
      'unknown_unit',
      `I price in US dollars and cents only, and ${quote(word)} in ${quote(shown)} is neither — write the price like \`at $0.01\`, \`at 1 cent\` or \`$2 per 1k queries\`.`,
    ),
  unreadable: (what?: string) =>
    fail(
      'unreadable',
      what
        ? `I couldn't place ${quote(what)} — a scenario reads like volume, price, then extras (cache, used share).`
        : "I couldn't read that scenario — it reads like volume, price, then extras.",
    ),
};
