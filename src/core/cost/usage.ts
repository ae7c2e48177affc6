/** Prices a usage scenario (volume × price per unit, with cache and waste). Also the inference side of training. */
import { type Figures, figures, lead, perDays, plainSummary, project, toDayOp } from './amounts.js';
import { type Dec, ONE } from './decimal.js';
import { priceTable } from './models.js';
import { count, formatCount, formatMoney, formatPrice, price, quantityText } from './money.js';
import { isTokenWord, singular } from './numbers.js';
import { legCost, unitCost } from './pricing.js';
import type { LegIn, PricingIn, UsageIn } from './scenario.js';
import type { CacheDetail, ModelDetail, Money, Pricing, Quantity, TokenLeg, Volume, WasteDetail } from './types.js';
import { cacheEffect, costWithCache, wasteEffect } from './usage-extras.js';

export interface UsageResult {
  readonly cost: Figures;
  readonly unitPrice: Money;
  readonly unit: string;
  readonly volume: Volume;
  readonly pricing: Pricing;
  readonly steps: string[];
  /** Summary parts; the caller joins them with " · ". */
  readonly summary: string[];
  readonly cache: CacheDetail | null;
  readonly waste: WasteDetail | null;
  readonly model: ModelDetail | null;
}

const leg = (l: LegIn): TokenLeg => ({
  tokens: count(l.tokens),
  price: price(l.price),
  per: count(l.per),
  cost: price(legCost(l)),
});

/** "per 1" is by far the most common unit: its presentation is a constant. */
const PER_ONE: Quantity = { value: '1', formatted: '1' };
const perCount = (per: Dec): Quantity => (per.eq(ONE) ? PER_ONE : count(per));

/** The written pricing, presented; `unitPrice` is reused when the written price is the unit price. */
function pricingOut(p: PricingIn, unitPrice: Money): Pricing {
  switch (p.kind) {
    case 'per-unit':
      return { kind: 'per-unit', price: p.per.eq(ONE) ? unitPrice : price(p.price), per: perCount(p.per) };
    case 'per-token':
      return {
        kind: 'per-token',
        price: price(p.price),
        per: perCount(p.per),
        tokensPerUnit: p.tokensPerUnit ? count(p.tokensPerUnit) : null,
      };
    case 'input-output':
      return { kind: 'input-output', input: p.input ? leg(p.input) : null, output: p.output ? leg(p.output) : null };
    case 'model':
      return { kind: 'model', input: leg(p.input), output: leg(p.output) };
  }
}

/** "$0.002 per 1k tokens"; "$0.01" for a plain unit price. */
export const perText = (amount: Dec, per: Dec, what: string): string => perOf(formatPrice(amount), per, what);

/** The same from an already formatted price (so a figure is formatted once). */
const perOf = (amount: string, per: Dec, what: string): string =>
  per.eq(ONE) ? `${amount}${what ? ` per ${what}` : ''}` : `${amount} per ${quantityText(per)} ${what}`.trimEnd();

const legText = (shown: TokenLeg | null, l: LegIn | null, dir: string): string | null =>
  shown && l ? `${shown.tokens.formatted} ${dir} tokens × ${perOf(shown.price.formatted, l.per, 'tokens')}` : null;

/** How one unit's price comes about, when it is more than the price as written. */
function pricingSteps(pricing: PricingIn, shown: Pricing, unitPrice: string, unit: string): string[] {
  if (pricing.kind === 'per-token' && shown.kind === 'per-token' && pricing.tokensPerUnit && shown.tokensPerUnit)
    return [
      `${shown.tokensPerUnit.formatted} tokens × ${perOf(shown.price.formatted, pricing.per, 'tokens')} = ${unitPrice} per ${unit}`,
    ];
  if (
    (pricing.kind === 'input-output' || pricing.kind === 'model') &&
    (shown.kind === 'input-output' || shown.kind === 'model')
  ) {
    const i = legText(shown.input, pricing.input, 'input');
    const o = legText(shown.output, pricing.output, 'output');
    const parts = i && o ? `${i} + ${o}` : (i ?? o ?? '');
    return [`${pricing.kind === 'model' ? `${pricing.model.id}: ` : ''}${parts} = ${unitPrice} per ${unit}`];
  }
  return [];
}

function modelDetail(pricing: PricingIn, shown: Pricing): ModelDetail | null {
  if (pricing.kind !== 'model' || shown.kind !== 'model') return null;
  const m = pricing.model;
  return {
    id: m.id,
    provider: m.provider,
    inputPerMillion: shown.input.price,
    outputPerMillion: shown.output.price,
    tiered: m.tiered,
    table: { source: priceTable.source, version: priceTable.version, date: priceTable.date },
  };
}

