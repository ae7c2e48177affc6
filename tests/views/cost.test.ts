import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/core/cost/index.js';
import { Actions } from '../../src/views/actions.js';
import type { Block, Card } from '../../src/views/card.js';
import { costCard, costErrorCard } from '../../src/views/cost.js';

function card(text: string): Card {
  const r = estimate(text);
  if (!r.ok) throw new Error(r.error.message);
  return costCard(r.breakdown);
}
function errorCard(text: string): Card {
  const r = estimate(text);
  if (r.ok) throw new Error('expected an error');
  return costErrorCard(r.error);
}
const block = <K extends Block['kind']>(c: Card, kind: K) =>
  c.blocks.find((b): b is Extract<Block, { kind: K }> => b.kind === kind);
const fieldMap = (c: Card) => Object.fromEntries(block(c, 'fields')?.fields.map((f) => [f.label, f.value]) ?? []);

describe('costCard', () => {
  it('leads with the headline and shows per day, month and year', () => {
    const c = card('1M queries/day at $0.01');
    expect(block(c, 'header')).toEqual({ kind: 'header', title: '$10,000/day', subtitle: '1M queries/day at $0.01' });
    expect(fieldMap(c)).toEqual({ 'Per day': '$10,000', 'Per month': '$300,000', 'Per year': '$3,650,000' });
    expect(block(c, 'text')?.text).toContain('1,000,000 queries × $0.01 = $10,000 per day');
    expect(block(c, 'context')?.text).toMatch(/month = 30 days, year = 365 days/);
    expect(c.summary).toBe('1M queries/day at $0.01: $10,000/day · $300,000/month · $3,650,000/year');
  });

  it('offers ×10 volume and a cache what-if as buttons whose scenario estimates', () => {
    const buttons = block(card('1M queries/day at $0.01'), 'actions')?.buttons ?? [];
    expect(buttons.map((b) => [b.action, b.label, b.value.q])).toEqual([
      [Actions.costWhatIf, '×10 volume', '10M queries/day at $0.01'],
      [Actions.costWhatIf, 'With 40% cache hits', '1M queries/day at $0.01 with 40% cache hits'],
    ]);
    for (const b of buttons) {
      expect(b.label.length).toBeLessThanOrEqual(75);
      expect(b.value.q?.length ?? 0).toBeLessThanOrEqual(2000);
      expect(estimate(b.value.q ?? '').ok).toBe(true);
    }
  });

  it('a total without a period gets a Total field and the /day hint', () => {
    const c = card('3 queries at $0.10');
    expect(fieldMap(c)).toEqual({ Total: '$0.30' });
    expect(c.blocks.some((b) => b.kind === 'text' && b.tone === 'attention' && b.text.includes('/day'))).toBe(true);
  });

  it('shows the per-query price, cache savings and waste where they apply', () => {
    expect(fieldMap(card('1M queries/day at $0.002 per 1k tokens, 800 tokens/query'))['Per query']).toBe('$0.0016');
    expect(fieldMap(card('1M queries/day at $0.01 with 40% cache hits'))).toMatchObject({
      'Per day': '$6,000',
      'Cache saves': '$4,000/day',
      'Saved per year': '$1,460,000',
    });
    expect(fieldMap(card('1M emails/day at $0.01, only 20% used'))).toMatchObject({
      Wasted: '$8,000/day',
      'Per email used': '$0.05',
    });
  });

  it('a cache range shows both ends of the savings', () => {
    expect(fieldMap(card('1M queries/day at $0.01 with 30-60% cache hits'))['Cache saves']).toBe('$3,000–$6,000/day');
  });

  it('training: year one and the shares', () => {
    const c = card('training $2M one-time, inference $18M/year');
    expect(block(c, 'header')?.title).toBe('Year one $20M');
    expect(fieldMap(c)).toEqual({
      'Year one': '$20,000,000',
      Training: '$2,000,000 (10%)',
      'Inference, year one': '$18,000,000 (90%)',
    });
    expect(block(c, 'actions')).toBeUndefined();
  });

  it('self-hosting: GPU cost and break-even', () => {
    const c = card('8 GPUs at $2.50/hr vs API $0.002/query');
    expect(fieldMap(c)).toMatchObject({
      'Per day': '$480',
      'Per month': '$14,400',
      'Break-even': '240,000 queries/day',
    });
  });

  it('model prices name the table version and date', () => {
    const c = card('1M queries/day on gpt-4o-mini, 1000 in / 800 out tokens');
    expect(block(c, 'context')?.text).toContain('@pydantic/genai-prices 0.1.8 (2026-09-23)');
    expect(fieldMap(c)['Per query']).toBe('$0.00063');
  });

  it('is plain JSON (no undefined, no class instances)', () => {
    const c = card('1M queries/day at $0.01 with 30-60% cache hits');
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });
});

describe('costErrorCard', () => {
  it('says what is wrong and offers the working example', () => {
    const c = errorCard('1M queries at');
    expect(block(c, 'header')?.title).toBe("Couldn't estimate that");
    expect(c.blocks.find((b) => b.kind === 'text' && b.tone === 'bad')).toMatchObject({
      text: expect.stringContaining('price'),
    });
    const [b] = block(c, 'actions')?.buttons ?? [];
    expect(b).toMatchObject({ action: Actions.costWhatIf, label: 'Try the example' });
    expect(estimate(b?.value.q ?? '').ok).toBe(true);
  });
});
