import { LruCache } from './lru.js';

/**
 * Remembers the results of a pure function of a string for the last `size` distinct keys, the least
 * recently used going first. For answers that many people ask for word for word.
 */
export function memoize<T>(size: number, fn: (key: string) => T): (key: string) => T {
  const cache = new LruCache<{ value: T }>({ max: size, ttlMs: Number.POSITIVE_INFINITY });
  return (key) => {
    const hit = cache.get(key);
    if (hit) return hit.value;
    const value = fn(key);
    cache.set(key, { value });
    return value;
  };
}
