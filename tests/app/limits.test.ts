import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalRateLimiter, createSharedRateLimiter, type Taken } from '../../src/app/limits.js';
import { makeWorld, type World } from '../helpers/world.js';

/** The same window kept two ways: in this process (per instance) and in the database (shared). */
interface Limiter {
  take(key: string): Taken | Promise<Taken>;
}
const worlds: World[] = [];
afterEach(() => {
  for (const w of worlds.splice(0)) w.close();
});
const kinds: [string, (o: { limit: number; windowMs: number; now: () => number }) => Limiter][] = [
  ['in memory', (o) => createLocalRateLimiter(o)],
  [
    'in the database',
    (o) => {
      const w = makeWorld();
      worlds.push(w);
      return createSharedRateLimiter({ store: w.store, scope: 'test', ...o });
    },
  ],
];

describe.each(kinds)('per-member rate limit %s', (_kind, make) => {
  it('allows the limit within the window, then says when to come back', async () => {
    let now = 0;
    const limiter = make({ limit: 3, windowMs: 60_000, now: () => now });
    const taken = [];
    for (let i = 0; i < 3; i++) taken.push((await limiter.take('ada')).ok);
    expect(taken).toEqual([true, true, true]);
    now = 10_000;
    expect(await limiter.take('ada')).toEqual({ ok: false, retryInMs: 50_000 });
    expect((await limiter.take('grace')).ok).toBe(true);
    now = 60_001;
    expect((await limiter.take('ada')).ok).toBe(true);
  });

  it('keeps limiting active members when the idle ones are swept away after a window', async () => {
    let now = 0;
    const limiter = make({ limit: 2, windowMs: 1_000, now: () => now });
    for (let i = 0; i < 500; i++) await limiter.take(`idle-${i}`);
    await limiter.take('busy');
    now = 999;
    await limiter.take('busy');
    expect((await limiter.take('busy')).ok).toBe(false);
    now = 1_500; // a window on: the idle members go, 'busy' has one use left in its window
    expect((await limiter.take('busy')).ok).toBe(true);
    expect((await limiter.take('busy')).ok).toBe(false);
    expect((await limiter.take('idle-1')).ok).toBe(true);
  });

  it('limits any key, even one that is not valid Unicode, apart from its look-alikes', async () => {
    const limiter = make({ limit: 2, windowMs: 60_000, now: () => 0 });
    const key = 'T1:\ud800';
    const taken = [];
    for (let i = 0; i < 3; i++) taken.push((await limiter.take(key)).ok);
    expect(taken).toEqual([true, true, false]);
    expect((await limiter.take('T1:\udbff')).ok).toBe(true);
    expect((await limiter.take('T1:\ufffd')).ok).toBe(true);
  });

  it('refuses everything when the limit is zero (an explainer with no hourly allowance)', async () => {
    const limiter = make({ limit: 0, windowMs: 60_000, now: () => 5 });
    expect(await limiter.take('ada')).toEqual({ ok: false, retryInMs: 60_000 });
  });
});

describe('the shared rate limit', () => {
  it('counts two limits on the same key apart', async () => {
    const w = makeWorld();
    worlds.push(w);
    const costs = createSharedRateLimiter({ store: w.store, scope: 'cost', limit: 1, windowMs: 60_000 });
    const explains = createSharedRateLimiter({ store: w.store, scope: 'explain', limit: 1, windowMs: 60_000 });
    expect((await costs.take('slack:T1:U1')).ok).toBe(true);
    expect((await explains.take('slack:T1:U1')).ok).toBe(true);
    expect((await costs.take('slack:T1:U1')).ok).toBe(false);
  });

  it('commits each use for every instance to see, leaving every other write fsynced as before', async () => {
    const w = makeWorld();
    worlds.push(w);
    const limiter = createSharedRateLimiter({ store: w.store, scope: 's', limit: 5, windowMs: 1_000 });
    expect((await limiter.take('ada')).ok).toBe(true);
    const other = new Database(w.dbPath, { readonly: true });
    try {
      expect(other.prepare('SELECT count(*) AS n FROM rate_limit_events').get()).toEqual({ n: 1 });
    } finally {
      other.close();
    }
    // The use skipped the fsync (synchronous NORMAL for its own commit only): FULL again after it.
    expect(w.db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('forgets uses once they leave every window, a bounded batch at a time until none is left', async () => {
    const w = makeWorld();
    worlds.push(w);
    let now = 0;
    const limiter = createSharedRateLimiter({ store: w.store, scope: 's', limit: 5, windowMs: 1_000, now: () => now });
    for (let i = 0; i < 700; i++) await limiter.take(`m-${i}`);
    const rows = () => (w.db.prepare('SELECT count(*) AS n FROM rate_limit_events').get() as { n: number }).n;
    expect(rows()).toBe(700);
    now = 61_000;
    await limiter.take('later');
    expect(rows()).toBe(201); // 500 swept in one go, the new use kept
    now = 61_001;
    await limiter.take('later'); // a full batch came back: the next use sweeps again
    expect(rows()).toBe(2);
    now = 61_002;
    await limiter.take('later'); // nothing left to sweep: the next sweep waits a minute
    expect(rows()).toBe(3);
  });
});
