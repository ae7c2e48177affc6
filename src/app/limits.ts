/**
 * A per-member sliding-window limit for the expensive commands (cost estimates, explanations):
 * one person pasting in a loop must not slow the bot for everyone else. In memory: a limit per
 * process is enough for fairness, and nothing is lost if it resets on restart.
 */
export interface RateLimiter {
  /** Counts one use; says when the member may try again if over the limit. */
  take(key: string): { ok: true } | { ok: false; retryInMs: number };
}

/**
 * A key read from a request is often a slice of the request's body, and a slice keeps the whole
 * body alive: 45,000 members in a minute kept 14 MB of bodies. Kept keys are copied, exactly (a
 * round trip through UTF-8 would turn a lone surrogate into U+FFFD, and the key would never match).
 */
const detached = (key: string): string => JSON.parse(JSON.stringify(key)) as string;

export function createRateLimiter(options: { limit: number; windowMs: number; now?: () => number }): RateLimiter {
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
