import { describe, expect, it } from 'vitest';
import { memoize } from '../../src/app/memo.js';

describe('memoize', () => {
  it('computes each key once while it is among the most recently used', () => {
    const calls: string[] = [];
    const upper = memoize(2, (k) => {
      calls.push(k);
      return k.toUpperCase();
    });
    expect([upper('a'), upper('b'), upper('a')]).toEqual(['A', 'B', 'A']);
    expect(calls).toEqual(['a', 'b']);
    upper('c'); // evicts b, the least recently used (a was used after it)
    upper('a');
    upper('b');
    expect(calls).toEqual(['a', 'b', 'c', 'b']);
  });

  it('remembers falsy results too', () => {
    let n = 0;
    const empty = memoize(4, () => {
      n += 1;
      return '';
    });
    empty('x');
    empty('x');
    expect(n).toBe(1);
  });
});
