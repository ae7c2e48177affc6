/** The validator must be able to fail, or "no problems" on every card would mean nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createValidator, type Validator } from './validate.js';

let validator: Validator;
beforeAll(() => {
  validator = createValidator();
});
afterAll(() => validator.dispose());

const base = { type: 'AdaptiveCard', version: '1.5' };
const choices = [{ title: 'A', value: 'a' }];

describe('the Adaptive Cards validator', () => {
  it('accepts a small valid card', () => {
    expect(validator.problems({ ...base, body: [{ type: 'TextBlock', text: 'ok', wrap: true }] })).toEqual([]);
  });

  it('reports an unknown element type', () => {
    expect(validator.problems({ ...base, body: [{ type: 'Markdown', text: 'x' }] })).toEqual([
      expect.stringContaining('Unknown element type "Markdown"'),
    ]);
  });

  it('reports a ChoiceSet without an id, and a required one without label or error message', () => {
    expect(validator.problems({ ...base, body: [{ type: 'Input.ChoiceSet', choices }] }).join('\n')).toMatch(
      /unique Id/,
    );
    const required = { type: 'Input.ChoiceSet', id: 'x', isRequired: true, choices };
    const problems = validator.problems({ ...base, body: [required] }).join('\n');
    expect(problems).toMatch(/label/);
    expect(problems).toMatch(/error message/);
  });

  it('reports duplicate input ids and choices without a value', () => {
    const twice = { type: 'Input.ChoiceSet', id: 'same', choices };
    expect(validator.problems({ ...base, body: [twice, twice] }).join('\n')).toMatch(/Duplicate Id/);
    const noValue = { type: 'Input.ChoiceSet', id: 'x', choices: [{ title: 'A' }] };
    expect(validator.problems({ ...base, body: [noValue] })).not.toEqual([]);
  });

  it('reports wrong enum values, too many actions in a row and a link without url', () => {
    expect(validator.problems({ ...base, body: [{ type: 'TextBlock', text: 'x', color: 'Green' }] })).toEqual([
      expect.stringContaining('Invalid value "Green"'),
    ]);
    const actions = Array.from({ length: 6 }, (_, i) => ({ type: 'Action.Submit', title: `${i}` }));
    expect(validator.problems({ ...base, body: [{ type: 'ActionSet', actions }] }).join('\n')).toMatch(/Maximum/);
    const link = { type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'x' }] };
    expect(validator.problems({ ...base, body: [link] }).join('\n')).toMatch(/url/);
  });

  it('reports properties the library does not know, which parsing passes over silently', () => {
    const typo = { ...base, body: [{ type: 'TextBlock', text: 'x', colour: 'Good' }] };
    expect(validator.problems(typo)).toEqual([]);
    expect(validator.lostProperties(typo)).toEqual([expect.stringContaining('card.body[0].colour')]);
  });
});
