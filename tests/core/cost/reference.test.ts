/** The reference figures of issue 3 (the first three are the chapter's own), as a user sees them. */
import { describe, expect, it } from 'vitest';
import { breakdown } from './helpers.js';

describe('reference figures', () => {
  it('1M queries at $0.01 → total $10,000, with a hint to add /day', () => {
    const b = breakdown('1M queries at $0.01');
    expect(b.cost).toEqual({ basis: 'total', total: { value: '10000', formatted: '$10,000' } });
    expect(b.summary).toBe('$10,000 total');
    expect(b.headline).toBe('$10,000 total');
    expect(b.hint).toContain('`1M queries/day at $0.01`');
  });

  it('1M queries/day at $0.01 → $10,000/day · $300,000/month · $3,650,000/year', () => {
    const b = breakdown('1M queries/day at $0.01');
    expect(b.summary).toBe('$10,000/day · $300,000/month · $3,650,000/year');
    expect(b.cost).toMatchObject({
      perDay: { value: '10000' },
      perMonth: { value: '300000' },
      perYear: { value: '3650000' },
    });
    expect(b.steps[0]).toBe('1,000,000 queries × $0.01 = $10,000 per day');
    expect(b.hint).toBeNull();
  });

  it('10M requests/day at $0.002 → $20,000/day · $7,300,000/year', () => {
    const b = breakdown('10M requests/day at $0.002');
    expect(b.summary).toContain('$20,000/day');
    expect(b.summary).toContain('$7,300,000/year');
  });

  it('1M queries/day at $0.002 per 1k tokens, 800 tokens/query → $0.0016/query · $1,600/day · $48,000/month · $584,000/year', () => {
    const b = breakdown('1M queries/day at $0.002 per 1k tokens, 800 tokens/query');
    expect(b.summary).toBe('$0.0016/query · $1,600/day · $48,000/month · $584,000/year');
    expect(b.unitPrice).toEqual({ unit: 'query', price: { value: '0.0016', formatted: '$0.0016' } });
    expect(b.steps[0]).toBe('800 tokens × $0.002 per 1k tokens = $0.0016 per query');
  });

  it('2 billion tokens per day at $0.50 per million tokens → $1,000/day · $365,000/year', () => {
    const b = breakdown('2 billion tokens per day at $0.50 per million tokens');
    expect(b.summary).toContain('$1,000/day');
    expect(b.summary).toContain('$365,000/year');
  });

  it('1M queries/day at $0.01 with 40% cache hits → $6,000/day · saves $4,000/day · $1,460,000/year saved', () => {
    const b = breakdown('1M queries/day at $0.01 with 40% cache hits');
    expect(b.summary).toBe('$6,000/day · saves $4,000/day · $1,460,000/year saved');
    expect(b.cache?.savings).toMatchObject({ perDay: { formatted: '$4,000' }, perYear: { formatted: '$1,460,000' } });
  });

  it('1M emails/day at $0.01, only 20% used → $10,000/day spent · $8,000/day wasted · $0.05 per email used', () => {
    const b = breakdown('1M emails/day at $0.01, only 20% used');
    expect(b.summary).toBe('$10,000/day spent · $8,000/day wasted · $0.05 per email used');
    expect(b.waste?.useful).toMatchObject({ perDay: { formatted: '$2,000' } });
  });

  it('training $2M one-time, inference $18M/year → year one $20M · training 10% · inference 90%', () => {
    const b = breakdown('training $2M one-time, inference $18M/year');
    expect(b.summary).toBe('year one $20M · training 10% · inference 90%');
    expect(b.training?.yearOne).toEqual({ value: '20000000', formatted: '$20,000,000' });
    expect(b.training?.trainingShare.value).toBe('10');
  });

  it('8 GPUs at $2.50/hr → $480/day · $14,400/month · $175,200/year', () => {
    expect(breakdown('8 GPUs at $2.50/hr').summary).toBe('$480/day · $14,400/month · $175,200/year');
  });

  it('8 GPUs at $2.50/hr vs API $0.002/query → break-even 240,000 queries/day', () => {
    const b = breakdown('8 GPUs at $2.50/hr vs API $0.002/query');
    expect(b.summary).toContain('break-even 240,000 queries/day');
    expect(b.selfHost?.breakEven?.perDay).toEqual({ value: '240000', formatted: '240,000' });
  });

  it('3 queries at $0.10 → $0.30, exactly', () => {
    const b = breakdown('3 queries at $0.10');
    expect(b.cost).toEqual({ basis: 'total', total: { value: '0.3', formatted: '$0.30' } });
  });

  it('the GPU month line says the $14,400 is for all 8 GPUs, and the year names its base', () => {
    // "$14,400 per GPU month" was wrong: it is eight GPU-months (8 × 720 GPU-hours), not one.
    const b = breakdown('8 GPUs at $2.50/hr');
    expect(b.steps[1]).toBe(
      '$480 per day × 30 = $14,400 per month for 8 GPUs (8 × 720 GPU-hours); $480 per day × 365 = $175,200 per year',
    );
    expect(b.steps.join('\n')).not.toContain('per GPU month');
  });

  it('the yearly step names the daily figure it multiplies, not the monthly one', () => {
    expect(breakdown('1M queries/day at $0.01').steps[1]).toBe(
      '$10,000 per day × 30 = $300,000 per month; $10,000 per day × 365 = $3,650,000 per year',
    );
  });

  it('a cache range carries low–high through day, month, year and the savings', () => {
    // 2M × $0.005 = $10,000/day; 20% hits → $8,000, 50% hits → $5,000.
    const b = breakdown('2M queries/day at $0.005 with 20-50% cache hits');
    expect(b.summary).toBe(
      '$5,000–$8,000/day · $150,000–$240,000/month · $1,825,000–$2,920,000/year at 20–50% cache hits · saves $2,000–$5,000/day · $730,000–$1,825,000/year',
    );
    expect(b.steps).toContain(
      'With 20–50% cache hits: $5,000–$8,000 per day × 30 = $150,000–$240,000 per month; $5,000–$8,000 per day × 365 = $1,825,000–$2,920,000 per year',
    );
    expect(b.steps).toContain(
      'Saved with 20–50% cache hits: $2,000–$5,000 per day, $60,000–$150,000 per month, $730,000–$1,825,000 per year',
    );
  });

  it('states the conventions in every answer', () => {
    for (const s of ['1M queries/day at $0.01', '8 GPUs at $2.50/hr', 'training $2M one-time, inference $18M/year'])
      expect(breakdown(s).conventions).toMatch(/month = 30 days, year = 365 days.*GPU month = 24 × 30 hours/);
  });
});
