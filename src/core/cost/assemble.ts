/** Turns the clauses found in a scenario into one consistent Scenario, or says what is wrong. */
import type { Clauses } from './clauses.js';
import { type Dec, divide, HUNDRED, ONE, ZERO } from './decimal.js';
import { EXAMPLES, errors } from './errors.js';
import type { ModelPrice } from './models.js';
import { isTokenWord } from './numbers.js';
import { legCost, MILLION_TOKENS, unitCost } from './pricing.js';
import type { CacheIn, LegIn, PriceIn, PricingIn, Scenario, UsageIn } from './scenario.js';
import type { CostError } from './types.js';

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CostError };
const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const no = (error: CostError): Result<never> => ({ ok: false, error });

const SELF_HOST_TOKENS = '8 GPUs at $2.50/hr vs API $10/1M tokens, 1000 tokens/query';

/** Is a price per tokens? Explicitly (`per 1M tokens`), or implied by a bulk unit (`/1M`). */
const perTokens = (p: PriceIn) => p.unit.kind === 'token' || (p.unit.kind === 'none' && p.per.gt(ONE));

function checkPrice(p: PriceIn, what: string): CostError | null {
  if (p.per.isZero()) return errors.zeroUnit();
  if (p.amount.isZero()) return errors.notPositive(what);
  if (p.unit.kind === 'time')
    return p.unit.period === 'hour'
      ? errors.unitMismatch(
          'A price per hour is a GPU price — say how many GPUs: `8 GPUs at $2.50/hr`.',
          EXAMPLES.selfHost,
        )
      : errors.unitMismatch(`A price per ${p.unit.period} is a budget — price one query instead, like \`at $0.01\`.`);
  return null;
}

/** The pricing of one query from a single written price (the usage price or the API's). */
function singlePricing(p: PriceIn, c: Clauses, tokensVolume: boolean, tokensExample: string): Result<PricingIn> {
  if (c.tokensPerUnit.length > 1)
    return no(errors.ambiguous('I found more than one tokens-per-query figure — give one.'));
  // A bare bulk unit (`$5/1k`) counts tokens only when tokens per query are given; else it counts the volume's units.
  const tokenPriced =
    p.unit.kind === 'token' || (p.unit.kind === 'none' && p.per.gt(ONE) && c.tokensPerUnit.length > 0);
  if (tokensVolume || tokenPriced) {
    if (p.unit.kind === 'unit')
      return no(errors.unitMismatch('The volume is in tokens, so price it per tokens, like `$0.50 per 1M tokens`.'));
    const tpu = c.tokensPerUnit[0] ?? null;
    if (!tokensVolume && !tpu) return no({ ...errors.missingTokens(), example: tokensExample });
    if (tpu?.isZero()) return no(errors.notPositive('Tokens per query'));
    return ok({ kind: 'per-token', price: p.amount, per: p.per, tokensPerUnit: tokensVolume ? null : tpu });
  }
  return ok({ kind: 'per-unit', price: p.amount, per: p.per });
}

type Leg = Clauses['legs'][number];
const isInput = (l: Leg) => l.dir === 'input';
const isOutput = (l: Leg) => l.dir === 'output';
const isPriced = (l: Leg) => l.price !== null;
const ioExample = '1M queries/day, 1000 input tokens at $0.15/1M, 800 output tokens at $0.60/1M';
const modelLeg = (tokens: Dec | undefined, price: Dec): LegIn => ({
  tokens: tokens ?? ZERO,
  price,
  per: MILLION_TOKENS,
});

function pricedLeg(l: Leg | undefined, what: string): Result<LegIn | null> {
  if (!l) return ok(null);
  if (!l.price) return no(errors.missingPrice());
  const bad =
    checkPrice(l.price, what) ??
    (l.price.unit.kind === 'unit'
      ? errors.unitMismatch(`Price ${what} per tokens, like \`at $0.15/1M\`.`, ioExample)
      : null);
  return bad ? no(bad) : ok({ tokens: l.tokens, price: l.price.amount, per: l.price.per });
}

