import { describe, expect, it } from 'vitest';
import { D } from '../../../src/core/cost/decimal.js';
import {
  formatCompact,
  formatCount,
  formatMoney,
  formatPercent,
  formatPrice,
  quantityText,
} from '../../../src/core/cost/money.js';
import { breakdown } from './helpers.js';

const m = (s: string) => formatMoney(new D(s));

describe('formatMoney', () => {
  it.each([
    ['10000', '$10,000'],
    ['3650000', '$3,650,000'],
    ['0.3', '$0.30'],
    ['1234.5', '$1,234.50'],
    ['999.999', '$1,000'],
    ['0.125', '$0.13'], // half-up, not banker's
    ['0.135', '$0.14'],
    ['2.675', '$2.68'], // 2.675 is 2.67499… as a binary float; exact decimals round up
    ['1234567890123.455', '$1,234,567,890,123.46'],
    ['0', '$0'],
  ])('%s → %s', (v, out) => expect(m(v)).toBe(out));

  it.each([
    ['0.0016', '$0.0016'],
    ['0.00063', '$0.00063'],
    ['0.000625', '$0.000625'],
    ['0.0012345', '$0.00123'],
    ['0.001', '$0.001'],
    ['0.00999', '$0.00999'],
    ['0.0099999', '$0.01'],
    ['0.000000001', '$0.000000001'],
  ])('sub-cent %s → %s (never $0.00)', (v, out) => expect(m(v)).toBe(out));
});

describe('formatPrice keeps the digits of a unit price', () => {
  it.each([
    ['0.0152', '$0.0152'],
    ['0.05', '$0.05'],
    ['0.5', '$0.50'],
    ['2.505', '$2.505'],
    ['2.5', '$2.50'],
    ['0.123456', '$0.1235'],
  ])('%s → %s', (v, out) => expect(formatPrice(new D(v))).toBe(out));
});

describe('other formats', () => {
  it('compact amounts only when exact', () => {
    expect(formatCompact(new D('20000000'))).toBe('$20M');
    expect(formatCompact(new D('3650000'))).toBe('$3.65M');
    expect(formatCompact(new D('1234567'))).toBe('$1,234,567');
    expect(formatCompact(new D('2500000000'))).toBe('$2.5B');
  });
  it('counts and percentages', () => {
    expect(formatCount(new D('33333.3333'))).toBe('33,333.33');
    expect(formatCount(new D('1000000'))).toBe('1,000,000');
    expect(formatPercent(new D('10'))).toBe('10%');
    expect(formatPercent(new D('21.50537'))).toBe('21.5%');
  });
  it('quantities the grammar reads back', () => {
    expect(
      ['10000000', '15000', '2500000000', '3333.33', '7', '823586865010', '1234'].map((v) => quantityText(new D(v))),
    ).toEqual(['10M', '15k', '2.5B', '3333.33', '7', '823586865.01k', '1.234k']);
  });
});

describe('exact arithmetic end to end', () => {
  it('0.1 + 0.2 style sums are exact', () => {
    expect(breakdown('3 queries at $0.10').cost).toMatchObject({ total: { value: '0.3' } });
    expect(breakdown('7 queries at $0.1').cost).toMatchObject({ total: { value: '0.7', formatted: '$0.70' } });
  });
  it('a tiny total shows its digits, not $0.00', () => {
    expect(breakdown('1 query at $0.0004').cost).toMatchObject({ total: { formatted: '$0.0004' } });
  });
});
