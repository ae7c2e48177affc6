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