function legPricing(c: Clauses, model: ModelPrice | null): Result<PricingIn> {
  const input = c.legs.filter(isInput);
  const output = c.legs.filter(isOutput);
  if (input.length > 1 || output.length > 1)
    return no(errors.ambiguous('I found the input or output tokens twice — give each once.', EXAMPLES.model));
  const [i, o] = [input[0], output[0]];
  if ((i?.tokens ?? ZERO).plus(o?.tokens ?? ZERO).isZero()) return no(errors.notPositive('Tokens per query'));
  if (model) {
    if (c.legs.some(isPriced) || c.prices.length > 0)
      return no(
        errors.ambiguous(
          `Give either a model or prices, not both: the model \`${model.id}\` has its own prices.`,
          EXAMPLES.model,
        ),
      );
    return ok({
      kind: 'model',
      model,
      input: modelLeg(i?.tokens, model.inputPerMillion),
      output: modelLeg(o?.tokens, model.outputPerMillion),
    });
  }
  if (c.prices.length > 0)
    return no(errors.ambiguous('Give the prices with the input and output tokens, not separately.', ioExample));
  const pi = pricedLeg(i, 'the input tokens');
  if (!pi.ok) return pi;
  const po = pricedLeg(o, 'the output tokens');
  if (!po.ok) return po;
  return ok({ kind: 'input-output', input: pi.value, output: po.value });
}

function cacheOf(c: Clauses, pricing: PricingIn, tokensVolume: boolean): Result<CacheIn | null> {
  if (c.caches.length > 1)
    return no(errors.ambiguous('I found two cache rates — give one (a range like `30-60%` works).', EXAMPLES.cache));
  const k = c.caches[0];
  if (!k) return ok(null);
  if (k.low.gt(HUNDRED) || (k.high?.gt(HUNDRED) ?? false)) return no(errors.badPercentage(k.text));
  let cached = ZERO;
  if (k.price) {
    const p = k.price;
    if (p.per.isZero()) return no(errors.zeroUnit());
    if (p.unit.kind === 'time')
      return no(errors.unitMismatch('Price cached tokens like `50% cached at $0.30/1M`.', EXAMPLES.cache));
    const rate = divide(p.amount, p.per);
    if (!perTokens(p)) cached = rate;
    else if (pricing.kind === 'model' || pricing.kind === 'input-output')
      cached = rate.times(pricing.input?.tokens ?? ZERO).plus(legCost(pricing.output));
    else if (pricing.kind === 'per-token' && (pricing.tokensPerUnit || tokensVolume))
      cached = rate.times(pricing.tokensPerUnit ?? ONE);
    else return no(errors.missingTokens());
    if (cached.gt(unitCost(pricing)))
      return no(
        errors.unitMismatch(
          'That cached price is above the normal price — check its unit (`$0.30/1M` is per million tokens).',
          EXAMPLES.cache,
        ),
      );
  }
  return ok({ low: k.low, high: k.high, cachedUnitCost: cached });
}

