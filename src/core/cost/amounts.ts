/** Projection of an amount per stated period onto per day / month / year, and its presentation. */
import { D, type Dec } from './decimal.js';
import { money } from './money.js';
import type { Amounts, VolumePeriod } from './types.js';

/** Every period as a fraction of days (numerator, denominator): month = 30 days, year = 365 days. */
const DAYS: Record<VolumePeriod, readonly [number, number]> = {
  second: [1, 86_400],
  minute: [1, 1_440],
  hour: [1, 24],
  day: [1, 1],
  week: [7, 1],
  month: [30, 1],
  year: [365, 1],
};

export const MONTH_DAYS = 30;
export const YEAR_DAYS = 365;

export const CONVENTIONS =
  'Day is the base unit: month = 30 days, year = 365 days (not 12 months); GPU month = 24 × 30 hours. ' +
  'Exact decimal arithmetic; money rounds half-up to the cent.';

/** Decimal constants for the factors above, built once (constructing Decimals is the hot path). */
const factors = new Map<number, Dec>();
function factor(n: number): Dec {
  const known = factors.get(n);
  if (known) return known;
  const made = new D(n);
  factors.set(n, made);
  return made;
}

/** An amount per `from` period converted to `days` days: multiply first, divide once, last. */
export function perDays(amount: Dec, from: VolumePeriod, days: number): Dec {
  const [num, den] = DAYS[from];
  const times = days * den;
  const scaled = times === 1 ? amount : amount.times(factor(times));
  return num === 1 ? scaled : scaled.div(factor(num));
}

export type PeriodRaw = { readonly basis: 'period'; readonly day: Dec; readonly month: Dec; readonly year: Dec };
export type Raw = PeriodRaw | { readonly basis: 'total'; readonly total: Dec };

/** Per day, month and year for an amount per `period`; a total when there is no period. */
export const project = (amount: Dec, period: VolumePeriod | null): Raw =>
  period ? projectPeriod(amount, period) : { basis: 'total', total: amount };

export function projectPeriod(amount: Dec, period: VolumePeriod): PeriodRaw {
  // A stated month or year keeps its own amount exactly (no ÷30 × 30 round trip).
  return {
    basis: 'period',
    day: perDays(amount, period, 1),
    month: period === 'month' ? amount : perDays(amount, period, MONTH_DAYS),
    year: period === 'year' ? amount : perDays(amount, period, YEAR_DAYS),
  };
}

/** Applies `f` to every figure (the projection is linear, so shares and differences map through). */
/** Scales every figure by `k` (the projection is linear, so shares map through). */
export const mapRaw = (r: Raw, k: Dec): Raw =>
  r.basis === 'total'
    ? { basis: 'total', total: r.total.times(k) }
    : { basis: 'period', day: r.day.times(k), month: r.month.times(k), year: r.year.times(k) };

/** a − b, figure by figure (savings, waste). */
export const subRaw = (a: Raw, b: Raw): Raw =>
  a.basis === 'total' || b.basis === 'total'
    ? { basis: 'total', total: headline(a).minus(headline(b)) }
    : { basis: 'period', day: a.day.minus(b.day), month: a.month.minus(b.month), year: a.year.minus(b.year) };

/** The figure a headline shows: per day, or the total. */
export const headline = (r: Raw): Dec => (r.basis === 'period' ? r.day : r.total);

export const present = (r: Raw): Amounts =>
  r.basis === 'total'
    ? { basis: 'total', total: money(r.total) }
    : { basis: 'period', perDay: money(r.day), perMonth: money(r.month), perYear: money(r.year) };

/** Exact figures and their presentation, computed together once (formatting is the hot path). */
export interface Figures {
  readonly raw: Raw;
  readonly shown: Amounts;
}
export const figures = (raw: Raw): Figures => ({ raw, shown: present(raw) });

/** The lead figure as text: per day, or the total. */
export const lead = (f: Figures): string =>
  f.shown.basis === 'period' ? f.shown.perDay.formatted : f.shown.total.formatted;
/** "$10,000/day", or "$10,000" for a total. */
export const leadPerDay = (f: Figures): string => (f.shown.basis === 'period' ? `${lead(f)}/day` : lead(f));
/** "per day" or "in total", for the arithmetic lines. */
export const unitText = (f: Figures): string => (f.shown.basis === 'period' ? 'per day' : 'in total');

/** "$10,000/day · $300,000/month · $3,650,000/year", or "$10,000 total". */
export const plainSummary = (f: Figures): string[] =>
  f.shown.basis === 'period'
    ? [`${f.shown.perDay.formatted}/day`, `${f.shown.perMonth.formatted}/month`, `${f.shown.perYear.formatted}/year`]
    : [`${f.shown.total.formatted} total`];

/** How a stated period turns into days, for the arithmetic lines ("÷ 30", "× 24"). */
export function toDayOp(period: VolumePeriod): string {
  const [num, den] = DAYS[period];
  return num === 1 ? `× ${den.toLocaleString('en-US')}` : `÷ ${num}`;
}
