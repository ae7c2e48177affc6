/**
 * A bounded cache: at most `max` entries, each kept for `ttlMs`, the least recently used going
 * first when full. Per-member caches (profiles, e-mail addresses) grow with every new member who
 * writes to the bot, so none may be an unbounded Map.
 */
export interface LruOptions {
  readonly max: number;
  /** How long an entry stays valid; Infinity for values that never go stale. */
  readonly ttlMs: number;
  readonly now?: () => number;
}

/** Per-member lookups (profiles, e-mail addresses): a few minutes fresh, ten thousand members at most. */
export const MEMBER_CACHE = { max: 10_000, ttlMs: 2 * 60_000 } as const;

export class LruCache<V> {
  // A Map keeps insertion order: re-inserting marks a key as the most recently used.
  private readonly entries = new Map<string, { readonly at: number; readonly value: V }>();
  private readonly now: () => number;

  constructor(private readonly options: LruOptions) {
    if (!(options.max >= 1)) throw new RangeError('LruCache needs room for at least one entry');
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value if present and fresh; a stale entry is dropped on the way. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (this.now() - entry.at >= this.options.ttlMs) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { at: this.now(), value });
    while (this.entries.size > this.options.max) this.entries.delete(this.entries.keys().next().value as string);
  }
}
