/** A cache range on the card (issue 12): every period and the yearly saving show low–high. */
import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/core/cost/index.js';
import { costCard } from '../../src/views/cost.js';
import { cardToText } from '../../src/views/text.js';

const text = (scenario: string) => {
  const r = estimate(scenario);
  if (!r.ok) throw new Error(r.error.message);
  return cardToText(costCard(r.breakdown));
};

describe('a cost card with a cache range', () => {
  it('shows both yearly figures, and both ends for every period and the saving', () => {
    // 2M × $0.005 = $10,000/day before cache; 50% hits → $5,000, 20% hits → $8,000.
    const t = text('2M queries/day at $0.005 with 20-50% cache hits');
    expect(t).toContain('Per day: $5,000–$8,000');
    expect(t).toContain('Per month: $150,000–$240,000');
    expect(t).toContain('Per year: $1,825,000–$2,920,000');
    expect(t).toContain('Saved per year: $730,000–$1,825,000');
  });

  it('a single rate still shows single figures', () => {
    const t = text('1M queries/day at $0.01 with 40% cache hits');
    expect(t).toContain('Per year: $2,190,000');
    expect(t).toContain('Saved per year: $1,460,000');
  });

  it('the GPU card speaks of a month for all the GPUs, not a GPU month', () => {
    const t = text('8 GPUs at $2.50/hr');
    expect(t).toContain('$14,400 per month for 8 GPUs (8 × 720 GPU-hours)');
    expect(t).not.toContain('per GPU month');
  });
});
