/**
 * A per-member sliding-window limit for the expensive commands (cost estimates, explanations):
 * one person pasting in a loop must not slow the bot for everyone else. In memory: a limit per
 * process is enough for fairness, and nothing is lost if it resets on restart.
 */
export interface RateLimiter {
  /** Counts one use; says when the member may try again if over the limit. */
  take(key: string): { ok: true } | { ok: false; retryInMs: number };
}

export function createRateLimiter(options: { limit: number; windowMs: number; now?: () => number }): RateLimiter {
  const now = options.now ?? Date.now;
  const uses = new Map<string, number[]>();
  let sweeps = 0;
  return {
    take(key) {
      const t = now();
      const since = t - options.windowMs;
      const recent = (uses.get(key) ?? []).filter((at) => at > since);
      if (recent.length >= options.limit) {
        uses.set(key, recent);
        return { ok: false, retryInMs: Math.max(1, (recent[0] ?? t) + options.windowMs - t) };
      }
      recent.push(t);
      uses.set(key, recent);
      // Forget idle members now and then so the map stays small.
      if (++sweeps % 1_000 === 0) for (const [k, v] of uses) if ((v[v.length - 1] ?? 0) <= since) uses.delete(k);
      return { ok: true };
    },
  };
}

export const slowDown = (retryInMs: number) =>
  `You're asking faster than I can answer. Try again in ${Math.ceil(retryInMs / 1000)} s.`;
