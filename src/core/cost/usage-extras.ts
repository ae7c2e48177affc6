/** The cache and waste parts of a usage estimate: their figures, arithmetic lines and summary. */
import { type Figures, figures, lead, leadPerDay, mapRaw, project, subRaw, unitText } from './amounts.js';
import { type Dec, HUNDRED, PERCENT } from './decimal.js';
import { formatCount, formatPercent, formatPrice, percent, price } from './money.js';
import type { CacheIn } from './scenario.js';
import type { CacheDetail, VolumePeriod, WasteDetail } from './types.js';

export interface UsageContext {
  readonly V: Dec;
  /** The volume per day, or in total. */
  readonly Vd: Dec;
  readonly period: VolumePeriod | null;
  readonly units: string;
  readonly unit: string;
  readonly uc: Dec;
  readonly unitPrice: string;
  /** The cost per stated period after cache. */
  readonly effective: Dec;
  /** The cost after cache, and without it. */
  readonly cost: Figures;
  readonly fullCost: Figures;
}

interface Effect<T> {
  readonly detail: T;
  readonly steps: string[];
  readonly summary: string[];
}

/** V × (uncached share × unit cost + cached share × cached cost), one division at the end. */
export const costWithCache = (V: Dec, uc: Dec, cache: CacheIn, hits: Dec): Dec =>
  V.times(uc.times(HUNDRED.minus(hits)).plus(cache.cachedUnitCost.times(hits))).times(PERCENT);

export function cacheEffect(x: UsageContext, cache: CacheIn): Effect<CacheDetail> {
  const savings = figures(subRaw(x.fullCost.raw, x.cost.raw));
  const best = cache.high ? figures(project(costWithCache(x.V, x.uc, cache, cache.high), x.period)) : null;
  const bestSavings = best ? figures(subRaw(x.fullCost.raw, best.raw)) : null;
  const paying = x.Vd.times(HUNDRED.minus(cache.low)).times(PERCENT);
  const cached = cache.cachedUnitCost.isZero()
    ? 'cached ones cost nothing'
    : `cached ones ${formatPrice(cache.cachedUnitCost)}`;
  const low = formatPercent(cache.low);
  const steps = [
    `${low} cache hits: ${formatCount(paying)} of ${formatCount(x.Vd)} ${x.units} pay ${x.unitPrice}, ${cached} = ${lead(x.cost)} ${unitText(x.cost)}, saving ${lead(savings)} ${unitText(savings)}`,
  ];
  let summary: string[];
  if (best && bestSavings && cache.high) {
    const high = formatPercent(cache.high);
    steps.push(
      `At ${high} cache hits: ${lead(best)} ${unitText(best)}, saving ${lead(bestSavings)} ${unitText(bestSavings)}`,
    );
    summary = [
      `${leadPerDay(x.cost)} at ${low} to ${leadPerDay(best)} at ${high} cache hits`,
      `saves ${leadPerDay(savings)} to ${leadPerDay(bestSavings)}`,
    ];
  } else {
    const s = savings.shown;
    summary = [
      leadPerDay(x.cost),
      `saves ${leadPerDay(savings)}`,
      ...(s.basis === 'period' ? [`${s.perYear.formatted}/year saved`] : []),
    ];
  }
  return {
    detail: {
      hitRate: percent(cache.low),
      hitRateHigh: cache.high ? percent(cache.high) : null,
      cachedUnitPrice: price(cache.cachedUnitCost),
      uncached: x.fullCost.shown,
      savings: savings.shown,
      best: best && bestSavings ? { cost: best.shown, savings: bestSavings.shown } : null,
    },
    steps,
    summary,
  };
}

export function wasteEffect(x: UsageContext, usedPercent: Dec): Effect<WasteDetail> {
  const share = usedPercent.times(PERCENT);
  const useful = figures(mapRaw(x.cost.raw, share));
  const wasted = figures(subRaw(x.cost.raw, useful.raw));
  // Each used result carries the cost of the unused ones: effective unit cost ÷ used share.
  const perUsed = price(x.effective.times(HUNDRED).div(x.V.times(usedPercent)));
  const usedCount = formatCount(x.Vd.times(usedPercent).times(PERCENT));
  const tail = x.cost.shown.basis === 'period' ? '/day' : '';
  return {
    detail: {
      usedShare: percent(usedPercent),
      spent: x.cost.shown,
      useful: useful.shown,
      wasted: wasted.shown,
      costPerUsed: perUsed,
    },
    steps: [
      `${formatPercent(usedPercent)} used: ${usedCount} of ${formatCount(x.Vd)} ${x.units}; ${lead(x.cost)} ÷ ${usedCount} = ${perUsed.formatted} per ${x.unit} used; ${lead(wasted)} ${unitText(wasted)} wasted`,
    ],
    summary: [
      `${lead(x.cost)}${tail} spent`,
      `${lead(wasted)}${tail} wasted`,
      `${perUsed.formatted} per ${x.unit} used`,
    ],
  };
}
