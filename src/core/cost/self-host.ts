/** Self-hosting: what GPUs cost per day, GPU month and year, and the break-even against an API. */
import { figures, perDays, plainSummary, present, projectPeriod } from './amounts.js';
import { type Dec, ONE, ROUND_UP } from './decimal.js';
import { count, formatCount, formatMoney, price } from './money.js';
import { unitCost } from './pricing.js';
import type { SelfHostIn } from './scenario.js';
import type { BreakdownCore, Quantity, SelfHostDetail } from './types.js';
import { perText } from './usage.js';

/** A break-even count: exact value, shown rounded up to a whole query. */
const whole = (d: Dec): Quantity => ({ value: d.toFixed(), formatted: formatCount(d.toDecimalPlaces(0, ROUND_UP)) });

export function computeSelfHost(s: SelfHostIn): BreakdownCore {
  const raw = projectPeriod(s.gpus.times(s.hourly), 'hour');
  const cost = figures(raw);
  const f = cost.shown.basis === 'period' ? cost.shown : null;
  const [day, month, year] = [f?.perDay.formatted, f?.perMonth.formatted, f?.perYear.formatted];
  const hourly = price(s.hourly);
  const gpus = `${formatCount(s.gpus)} ${s.gpuName ? `${s.gpuName.toUpperCase()} ` : ''}GPU${s.gpus.eq(ONE) ? '' : 's'}`;
  const steps = [
    `${gpus} × ${hourly.formatted}/hr × 24 hours = ${day} per day`,
    `${day} per day × 30 = ${month} per month for ${gpus} (${formatCount(s.gpus)} × 720 GPU-hours); ${day} per day × 365 = ${year} per year`,
  ];
  const summary = plainSummary(cost);
  let apiPerQuery = null;
  let breakEven = null;
  let comparison: SelfHostDetail['comparison'] = null;
  if (s.api) {
    const q = unitCost(s.api);
    apiPerQuery = price(q);
    if (s.api.kind === 'per-token' && s.api.tokensPerUnit)
      steps.push(
        `API: ${formatCount(s.api.tokensPerUnit)} tokens × ${perText(s.api.price, s.api.per, 'tokens')} = ${apiPerQuery.formatted} per query`,
      );
    breakEven = { perDay: whole(raw.day.div(q)), perMonth: whole(raw.month.div(q)) };
    steps.push(
      `Break-even: ${day} per day ÷ ${apiPerQuery.formatted} per query = ${breakEven.perDay.formatted} queries per day (${breakEven.perMonth.formatted} per month); above that, self-hosting is cheaper`,
    );
    summary.push(`break-even ${breakEven.perDay.formatted} queries/day`);
    if (s.volume?.period) {
      const api = projectPeriod(s.volume.count.times(q), s.volume.period);
      const cheaper = api.day.gt(raw.day) ? 'self-host' : api.day.lt(raw.day) ? 'api' : 'same';
      const vd = formatCount(perDays(s.volume.count, s.volume.period, 1));
      steps.push(`At ${vd} queries per day the API costs ${formatMoney(api.day)} per day vs ${day} self-hosted`);
      comparison = { api: present(api), cheaper };
      if (cheaper !== 'same')
        summary.push(
          `${cheaper === 'api' ? 'the API' : 'self-hosting'} saves ${formatMoney(api.day.minus(raw.day).abs())}/day at ${vd} queries/day`,
        );
    }
  }
  return {
    kind: 'self-host',
    volume: null,
    pricing: null,
    unitPrice: null,
    cost: cost.shown,
    headline: `${day}/day`,
    summary: summary.join(' · '),
    steps,
    cache: null,
    waste: null,
    model: null,
    training: null,
    selfHost: { gpus: count(s.gpus), gpuName: s.gpuName, hourly, apiPerQuery, breakEven, comparison },
  };
}
