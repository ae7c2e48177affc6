import { describe, expect, it } from 'vitest';
import { translatePlaceholders, valuesFor } from '../../../src/store/sql/placeholders.js';

const text = (sql: string) => translatePlaceholders(sql).text;

describe('placeholder translation for PostgreSQL', () => {
  it('numbers ? in order and gives each @name one number, however often it appears', () => {
    expect(translatePlaceholders('SELECT * FROM t WHERE a = ? AND b > ?')).toEqual({
      text: 'SELECT * FROM t WHERE a = $1 AND b > $2',
      count: 2,
    });
    const named = translatePlaceholders('UPDATE t SET a = @a, b = @b WHERE a <> @a OR @b IS NULL');
    expect(named).toEqual({
      text: 'UPDATE t SET a = $1, b = $2 WHERE a <> $1 OR $2 IS NULL',
      count: 2,
      names: ['a', 'b'],
    });
    expect(valuesFor(named, { b: 2, a: 1, unused: 3 }, '')).toEqual([1, 2]);
  });

  it('leaves strings, identifiers, comments, dollar quotes, casts and operators alone', () => {
    expect(text("SELECT '?', 'it''s @x', E'\\'?', \"odd?name\", ?")).toBe(
      "SELECT '?', 'it''s @x', E'\\'?', \"odd?name\", $1",
    );
    expect(text("SELECT ? -- what's ? @x\n, /* @x ? */ ?")).toBe("SELECT $1 -- what's ? @x\n, /* @x ? */ $2");
    expect(text('SELECT $$ ? @x $$, $body$ ? $body$, $1')).toBe('SELECT $$ ? @x $$, $body$ ? $body$, $1');
    expect(text("SELECT @a::jsonb @> '{}'::jsonb, x::text")).toBe("SELECT $1::jsonb @> '{}'::jsonb, x::text");
    expect(text("SELECT 'mail@example.com', user@host")).toBe("SELECT 'mail@example.com', user@host");
  });

  it('refuses a text that mixes the two styles, and params of the wrong shape or size', () => {
    expect(() => translatePlaceholders('SELECT ?, @a')).toThrow(/mixes/);
    expect(() => translatePlaceholders('SELECT @a, ?')).toThrow(/mixes/);
    expect(() => valuesFor(translatePlaceholders('SELECT @a'), [1], 'q')).toThrow(/@name/);
    expect(() => valuesFor(translatePlaceholders('SELECT @a'), {}, 'q')).toThrow(/@a has no value/);
    expect(() => valuesFor(translatePlaceholders('SELECT ?, ?'), [1], 'q')).toThrow(/2 \? placeholders but got 1/);
  });
});
