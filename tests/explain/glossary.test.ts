import { describe, expect, it } from 'vitest';
import { findTerms, glossaryExplanation, glossaryOf, MAX_TERMS } from '../../src/core/explain/glossary.js';
import { microsToUsd, pricing, spendMicros, usdToMicros, utcDay } from '../../src/explain/budget.js';
import { realCatalog } from '../helpers/world.js';

const catalog = realCatalog();
const ids = (s: string) => findTerms(s, glossaryOf(catalog)).map((t) => t.id);

describe('findTerms', () => {
  it('finds terms and aliases as whole words, any case, in order of appearance', () => {
    expect(ids('Inference is OpEx, while training is capex.')).toEqual(['inference', 'opex', 'training', 'capex']);
    expect(ids('We self-host on H100s and fine-tuned it with LLMs.')).toEqual([
      'self-hosting',
      'nvidia-h100',
      'fine-tuning',
      'large-language-model',
    ]);
    // "tokens" is not hiding in "tokenstream", nor "API" in "rapid".
    expect(ids('A tokenstream arrived rapidly.')).toEqual([]);
  });

  it('lets the longest name claim its words first', () => {
    expect(ids('A model in use has frozen weights.')).toEqual(['frozen-weights']);
    expect(ids('The model weights are public.')).toEqual(['parameters']);
    expect(ids('Cost per query matters more than the margin.')).toEqual(['cost-per-query', 'gross-margin']);
  });

  it('matches a term written without its aside, and across odd spacing', () => {
    expect(ids('Parameters encode what it learned.')).toEqual(['parameters']);
    expect(ids('Speculative\n  decoding helps.')).toEqual(['speculative-decoding']);
  });

  it('reports each term once', () => {
    expect(ids('Tokens, tokens, token.')).toEqual(['token']);
  });
});

describe('glossaryExplanation', () => {
  it('gives the definitions of the terms and the key takeaway, marked as the glossary', () => {
    const e = glossaryExplanation('Inference is OpEx.', catalog, { reason: 'no_key' });
    expect(e).toMatchObject({ source: 'glossary', reason: 'no_key', lessonId: '3.2' });
    expect(e.text).toContain(catalog.lesson('3.2')?.keyTakeaway);
    expect(e.terms.map((t) => t.term)).toEqual(['Inference', 'OpEx']);
    expect(e.terms[1]?.definition).toMatch(/ongoing cost of running something/);
  });

  it('uses the lesson it is told, and a useful text when nothing matches', () => {
    expect(glossaryExplanation('Training is CapEx.', catalog, { lessonId: '3.7' }).lessonId).toBe('3.7');
    const none = glossaryExplanation('Write me a poem about cats.', catalog);
    expect(none.terms).toEqual([]);
    expect(none.lessonId).toBeUndefined();
    expect(none.text).toMatch(/does not match a lesson or a glossary term/);
    expect(glossaryExplanation('   ', catalog).text).toMatch(/no sentence/);
  });

  it('caps the terms of a long text', () => {
    const all = catalog.lessons.map((l) => l.story).join(' ');
    expect(glossaryExplanation(all, catalog).terms.length).toBe(MAX_TERMS);
  });
});

describe('budget arithmetic', () => {
  const { price, known } = pricing('gpt-5.4-mini');

  it('charges tokens × price per 1M as whole micro-dollars, rounded up', () => {
    expect(known).toBe(true);
    expect(spendMicros({ prompt_tokens: 1_000, completion_tokens: 200 }, price)).toBe(1_650);
    // 1 × 0.75 + 1 × 4.5 = 5.25 → 6: never under-count.
    expect(spendMicros({ prompt_tokens: 1, completion_tokens: 1 }, price)).toBe(6);
    // Cached prompt tokens at the cached price: 600 × 0.75 + 400 × 0.075 + 0 = 480.
    expect(
      spendMicros({ prompt_tokens: 1_000, completion_tokens: 0, prompt_tokens_details: { cached_tokens: 400 } }, price),
    ).toBe(480);
  });

  it('converts dollars exactly and names the UTC day', () => {
    expect(usdToMicros(0.1 + 0.2)).toBe(300_000);
    expect(microsToUsd(1_650)).toBe(0.00165);
    expect(utcDay(Date.parse('2026-11-21T23:59:59+01:00'))).toBe('2026-11-21');
    expect(pricing('my-local-llama')).toMatchObject({ known: false, price: { id: 'gpt-5.4-mini' } });
  });
});
