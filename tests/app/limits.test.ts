import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/app/limits.js';

describe('per-member rate limit', () => {
  it('allows the limit within the window, then says when to come back', () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    expect([1, 2, 3].map(() => limiter.take('ada').ok)).toEqual([true, true, true]);
    now = 10_000;
    expect(limiter.take('ada')).toEqual({ ok: false, retryInMs: 50_000 });
    expect(limiter.take('grace').ok).toBe(true);
    now = 60_001;
    expect(limiter.take('ada').ok).toBe(true);
  });
});

describe('per-member rate limit over time', () => {
  it('keeps limiting active members when the idle ones are swept away after a window', () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 2, windowMs: 1_000, now: () => now });
    for (let i = 0; i < 500; i++) limiter.take(`idle-${i}`);
    limiter.take('busy');
    now = 999;
    limiter.take('busy');
    expect(limiter.take('busy').ok).toBe(false);
    now = 1_500; // a window on: the idle members go, 'busy' has one use left in its window
    expect(limiter.take('busy').ok).toBe(true);
    expect(limiter.take('busy').ok).toBe(false);
    expect(limiter.take('idle-1').ok).toBe(true);
  });
});

describe('per-member rate limit keys', () => {
  it('limits any key, even one that is not valid Unicode', () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000, now: () => 0 });
    const key = 'T1:\ud800';
    expect([limiter.take(key).ok, limiter.take(key).ok, limiter.take(key).ok]).toEqual([true, true, false]);
  });
});
