import { describe, expect, it } from 'vitest';
import {
  actionId,
  actionOf,
  formBlockId,
  formSelectionsFromState,
  parseActionValue,
  parseFormBlockId,
} from '../../../src/slack/render/payload.js';

const selected = (value: unknown, text = 'Training') => ({
  type: 'static_select',
  selected_option: { text: { type: 'plain_text', text, emoji: true }, value },
});

describe('action ids and values', () => {
  it('numbers action ids and reads the action back', () => {
    expect(actionId('quiz.answer', 3)).toBe('quiz.answer:3');
    expect(actionOf('quiz.answer:3')).toBe('quiz.answer');
    expect(actionId('x'.repeat(300), 12)).toHaveLength(255);
  });
  it('parses a button value back to its record', () => {
    const value = { check: 'viral-spike-bill', option: 'grows-10x', nonce: 'n-1' };
    expect(parseActionValue(JSON.stringify(value))).toEqual(value);
    expect(parseActionValue('{}')).toEqual({});
  });
  it('refuses anything but an object of strings', () => {
    for (const bad of [undefined, null, 42, '', 'not json', '[]', '"s"', 'null', '1', '{"a":1}', '{"a":{"b":"c"}}'])
      expect(parseActionValue(bad), String(bad)).toBeUndefined();
    expect(parseActionValue(JSON.stringify({ a: 'x'.repeat(4000) }))).toBeUndefined();
  });
  it('keeps a "__proto__" key as data, never as the prototype', () => {
    const parsed = parseActionValue('{"__proto__":"x","check":"c"}');
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(parsed?.check).toBe('c');
  });
});

describe('form block ids', () => {
  it('round-trip any form and select id', () => {
    for (const [form, select] of [
      ['sort:cloud-bill-sort', 'pretrain-70b'],
      ['a|b', 'c|d%e'],
      ['ünï', ' '],
    ] as const) {
      expect(parseFormBlockId(formBlockId(form, select))).toEqual({ formId: form, selectId: select });
      expect(parseFormBlockId(formBlockId(form))).toEqual({ formId: form });
    }
  });
  it('ignores other block ids', () => {
    for (const bad of [undefined, 7, 'abc', 'tutor.form|x', 'tutor.form|%E0%A4%A|x', 'tutor.submit|a|b', 'x|a|b'])
      expect(parseFormBlockId(bad), String(bad)).toBeUndefined();
  });
});

describe('selections from Slack state', () => {
  const form = 'sort:cloud-bill-sort';
  const item = (id: string) => formBlockId(form, id);
  // block_actions payload (Submit clicked in a message): body.state.values, one entry per select.
  const blockActionsState = {
    values: {
      [item('pretrain-70b')]: { 'tutor.select:0': selected('training') },
      [item('summarise-doc')]: { 'tutor.select:1': selected('inference', 'Inference') },
      [item('nightly-churn-scoring')]: { 'tutor.select:2': { type: 'static_select', selected_option: null } },
      [formBlockId('sort:other', 'pretrain-70b')]: { 'tutor.select:9': selected('inference') },
    },
  };
  it('reads a block_actions state, skipping unchosen selects and other forms', () => {
    expect(formSelectionsFromState(blockActionsState, form)).toEqual({
      'pretrain-70b': 'training',
      'summarise-doc': 'inference',
    });
  });
  it('reads a view_submission view.state, or its values directly', () => {
    const view = { id: 'V1', callback_id: 'quiz.sort', state: { values: blockActionsState.values } };
    expect(formSelectionsFromState(view.state, form)).toEqual({
      'pretrain-70b': 'training',
      'summarise-doc': 'inference',
    });
    expect(formSelectionsFromState(view.state.values, form)).toHaveProperty('pretrain-70b', 'training');
  });
  it('treats malformed state as untrusted and ignores it', () => {
    for (const bad of [undefined, null, 'state', 42, [], { values: [] }, { values: 'x' }])
      expect(formSelectionsFromState(bad, form)).toEqual({});
    const hostile = {
      values: {
        [item('a')]: { s: selected(42) },
        [item('b')]: { s: { type: 'plain_text_input', value: 'training' } },
        [item('c')]: { s: { type: 'static_select', selected_option: 'training' } },
        [item('d')]: 'not an object',
        [item('e')]: { s: selected('x'.repeat(76)) },
        [item('__proto__')]: { s: selected('polluted') },
        'tutor.form|%zz|f': { s: selected('training') },
      },
    };
    const result = formSelectionsFromState(hostile, form);
    expect(Object.keys(result)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
