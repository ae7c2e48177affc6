/**
 * The cost engine's contract: what `estimate(text)` returns. Every amount is carried twice, as an
 * exact decimal string (dollars, plain notation, no rounding beyond 40 significant digits) and as
 * the string a person reads ("$10,000", "$0.0016"). Rendering (cards, text) lives in src/views.
 */

/** The period of a stated volume. Projections are always per day, per month and per year. */
export type VolumePeriod = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

export interface Money {
  /** Exact dollars, e.g. "10000" or "0.0016". */
  readonly value: string;
  /** Rounded half-up to the cent with separators; under a cent, significant digits ("$0.0016"). */
  readonly formatted: string;
}

/** A count (queries, tokens, GPUs) or a percentage: the exact value and its readable form. */
export interface Quantity {
  readonly value: string;
  readonly formatted: string;
}

/** Per day / month / year when the scenario has a period; a single total when it has none. */
export type Amounts =
  | { readonly basis: 'period'; readonly perDay: Money; readonly perMonth: Money; readonly perYear: Money }
  | { readonly basis: 'total'; readonly total: Money };

export interface Volume {
  readonly count: Quantity;
  /** The unit as written, plural ("queries", "tokens", "emails"). */
  readonly unit: string;
  /** Its singular ("query"), used in "per query". */
  readonly unitSingular: string;
  /** Null when no period was given: the figures are then a total. */
  readonly period: VolumePeriod | null;
  /** The volume per day, when there is a period. */
  readonly perDay: Quantity | null;
  /** True when no volume was written and one query was assumed (e.g. a model's per-query price). */
  readonly assumed: boolean;
  /** "10k users, 20 queries each": the people, their unit as written, and what each one does. */
  readonly people: { readonly count: Quantity; readonly unit: string; readonly each: Quantity } | null;
}

/** One priced token stream: `tokens` per query at `price` per `per` tokens. */
export interface TokenLeg {
  readonly tokens: Quantity;
  readonly price: Money;
  readonly per: Quantity;
  readonly cost: Money;
}

/** How the price of one unit of volume was worked out. */
export type Pricing =
  | { readonly kind: 'per-unit'; readonly price: Money; readonly per: Quantity }
  | {
      readonly kind: 'per-token';
      readonly price: Money;
      readonly per: Quantity;
      readonly tokensPerUnit: Quantity | null;
    }
  | { readonly kind: 'input-output'; readonly input: TokenLeg | null; readonly output: TokenLeg | null }
  | { readonly kind: 'model'; readonly input: TokenLeg; readonly output: TokenLeg };

export interface CacheDetail {
  /** Cache hit rate in percent; with a range, `hitRate` is its low end and the main figures use it. */
  readonly hitRate: Quantity;
  readonly hitRateHigh: Quantity | null;
  /** What a cached query costs (zero unless a cached-token price was given). */
  readonly cachedUnitPrice: Money;
  /** The cost without any cache. */
  readonly uncached: Amounts;
  readonly savings: Amounts;
  /** With a range: the cost and savings at its high end. */
  readonly best: { readonly cost: Amounts; readonly savings: Amounts } | null;
}

export interface WasteDetail {
  readonly usedShare: Quantity;
  readonly spent: Amounts;
  readonly useful: Amounts;
  readonly wasted: Amounts;
  /** What each result that is actually used costs. */
  readonly costPerUsed: Money;
}

export interface TrainingDetail {
  readonly training: Money;
  /** Months the training cost is spread over, or null for one-time. */
  readonly months: Quantity | null;
  readonly inference: Amounts;
  readonly yearOne: Money;
  /** Shares of year one, in percent. */
  readonly trainingShare: Quantity;
  readonly inferenceShare: Quantity;
  /** With `months`: training per month, inference per month and their sum. */
  readonly amortised: { readonly training: Money; readonly inference: Money; readonly total: Money } | null;
}

export interface SelfHostDetail {
  readonly gpus: Quantity;
  readonly gpuName: string | null;
  readonly hourly: Money;
  /** What one query costs on the API compared against, when given. */
  readonly apiPerQuery: Money | null;
  /** Queries at which the API bill equals the GPU bill (rounded up to a whole query). */
  readonly breakEven: { readonly perDay: Quantity; readonly perMonth: Quantity } | null;
  /** With a volume: the API's bill for it and which option is cheaper. */
  readonly comparison: { readonly api: Amounts; readonly cheaper: 'self-host' | 'api' | 'same' } | null;
}

export interface ModelDetail {
  readonly id: string;
  readonly provider: string;
  readonly inputPerMillion: Money;
  readonly outputPerMillion: Money;
  /** The provider charges more above a prompt-size threshold; these are the base-tier prices. */
  readonly tiered: boolean;
  readonly table: { readonly source: string; readonly version: string; readonly date: string };
}

export interface WhatIf {
  readonly kind: 'volume-x10' | 'cache';
  readonly label: string;
  /** A scenario the engine accepts, e.g. the same text with ten times the volume. */
  readonly scenario: string;
}

export type ScenarioKind = 'usage' | 'training' | 'self-host';

export interface Breakdown {
  readonly kind: ScenarioKind;
  /** The scenario as read (trimmed, trailing period removed). */
  readonly scenario: string;
  readonly volume: Volume | null;
  readonly pricing: Pricing | null;
  /** The cost of one unit of volume (after pricing, before cache), e.g. $0.0016 per query. */
  readonly unitPrice: { readonly unit: string; readonly price: Money } | null;
  /** The bill: for usage and self-host the running cost; for training, year one as a total. */
  readonly cost: Amounts;
  /** The figure to lead with: "$10,000/day", "$0.30 total", "Year one $20M", "$0.00063/query". */
  readonly headline: string;
  /** One line with the figures that matter, e.g. "$10,000/day · $300,000/month · $3,650,000/year". */
  readonly summary: string;
  /** The arithmetic, one human line per step. */
  readonly steps: readonly string[];
  readonly conventions: string;
  /** A suggestion when the answer is partial, e.g. add `/day` to project a total. */
  readonly hint: string | null;
  readonly cache: CacheDetail | null;
  readonly waste: WasteDetail | null;
  readonly training: TrainingDetail | null;
  readonly selfHost: SelfHostDetail | null;
  readonly model: ModelDetail | null;
  readonly whatIfs: readonly WhatIf[];
}

/** What each kind of scenario computes; compute() adds the scenario text, hint, conventions and what-ifs. */
export type BreakdownCore = Omit<Breakdown, 'scenario' | 'whatIfs' | 'hint' | 'conventions'>;

export type CostErrorCode =
  | 'empty'
  | 'too_long'
  | 'missing_price'
  | 'missing_volume'
  | 'missing_tokens'
  | 'missing_inference'
  | 'missing_period'
  | 'not_positive'
  | 'out_of_range'
  | 'bad_percentage'
  | 'zero_unit'
  | 'unit_mismatch'
  | 'ambiguous'
  | 'unknown_model'
  | 'unknown_unit'
  | 'unreadable';

export interface CostError {
  readonly code: CostErrorCode;
  /** What is missing or wrong, in a sentence a PM can act on. */
  readonly message: string;
  /** A scenario that works (it estimates without error). */
  readonly example: string;
}

export type EstimateResult =
  | { readonly ok: true; readonly breakdown: Breakdown }
  | { readonly ok: false; readonly error: CostError };
