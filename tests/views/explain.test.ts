import { describe, expect, it } from 'vitest';
import type { Explanation } from '../../src/core/explain/types.js';
import { cardToMessage, cardToModal } from '../../src/slack/render/blocks.js';
import { cardToAdaptiveCard } from '../../src/teams/render/adaptive-card.js';
import { Actions } from '../../src/views/actions.js';
import type { Block, Card } from '../../src/views/card.js';
import {
  explainingCard,
  explanationCard,
  PICK_ALL,
  PICK_SELECT_ID,
  sentencePickerCard,
} from '../../src/views/explain.js';
import { cardToText } from '../../src/views/text.js';

const block = <K extends Block['kind']>(c: Card, kind: K) =>
  c.blocks.filter((b): b is Extract<Block, { kind: K }> => b.kind === kind);

const SENTENCE = 'Inference is OpEx: every request costs a little compute.';
const terms = [
  { term: 'Inference', definition: 'Using a finished model to produce an answer for a new input.' },
  { term: 'OpEx', definition: 'The ongoing cost of running something day to day.' },
];

describe('explanationCard', () => {
  it('shows the sentence, the explanation, the analogy, the terms and who explained it', () => {
    const e: Explanation = {
      text: 'Each question a user asks costs a little money.',
      analogy: 'Like a taxi meter that ticks for every ride.',
      terms,
      lessonId: '3.2',
      source: 'openai',
      model: 'gpt-5.4-mini',
    };
    const card = explanationCard(e, SENTENCE);
    expect(block(card, 'header')).toEqual([{ kind: 'header', title: 'In plain English' }]);
    const text = cardToText(card);
    expect(text).toContain(`“${SENTENCE}”`);
    expect(text).toContain('Each question a user asks costs a little money.');
    expect(text).toContain('Think of it like this: Like a taxi meter');
    expect(text).toContain('Inference: Using a finished model');
    expect(block(card, 'context')[0]?.text).toBe(
      'Explained by gpt-5.4-mini, from the lesson and the glossary · lesson §3.2',
    );
    expect(card.summary).toBe('In plain English: Each question a user asks costs a little money.');
  });

  it('says where a cached or offline answer came from, and why it is offline', () => {
    const context = (e: Partial<Explanation>) =>
      block(explanationCard({ text: 't', terms: [], source: 'glossary', ...e }, 's'), 'context')[0]?.text;
    expect(context({ source: 'cache', model: 'gpt-5.4-mini' })).toBe(
      'From the cache (explained earlier by gpt-5.4-mini)',
    );
    expect(context({ reason: 'no_key' })).toBe('Offline explanation from the glossary');
    expect(context({ reason: 'budget' })).toBe(
      "Offline explanation from the glossary (today's explanation budget is used up)",
    );
    expect(context({ reason: 'rate_limited', retryInMs: 90_000 })).toMatch(/hourly number.*try again in 2 min\)$/);
    expect(context({ reason: 'timeout', lessonId: '3.6' })).toMatch(/took too long\) · lesson §3\.6$/);
  });

  it('renders on Slack and Teams', () => {
    const card = explanationCard({ text: 'Plain <b>text</b> & more', terms, source: 'glossary' }, '<!channel> hi');
    expect(JSON.stringify(cardToMessage(card))).not.toContain('<!channel>');
    expect(cardToAdaptiveCard(card)).toMatchObject({ type: 'AdaptiveCard' });
  });
});

describe('sentencePickerCard', () => {
  const sentences = [
    'All of a model’s learning happens in training, long before launch and out of users’ sight.',
    'That is training.',
  ];

  it('is one select of the sentences by index plus "All of it", submitted as explain.pick', () => {
    const card = sentencePickerCard(sentences, { msg: 'm1' });
    const [form] = block(card, 'form');
    expect(form?.id).toBe(Actions.pickSentence);
    expect(form?.submit).toMatchObject({ action: 'explain.pick', label: 'Explain', value: { msg: 'm1' } });
    const select = form?.selects[0];
    expect(select?.id).toBe(PICK_SELECT_ID);
    expect(select?.options.map((o) => o.value)).toEqual(['0', '1', PICK_ALL]);
    expect(select?.options[2]?.label).toBe('All of it');
    for (const o of select?.options ?? []) expect(o.label.length).toBeLessThanOrEqual(75);
    expect(select?.options[0]?.label.endsWith('…')).toBe(true);
    expect(select?.options[1]?.label).toBe('That is training.');
  });

  it('preselects the only sentence, and renders as a Slack modal and a Teams card', () => {
    const one = sentencePickerCard(['That is training.']);
    expect(block(one, 'form')[0]?.selects[0]?.initial).toBe('0');
    const modal = cardToModal(sentencePickerCard(sentences), { title: 'Explain', callbackId: Actions.pickSentence });
    expect(JSON.stringify(modal.blocks)).toContain('All of it');
    expect(JSON.stringify(cardToAdaptiveCard(sentencePickerCard(sentences)))).toContain('Input.ChoiceSet');
  });
});

describe('explainingCard', () => {
  it('is the immediate placeholder', () => {
    const card = explainingCard();
    expect(card.summary).toBe('Explaining…');
    expect(cardToText(card)).toContain('Explaining…');
  });
});