/** The amount in the period the volume was stated in ("$300,000" for a monthly volume). */
function stated(f: Figures, full: Dec, period: string | null): string {
  const s = f.shown;
  if (s.basis === 'total') return s.total.formatted;
  return period === 'day'
    ? s.perDay.formatted
    : period === 'month'
      ? s.perMonth.formatted
      : period === 'year'
        ? s.perYear.formatted
        : formatMoney(full);
}

/** "$10,000 per day × 30 = $300,000 per month; $10,000 per day × 365 = …": each step names its base. */
export const yearSteps = (day: string, month: string, year: string): string =>
  `${day} per day × 30 = ${month} per month; ${day} per day × 365 = ${year} per year`;

export function computeUsage(s: UsageIn): UsageResult {
  const { volume, pricing, cache, usedPercent } = s;
  const V = volume?.count ?? ONE;
  const period = volume?.period ?? null;
  const units = volume?.unit ?? 'queries';
  const unit = volume ? singular(volume.unit) : 'query';
  const uc = unitCost(pricing);
  const unitPrice = price(uc);
  const shown = pricingOut(pricing, unitPrice);
  const steps = pricingSteps(pricing, shown, unitPrice.formatted, unit);
  const summary: string[] = [];
  if (steps.length > 0 || !volume) summary.push(`${unitPrice.formatted}/${unit}`);

  const full = V.times(uc);
  const effective = cache ? costWithCache(V, uc, cache, cache.low) : full;
  const cost = figures(project(effective, period));
  // Without a cache the full cost is the cost: compute and format it once.
  const fullCost = cache ? figures(project(full, period)) : cost;
  const count_ = count(V);
  const perDay = period === 'day' ? count_ : period ? count(perDays(V, period, 1)) : null;

  if (volume) {
    const rate =
      pricing.kind === 'per-token' && !pricing.tokensPerUnit
        ? perText(pricing.price, pricing.per, isTokenWord(units) ? units : 'tokens')
        : pricing.kind === 'per-unit' && !pricing.per.eq(ONE)
          ? perText(pricing.price, pricing.per, units)
          : unitPrice.formatted;
    const inPeriod = stated(fullCost, full, period);
    const per = period ? `per ${period}` : 'in total';
    if (volume.people) {
      const p = volume.people;
      steps.push(
        `${formatCount(p.count)} ${p.word} × ${formatCount(p.each)} ${units} each = ${count_.formatted} ${units} ${per}`,
      );
    }
    steps.push(`${count_.formatted} ${units} × ${rate} = ${inPeriod} ${per}`);
    const f = fullCost.shown;
    if (period && period !== 'day')
      steps.push(`${inPeriod} per ${period} ${toDayOp(period)} = ${lead(fullCost)} per day`);
    if (f.basis === 'period') steps.push(yearSteps(f.perDay.formatted, f.perMonth.formatted, f.perYear.formatted));
  }

  // Volumes per day (or in total) for the cache and waste lines.
  const ctx = {
    V,
    Vd: period ? perDays(V, period, 1) : V,
    period,
    units,
    unit,
    uc,
    unitPrice: unitPrice.formatted,
    effective,
    cost,
    fullCost,
  };
  const c = cache ? cacheEffect(ctx, cache) : null;
  const w = usedPercent ? wasteEffect(ctx, usedPercent) : null;
  if (c) steps.push(...c.steps);
  if (w) steps.push(...w.steps);
  if (w) summary.push(...w.summary);
  else if (c) summary.push(...c.summary);
  else if (volume) summary.push(...plainSummary(cost));

  const model = modelDetail(pricing, shown);
  if (model)
    steps.push(
      `Prices: ${model.id} ${model.inputPerMillion.formatted} per 1M input tokens, ${model.outputPerMillion.formatted} per 1M output tokens${model.tiered ? ' (base tier)' : ''} — ${priceTable.source} ${priceTable.version}, ${priceTable.date}`,
    );

  return {
    cost,
    unitPrice,
    unit,
    volume: volume
      ? {
          count: count_,
          unit: volume.unit,
          unitSingular: unit,
          period,
          perDay,
          assumed: false,
          people: volume.people
            ? { count: count(volume.people.count), unit: volume.people.word, each: count(volume.people.each) }
            : null,
        }
      : {
          count: count_,
          unit: 'queries',
          unitSingular: 'query',
          period: null,
          perDay: null,
          assumed: true,
          people: null,
        },
    pricing: shown,
    steps,
    summary,
    cache: c?.detail ?? null,
    waste: w?.detail ?? null,
    model,
  };
}
