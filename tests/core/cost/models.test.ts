import { describe, expect, it } from 'vitest';
import { closestModels, findModel, priceTable } from '../../../src/core/cost/index.js';
import { breakdown, failure } from './helpers.js';

describe('model prices from the genai-prices snapshot', () => {
  it('names the table and its date', () => {
    expect(priceTable).toMatchObject({ source: '@pydantic/genai-prices', version: '0.1.8', date: '2026-09-23' });
  });

  it('gpt-4o-mini with 1000 in / 800 out tokens costs $0.00063 per query', () => {
    const b = breakdown('on gpt-4o-mini, 1000 in / 800 out tokens');
    expect(b.headline).toBe('$0.00063/query');
    expect(b.unitPrice?.price.value).toBe('0.00063');
    expect(b.model).toMatchObject({
      id: 'gpt-4o-mini',
      provider: 'openai',
      inputPerMillion: { formatted: '$0.15' },
      outputPerMillion: { formatted: '$0.60' },
      table: { version: '0.1.8', date: '2026-09-23' },
    });
    expect(b.steps.join('\n')).toContain('@pydantic/genai-prices 0.1.8, 2026-09-23');
    expect(b.hint).toMatch(/volume/);
  });

  it('projects a model price over a volume', () => {
    expect(breakdown('1M queries/day on gpt-4o-mini, 1000 in / 800 out tokens').summary).toBe(
      '$0.00063/query · $630/day · $18,900/month · $229,950/year',
    );
  });

  it('finds aliases, provider prefixes and any case', () => {
    expect(findModel('GPT-4o-mini-2024-07-18')).toMatchObject({ ok: true, model: { id: 'gpt-4o-mini' } });
    expect(findModel('openai/gpt-4o-mini')).toMatchObject({ ok: true, model: { id: 'gpt-4o-mini' } });
    expect(
      breakdown('1M queries/day using GPT-4o-mini, 1000 input tokens, 800 output tokens').unitPrice?.price.value,
    ).toBe('0.00063');
  });

  it('an unknown model suggests the closest names, and the example is the scenario with the first', () => {
    const e = failure('on gpt4o-mini, 1000 in / 800 out tokens');
    expect(e.code).toBe('unknown_model');
    expect(e.message).toContain('`gpt-4o-mini`');
    // The user's own scenario with the name corrected: no volume is made up for them.
    expect(e.example).toBe('on gpt-4o-mini, 1000 in / 800 out tokens');
    expect(closestModels('claude-sonet-4-5')[0]).toBe('claude-sonnet-4-5');
  });

  it('refuses a model and a price together', () => {
    expect(failure('1M queries/day on gpt-4o-mini at $0.01, 1000 in / 800 out tokens').code).toBe('ambiguous');
  });

  it('every model in the table estimates (so any suggestion is a working example)', () => {
    for (const m of priceTable.models) {
      const b = breakdown(`1M queries/day on ${m.id}, 1000 in / 800 out tokens`);
      expect(b.model?.id).toBe(m.id);
    }
  });
});
