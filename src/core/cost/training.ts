/** Training next to inference: year one, each one's share, and the training cost amortised monthly. */
import { MONTH_DAYS, present, project, type Raw, YEAR_DAYS } from './amounts.js';
import { HUNDRED } from './decimal.js';
import { count, formatCompact, formatCount, formatMoney, money, percent } from './money.js';
import type { TrainingIn } from './scenario.js';
import type { Amounts, BreakdownCore } from './types.js';
import { computeUsage, type UsageResult } from './usage.js';

export function computeTraining(s: TrainingIn): BreakdownCore {
  const T = s.cost;
  let inf: Raw;
  let infShown: Amounts;
  let usage: UsageResult | null = null;
  const steps: string[] = [];
  if (s.inference.kind === 'usage') {
    usage = computeUsage(s.inference.usage);
    inf = usage.cost.raw;
    infShown = usage.cost.shown;
    steps.push(...usage.steps);
  } else {
    const { amount, period } = s.inference;
    inf = project(amount, period);
    infShown = present(inf);
    if (period !== 'year' && infShown.basis === 'period')
      steps.push(`Inference ${formatMoney(amount)} per ${period} = ${infShown.perYear.formatted} per year (365 days)`);
  }
  // assemble() guarantees inference has a period; a bare total would count as one year.
  const infYear = inf.basis === 'period' ? inf.year : inf.total;
  const infMonth = inf.basis === 'period' ? inf.month : inf.total.times(MONTH_DAYS).div(YEAR_DAYS);
  const yearOne = T.plus(infYear);
  const trainingShare = T.times(HUNDRED).div(yearOne);
  const inferenceShare = HUNDRED.minus(trainingShare);
  const [t, y1, tShare, iShare] = [money(T), money(yearOne), percent(trainingShare), percent(inferenceShare)];
  const compact = formatCompact(yearOne);
  steps.push(
    `Year one: ${t.formatted} training + ${formatMoney(infYear)} inference = ${y1.formatted}`,
    `Training share: ${t.formatted} ÷ ${y1.formatted} = ${tShare.formatted}; inference ${iShare.formatted}`,
  );
  const summary = [`year one ${compact}`, `training ${tShare.formatted}`, `inference ${iShare.formatted}`];
  let amortised = null;
  if (s.months) {
    const perMonth = T.div(s.months);
    const a = { training: money(perMonth), inference: money(infMonth), total: money(perMonth.plus(infMonth)) };
    steps.push(
      `Amortised: ${t.formatted} ÷ ${formatCount(s.months)} months = ${a.training.formatted} per month + ${a.inference.formatted} inference = ${a.total.formatted} per month`,
    );
    summary.push(`${a.total.formatted}/month while amortised`);
    amortised = a;
  }
  return {
    kind: 'training',
    volume: usage?.volume ?? null,
    pricing: usage?.pricing ?? null,
    unitPrice: usage ? { unit: usage.unit, price: usage.unitPrice } : null,
    cost: { basis: 'total', total: y1 },
    headline: `Year one ${compact}`,
    summary: summary.join(' · '),
    steps,
    cache: usage?.cache ?? null,
    waste: usage?.waste ?? null,
    model: usage?.model ?? null,
    selfHost: null,
    training: {
      training: t,
      months: s.months ? count(s.months) : null,
      inference: infShown,
      yearOne: y1,
      trainingShare: tShare,
      inferenceShare: iShare,
      amortised,
    },
  };
}