function usage(c: Clauses, model: ModelPrice | null): Result<UsageIn> {
  if (c.volumes.length > 1)
    return no(
      errors.ambiguous(
        `I found ${c.volumes.length} volumes (${c.volumes.map((v) => `\`${v.unit}\``).join(', ')}) — give one.`,
      ),
    );
  const volume = c.volumes[0] ?? null;
  if (volume?.count.isZero()) return no(errors.notPositive('The volume'));
  const tokensVolume = volume ? isTokenWord(volume.unit) : false;
  let pricing: Result<PricingIn>;
  if (model || c.legs.length > 0) pricing = legPricing(c, model);
  else if (c.prices.length > 1) return no(errors.ambiguous('I found more than one price — give one, like `at $0.01`.'));
  else if (!c.prices[0])
    return no(volume ? errors.missingPrice() : c.tokensPerUnit.length ? errors.missingPrice() : errors.unreadable());
  else {
    const bad = checkPrice(c.prices[0], 'The price');
    pricing = bad ? no(bad) : singlePricing(c.prices[0], c, tokensVolume, EXAMPLES.tokens);
  }
  if (!pricing.ok) return pricing;
  if (!volume && pricing.value.kind === 'per-unit') return no(errors.missingVolume());
  const cache = cacheOf(c, pricing.value, tokensVolume);
  if (!cache.ok) return cache;
  if (c.used.length > 1)
    return no(errors.ambiguous('I found two used shares — give one, like `only 20% used`.', EXAMPLES.waste));
  const used = c.used[0];
  if (used && (used.percent.isZero() || used.percent.gt(HUNDRED)))
    return no(errors.badPercentage(used.text, 'the used share must be above 0% and at most 100%', EXAMPLES.waste));
  return ok({ kind: 'usage', volume, pricing: pricing.value, cache: cache.value, usedPercent: used?.percent ?? null });
}

const noisyExtras = (c: Clauses) => c.caches.length > 0 || c.used.length > 0 || c.legs.length > 0;

function training(c: Clauses, model: ModelPrice | null): Result<Scenario> {
  const t = c.training;
  if (!t) return no(errors.unreadable());
  if (t.amount.isZero()) return no(errors.notPositive('The training cost'));
  if (c.gpus) return no(errors.ambiguous('Ask about training or about GPUs, one at a time.', EXAMPLES.training));
  const a = c.amortise;
  if (a?.unit === 'year') return no(errors.unreadable('over … years — amortise over months, like `over 24 months`'));
  if (a?.count.isZero()) return no(errors.notPositive('The amortisation period'));
  const months = a?.count ?? null;
  if (c.inference) {
    if (c.volumes.length > 0 || c.prices.length > 0)
      return no(errors.ambiguous('Give inference as an amount or as a volume and price, not both.', EXAMPLES.training));
    if (!c.inference.period) return no(errors.missingPeriod(`\`${c.inference.text.trim()}\``));
    if (c.inference.amount.isZero()) return no(errors.notPositive('The inference cost'));
    return ok({
      kind: 'training',
      cost: t.amount,
      months,
      inference: { kind: 'amount', amount: c.inference.amount, period: c.inference.period },
    });
  }
  if (c.volumes.length === 0 && c.prices.length === 0 && !model) return no(errors.missingInference());
  const u = usage(c, model);
  if (!u.ok) return u;
  if (!u.value.volume?.period)
    return no(errors.missingPeriod('The inference volume', 'training $2M over 24 months + 10M queries/day at $0.002'));
  return ok({ kind: 'training', cost: t.amount, months, inference: { kind: 'usage', usage: u.value } });
}

function selfHost(c: Clauses, model: ModelPrice | null): Result<Scenario> {
  const g = c.gpus;
  if (!g) return no(errors.unreadable());
  if (g.count.isZero()) return no(errors.notPositive('The number of GPUs'));
  if (!c.hourly) return no(errors.missingHourly());
  if (c.hourly.isZero()) return no(errors.notPositive('The GPU price'));
  if (c.prices.length > 0 || model || noisyExtras(c))
    return no(
      errors.ambiguous(
        'For GPUs I read the count, the hourly price and `vs API $…/query` — nothing else.',
        EXAMPLES.selfHost,
      ),
    );
  if (c.volumes.length > 1) return no(errors.ambiguous('I found more than one volume — give one.', EXAMPLES.selfHost));
  const volume = c.volumes[0] ?? null;
  if (volume && !volume.period)
    return no(errors.missingPeriod('The volume', `${EXAMPLES.selfHost} for 1M queries/day`));
  if (volume?.count.isZero()) return no(errors.notPositive('The volume'));
  let api: PricingIn | null = null;
  if (c.api) {
    const bad = checkPrice(c.api, 'The API price');
    if (bad) return no(bad);
    const p = singlePricing(c.api, c, false, SELF_HOST_TOKENS);
    if (!p.ok) return p;
    api = p.value;
  }
  return ok({ kind: 'self-host', gpus: g.count, gpuName: g.name, hourly: c.hourly, api, volume });
}

export function assemble(c: Clauses, model: ModelPrice | null): Result<Scenario> {
  if (c.training) return training(c, model);
  if (c.gpus) return selfHost(c, model);
  if (c.inference) return no(errors.unreadable(c.inference.text));
  return usage(c, model);
}
