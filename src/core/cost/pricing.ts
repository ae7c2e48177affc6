/** The cost of one unit of volume under each kind of pricing. */
import { D, type Dec, divide, ZERO } from './decimal.js';
import type { LegIn, PricingIn } from './scenario.js';

export const MILLION_TOKENS = new D('1e6');

/** tokens × price ÷ per, multiplying first so only the last step can round. */
export const legCost = (l: LegIn | null): Dec => (l ? divide(l.tokens.times(l.price), l.per) : ZERO);

export function unitCost(p: PricingIn): Dec {
  switch (p.kind) {
    case 'per-unit':
      return divide(p.price, p.per);
    case 'per-token':
      return divide(p.tokensPerUnit ? p.tokensPerUnit.times(p.price) : p.price, p.per);
    case 'input-output':
    case 'model':
      return legCost(p.input).plus(legCost(p.output));
  }
}
