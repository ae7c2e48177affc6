/**
 * Remembers the results of a pure function of a string for the last `size` distinct keys, the least
 * recently used going first. For answers that many people ask for word for word.
 */
export function memoize<T>(size: number, fn: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (cache.has(key)) {
      const hit = cache.get(key) as T;
      // A Map keeps insertion order: re-inserting marks the key as the most recently used.
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const value = fn(key);
    cache.set(key, value);
    if (cache.size > size) cache.delete(cache.keys().next().value as string);
    return value;
  };
}
