import { describe, expect, it } from 'vitest';
import { readSubmit, SUBMIT_LIMITS } from '../../../src/teams/render/submit.js';

/** activity.value arrives as parsed JSON: build hostile values the same way. */
const wire = (json: string): unknown => JSON.parse(json);

describe('readSubmit', () => {
  it('reads a button click (Action.Submit data as Teams sends it back)', () => {
    const value = wire(
      '{"action":"quiz.answer","check":"viral-spike-bill","option":"grows-10x","nonce":"4f9c2a","cardId":"card-7f3a9c"}',
    );
    expect(readSubmit(value)).toEqual({
      action: 'quiz.answer',
      data: { check: 'viral-spike-bill', option: 'grows-10x', nonce: '4f9c2a', cardId: 'card-7f3a9c' },
      selections: {},
    });
  });

  it('maps sel_<id> inputs back to select ids and leaves out unanswered ones', () => {
    const value = wire(
      '{"action":"quiz.sort","check":"cloud-bill-sort","nonce":"n1","sel_pretrain-70b":"training","sel_summarise-doc":"inference","sel_live-autocomplete":""}',
    );
    expect(readSubmit(value)).toEqual({
      action: 'quiz.sort',
      data: { check: 'cloud-bill-sort', nonce: 'n1' },
      selections: { 'pretrain-70b': 'training', 'summarise-doc': 'inference' },
    });
  });

  it('refuses anything that is not a submit of our cards', () => {
    for (const value of [null, undefined, 'quiz.answer', 42, [], ['quiz.answer'], {}, { check: 'x' }])
      expect(readSubmit(value)).toBeUndefined();
    for (const action of [42, ['quiz.answer'], { toString: 'x' }, '', ' quiz', 'quiz answer', 'x'.repeat(65), '../etc'])
      expect(readSubmit({ action })).toBeUndefined();
  });

  it('ignores fields that are not strings (arrays, numbers, objects, null)', () => {
    const value = wire(
      '{"action":"lesson.open","lesson":["3.1","3.2"],"mode":7,"nested":{"a":"b"},"nil":null,"ok":"yes","sel_a":["x"],"sel_b":1,"msteams":{"type":"messageBack"}}',
    );
    expect(readSubmit(value)).toEqual({ action: 'lesson.open', data: { ok: 'yes' }, selections: {} });
  });

  it('bounds lengths and the number of fields', () => {
    const huge = 'x'.repeat(SUBMIT_LIMITS.valueLength + 1);
    const read = readSubmit({
      action: 'quiz.answer',
      option: huge,
      [`k${'y'.repeat(80)}`]: 'v',
      sel_a: huge,
      nonce: 'n',
    });
    expect(read).toEqual({ action: 'quiz.answer', data: { nonce: 'n' }, selections: {} });
    const many = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`f${i}`, 'v']));
    const bounded = readSubmit({ action: 'quiz.answer', ...many });
    expect(Object.keys(bounded?.data ?? {}).length).toBeLessThanOrEqual(SUBMIT_LIMITS.fields);
  });

  it('drops keys with odd characters', () => {
    expect(readSubmit({ action: 'a.b', 'has space': 'v', 'new\nline': 'v', 'ok-key_1.2:3': 'v' })?.data).toEqual({
      'ok-key_1.2:3': 'v',
    });
  });

  it('never lets prototype keys through or pollutes objects', () => {
    const value = wire(
      '{"action":"quiz.sort","__proto__":{"polluted":"yes"},"constructor":"x","sel___proto__":"training","sel_constructor":"y","sel_item":"inference","prototype":"p"}',
    );
    const read = readSubmit(value);
    expect(read).toEqual({ action: 'quiz.sort', data: {}, selections: { item: 'inference' } });
    expect(Object.getPrototypeOf(read?.data)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(read?.selections)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // A string __proto__ field (own property after JSON.parse) is dropped too.
    expect(readSubmit(wire('{"action":"a","__proto__":"x"}'))?.data).toEqual({});
  });

  it('reads only own fields, not inherited ones', () => {
    const value = Object.create({ action: 'quiz.answer', option: 'inherited' }) as Record<string, unknown>;
    expect(readSubmit(value)).toBeUndefined();
    value.action = 'quiz.answer';
    expect(readSubmit(value)?.data).toEqual({});
  });
});
