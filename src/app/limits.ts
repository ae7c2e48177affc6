/**
 * Sliding-window limits: one person pasting in a loop must not slow the bot for everyone else.
 * The per-member limits (cost estimates, explanations) live in the database, so every instance
 * behind a load balancer counts the same uses. The in-memory limiter is only for what is per
 * instance on purpose (a client address hitting one server's public route).
 */
import type { Store, Taken } from '../store/index.js';

export type { Taken } from '../store/index.js';

/** A limit every instance shares: counts one use, says when the member may try again if over it. */
export interface RateLimiter {
  take(key: string): Promise<Taken>;
}

/**
 * `scope` names the limit, so two limits on the same key (a member's estimates and explanations)
 * count apart.
 */
export function createSharedRateLimiter(options: {
  store: Pick<Store, 'rateLimits'>;
  scope: string;
  limit: number;
  windowMs: number;
  now?: () => number;
}): RateLimiter {
  const { store, scope, limit, windowMs } = options;
  const now = options.now ?? Date.now;
  return { take: (key) => store.rateLimits.take(`${scope}\u0000${key}`, limit, windowMs, now()) };
}

/** The same window kept in this process's memory: lost on restart, and each instance counts alone. */
export interface LocalRateLimiter {
  take(key: string): Taken;
}

/**
 * A key read from a request is often a slice of the request's body, and a slice keeps the whole
 * body alive: 45,000 members in a minute kept 14 MB of bodies. Kept keys are copied, exactly (a
 * round trip through UTF-8 would turn a lone surrogate into U+FFFD, and the key would never match).
 */
const detached = (key: string): string => JSON.parse(JSON.stringify(key)) as string;

export function createLocalRateLimiter(options: {
  limit: number;
  windowMs: number;
  now?: () => number;
}): LocalRateLimiter {
  const now = options.now ?? Date.now;
  const uses = new Map<string, number[]>();
  let swept = now();
  return {
    take(key) {
      const t = now();
      const since = t - options.windowMs;
      const prior = uses.get(key);
      const recent = prior ? prior.filter((at) => at > since) : [];
      if (recent.length >= options.limit) {
        uses.set(key, recent);
        return { ok: false, retryInMs: Math.max(1, (recent[0] ?? t) + options.windowMs - t) };
      }
      // concat, not push: an array that grows by push reserves room for 17 numbers.
      uses.set(prior ? key : detached(key), recent.concat(t));
      // Once a window, forget members who have been idle for all of it, so the map stays small.
      if (t - swept >= options.windowMs) {
        swept = t;
        for (const [k, v] of uses) if ((v[v.length - 1] ?? 0) <= since) uses.delete(k);
      }
      return { ok: true };
    },
  };
}

export const slowDown = (retryInMs: number) =>
  `You're asking faster than I can answer. Try again in ${Math.ceil(retryInMs / 1000)} s.`;
