import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/app/lru.js';

describe('LruCache', () => {
  it('never holds more than its size, the least recently used going first', () => {
    const cache = new LruCache<number>({ max: 2, ttlMs: 60_000 });
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recently used
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c')]).toEqual([1, 3]);
  });

  it('stays bounded however many distinct keys arrive', () => {
    const cache = new LruCache<string>({ max: 100, ttlMs: 60_000 });
    for (let i = 0; i < 10_000; i += 1) cache.set(`member-${i}`, 'profile');
    expect(cache.size).toBe(100);
    expect(cache.get('member-9999')).toBe('profile');
    expect(cache.get('member-0')).toBeUndefined();
  });

  it('forgets an entry once its time is up, and drops it', () => {
    let now = 1_000;
    const cache = new LruCache<string>({ max: 10, ttlMs: 500, now: () => now });
    cache.set('a', 'x');
    now += 499;
    expect(cache.get('a')).toBe('x');
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps falsy values', () => {
    const cache = new LruCache<string>({ max: 1, ttlMs: Number.POSITIVE_INFINITY });
    cache.set('k', '');
    expect(cache.get('k')).toBe('');
  });
});
