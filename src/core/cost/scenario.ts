/** The structured scenario the parser produces and compute() prices. Internal: Decimals throughout. */
import type { Dec } from './decimal.js';
import type { ModelPrice } from './models.js';
import type { VolumePeriod } from './types.js';

export interface VolumeIn {
  readonly count: Dec;
  /** Plural as written: "queries". */
  readonly unit: string;
  readonly period: VolumePeriod | null;
  /** Where the quantity sits in the scenario text, for the ×10 what-if. */
  readonly span: readonly [number, number];
  /** Where the unit word ends, to show where `/day` would go. */
  readonly unitEnd: number;
  /** "10k users, 20 queries each": the count is people × each; `span` is the people's number. */
  readonly people: { readonly count: Dec; readonly word: string; readonly each: Dec } | null;
}

/** A price as written: `amount` dollars per `per` of `unit`. */
export interface PriceIn {
  readonly amount: Dec;
  readonly per: Dec;
  readonly unit: PriceUnit;
}

export type PriceUnit =
  | { readonly kind: 'none' }
  | { readonly kind: 'token' }
  | { readonly kind: 'time'; readonly period: VolumePeriod }
  | { readonly kind: 'unit'; readonly word: string };

export interface LegIn {
  readonly tokens: Dec;
  /** Dollars per `per` tokens. */
  readonly price: Dec;
  readonly per: Dec;
}

export type PricingIn =
  | { readonly kind: 'per-unit'; readonly price: Dec; readonly per: Dec }
  | { readonly kind: 'per-token'; readonly price: Dec; readonly per: Dec; readonly tokensPerUnit: Dec | null }
  | { readonly kind: 'input-output'; readonly input: LegIn | null; readonly output: LegIn | null }
  | { readonly kind: 'model'; readonly model: ModelPrice; readonly input: LegIn; readonly output: LegIn };

export interface CacheIn {
  /** Percent, 0–100; `high` is the top of a range. */
  readonly low: Dec;
  readonly high: Dec | null;
  /** What a cached query costs; zero unless a cached price was given. */
  readonly cachedUnitCost: Dec;
}

export interface UsageIn {
  readonly kind: 'usage';
  /** Null when no volume was written and one query is assumed. */
  readonly volume: VolumeIn | null;
  readonly pricing: PricingIn;
  readonly cache: CacheIn | null;
  /** Percent of results actually used, 0 < x ≤ 100. */
  readonly usedPercent: Dec | null;
}

export interface TrainingIn {
  readonly kind: 'training';
  readonly cost: Dec;
  readonly months: Dec | null;
  readonly inference:
    | { readonly kind: 'amount'; readonly amount: Dec; readonly period: VolumePeriod }
    | { readonly kind: 'usage'; readonly usage: UsageIn };
}

export interface SelfHostIn {
  readonly kind: 'self-host';
  readonly gpus: Dec;
  readonly gpuName: string | null;
  readonly hourly: Dec;
  /** The API alternative: its pricing per query. */
  readonly api: PricingIn | null;
  readonly volume: VolumeIn | null;
}

export type Scenario = UsageIn | TrainingIn | SelfHostIn;
