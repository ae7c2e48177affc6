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
    // The range carries through every period, low–high (cost falls as hits rise, so best is the low end).
    const cost = ranges(best, x.cost);
    const saved = ranges(savings, bestSavings);
    const hits = `${low.replace('%', '')}–${high} cache hits`;
    if (cost.basis === 'period' && saved.basis === 'period') {
      steps.push(
        `With ${hits}: ${cost.day} per day × 30 = ${cost.month} per month; ${cost.day} per day × 365 = ${cost.year} per year`,
        `Saved with ${hits}: ${saved.day} per day, ${saved.month} per month, ${saved.year} per year`,
      );
      summary = [
        `${cost.day}/day · ${cost.month}/month · ${cost.year}/year at ${hits}`,
        `saves ${saved.day}/day · ${saved.year}/year`,
      ];
    } else if (cost.basis === 'total' && saved.basis === 'total') {
      summary = [`${cost.total} total at ${hits}`, `saves ${saved.total}`];
    } else summary = [];
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

type Ranges =
  | { readonly basis: 'period'; readonly day: string; readonly month: string; readonly year: string }
  | { readonly basis: 'total'; readonly total: string };

/** "low–high" for each figure of two projections of the same basis. */
function ranges(lo: Figures, hi: Figures): Ranges {
  const [a, b] = [lo.shown, hi.shown];
  const r = (x: string, y: string) => (x === y ? x : `${x}–${y}`);
  if (a.basis === 'period' && b.basis === 'period')
    return {
      basis: 'period',
      day: r(a.perDay.formatted, b.perDay.formatted),
      month: r(a.perMonth.formatted, b.perMonth.formatted),
      year: r(a.perYear.formatted, b.perYear.formatted),
    };
  return { basis: 'total', total: r(lead(lo), lead(hi)) };
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
