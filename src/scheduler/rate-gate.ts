/**
 * A rate for a whole workspace (or tenant), on top of the per-conversation pacer: at most `count`
 * starts per `intervalMs` on average, with a burst of `burst` allowed after a quiet spell. It is the
 * generic cell rate algorithm (a token bucket with no timer): each start books the next theoretical
 * slot, so 10,000 sends due at one instant leave evenly spaced instead of all at once.
 */
import { realSleep } from './rate-limit.js';

export interface RateGateOptions {
  count: number;
  intervalMs: number;
  /** Starts allowed back to back before spacing applies (1: none). */
  burst: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RateGate {
  /** Resolves when `key` may start one more send. */
  take(key: string): Promise<void>;
}

export function createRateGate(options: RateGateOptions): RateGate {
  const { count, intervalMs, burst } = options;
  if (!(count > 0) || !(intervalMs > 0) || !(burst >= 1)) {
    throw new RangeError(`a rate needs count > 0, intervalMs > 0 and burst ≥ 1, got ${count}/${intervalMs}/${burst}`);
  }
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const spacing = intervalMs / count;
  const tolerance = (burst - 1) * spacing;
  /** Theoretical arrival time of the next start, per key. */
  const tat = new Map<string, number>();
  return {
    async take(key) {
      // The slot is booked at once, so waiters leave in the order they came, each after one sleep.
      const t = now();
      const next = Math.max(tat.get(key) ?? t, t);
      tat.set(key, next + spacing);
      const wait = next - tolerance - t;
      if (wait > 0) await sleep(wait);
    },
  };
}
