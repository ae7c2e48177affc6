/** Units next to a price are understood or refused by name, never ignored; refusals offer a way on. */
import { describe, expect, it } from 'vitest';
import { breakdown, failure } from './helpers.js';

describe('units and currencies other than dollars and cents', () => {
  it.each([
    ['1M queries/day at 3 pence', 'pence'],
    ['1M queries/day at 1 bitcoin', 'bitcoin'],
    ['1M queries/day at 2 credits each', 'credits'],
    ['1M queries/day at 0.01 euros', 'euros'],
    ['1M queries/day at €0.01', '€'],
    ['1M queries/day at £0.01 per query', '£'],
    ['1M queries/day at 5 yen', 'yen'],
    ['1M queries/day at eur 0.01', 'eur'],
    ['1M queries/day, $0.01 points per query', 'points'],
    ['training 2M gbp one-time, inference $18M/year', 'gbp'],
  ])('%s → refused, naming %s', (text, word) => {
    const e = failure(text);
    expect(e.code).toBe('unknown_unit');
    expect(e.message).toContain(`\`${word}\``);
    expect(e.message).toMatch(/dollars and cents/);
    expect(e.example).toBeTruthy();
  });
});

describe('a scenario is read completely or refused', () => {
  it('names a word it cannot place, and offers the scenario without it', () => {
    const e = failure('hello 1M queries/day at $0.01');
    expect(e).toMatchObject({ code: 'unreadable', example: '1M queries/day at $0.01' });
    expect(e.message).toContain('`hello`');
  });

  it('never drops a word it could not place: without it the scenario may price something else', () => {
    const e = failure('our support bot: 1M queries/day at $0.01');
    expect(e.message).toContain('`support`');
    expect(e.example).toBe('1M queries/day at $0.01');
    // "gpt-4o mini" without "mini" would be priced as gpt-4o, 16× the cost: the name is joined instead.
    const model = failure('1M queries/day on GPT-4o mini, 1000 in / 800 out tokens');
    expect(model.message).toMatch(/`mini`.*the model `gpt-4o-mini`/);
    expect(model.example).toBe('1M queries/day on gpt-4o-mini, 1000 in / 800 out tokens');
    // 1M × (1000 × $0.15 + 800 × $0.60) per 1M tokens = $150 + $480 = $630 a day.
    expect(breakdown(model.example).cost).toMatchObject({ perDay: { value: '630' } });
  });

  it('names a near miss of a grammar word and offers the corrected scenario', () => {
    const e = failure('1M queries dialy at $0.01');
    expect(e.message).toMatch(/`dialy`.*did you mean `daily`/);
    expect(e.example).toBe('1M queries daily at $0.01');
    expect(breakdown(e.example).cost).toMatchObject({ perDay: { value: '10000' } });
  });

  it('offers the user’s scenario with the closest model name, not a made-up one', () => {
    const e = failure('gpt-4o-minii 2M queries/day, 500 in / 200 out tokens');
    expect(e.code).toBe('unknown_model');
    expect(e.example).toBe('gpt-4o-mini 2M queries/day, 500 in / 200 out tokens');
  });

  it('does not guess a number: a missing price is still asked for', () => {
    expect(failure('1M queries/day').code).toBe('missing_price');
    expect(failure('10k users, 20 queries each per day').code).toBe('missing_price');
  });
});

describe('the arithmetic shows every conversion', () => {
  it('people × usage is multiplied out in the steps', () => {
    const b = breakdown('10k users, 20 queries each per day at $0.01');
    expect(b.steps[0]).toBe('10,000 users × 20 queries each = 200,000 queries per day');
    expect(b.volume?.people).toMatchObject({ count: { value: '10000' }, unit: 'users', each: { value: '20' } });
  });

  it('a weekly volume is divided by 7, an hourly one multiplied by 24', () => {
    expect(breakdown('70k queries weekly at $0.01').steps[1]).toBe('$700 per week ÷ 7 = $100 per day');
    expect(breakdown('10k queries per hour at $0.01').steps[1]).toBe('$100 per hour × 24 = $2,400 per day');
  });

  it('the ×10 what-if of written numbers edits the user’s own words and estimates', () => {
    const b = breakdown('half a million queries/day at one cent');
    const x10 = b.whatIfs.find((w) => w.kind === 'volume-x10');
    expect(x10?.scenario).toBe('5M queries/day at one cent');
    expect(breakdown(x10?.scenario ?? '').cost).toMatchObject({ perDay: { value: '50000' } });
    const people = breakdown('10k users, 20 queries each per day at $0.01').whatIfs[0]?.scenario;
    expect(people).toBe('100k users, 20 queries each per day at $0.01');
  });
});

describe('a range in the headline', () => {
  it('shows both ends, so the title never quotes the worst case alone', () => {
    // $10,000/day uncached; 50% hits → $5,000, 20% hits → $8,000.
    expect(breakdown('1M queries/day at $0.01 with 20-50% cache hits').headline).toBe('$5,000–$8,000/day');
    expect(breakdown('1M queries/day at $0.01 with 40% cache hits').headline).toBe('$6,000/day');
  });
});
