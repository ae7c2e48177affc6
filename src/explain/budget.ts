/**
 * What an explanation costs, from the tokens the API reports and the cost engine's price table
 * (the chapter's own lesson: inference is paid per request). Money is kept in whole micro-dollars,
 * rounded up, so the stored total never under-counts and never drifts with float arithmetic.
 */
import { D } from '../core/cost/decimal.js';
import { findModel, type ModelPrice } from '../core/cost/models.js';

/** Token counts as the API reports them (Chat Completions `usage`). */
export interface Usage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly prompt_tokens_details?: { readonly cached_tokens?: number | null } | null;
}

/** The configured model's prices, or undefined when the table does not know it. */
export function priceOf(model: string): ModelPrice | undefined {
  const found = findModel(model);
  return found.ok ? found.model : undefined;
}

/** Priced like the default model when the table does not know this one (a self-hosted or new model). */
export const FALLBACK_PRICE_MODEL = 'gpt-5.4-mini';
/** If even the fallback leaves the table, err on the expensive side so the budget still binds. */
const LAST_RESORT: ModelPrice = {
  id: 'unknown',
  provider: 'unknown',
  inputPerMillion: new D(10),
  outputPerMillion: new D(40),
  cachedPerMillion: null,
  tiered: false,
};

export function pricing(model: string): { readonly price: ModelPrice; readonly known: boolean } {
  const price = priceOf(model);
  return price ? { price, known: true } : { price: priceOf(FALLBACK_PRICE_MODEL) ?? LAST_RESORT, known: false };
}

/**
 * Micro-dollars for one call. A price per 1M tokens is exactly the micro-dollars per token, so the
 * cost is tokens × price, rounded up once at the end. Cached prompt tokens use the cached price
 * when the table has one.
 */
export function spendMicros(usage: Usage, price: ModelPrice): number {
  const cached = Math.min(usage.prompt_tokens, Math.max(0, usage.prompt_tokens_details?.cached_tokens ?? 0));
  const cachedPrice = price.cachedPerMillion ?? price.inputPerMillion;
  return new D(usage.prompt_tokens - cached)
    .times(price.inputPerMillion)
    .plus(new D(cached).times(cachedPrice))
    .plus(new D(usage.completion_tokens).times(price.outputPerMillion))
    .ceil()
    .toNumber();
}

/** A dollar amount (from the environment) in whole micro-dollars. */
export const usdToMicros = (usd: number): number => new D(usd).times(1_000_000).round().toNumber();
export const microsToUsd = (micros: number): number => new D(micros).div(1_000_000).toNumber();

/** The budget's day: UTC, so every instance and every member of a workspace agree on when it resets. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
