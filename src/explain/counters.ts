/**
 * Served answers and cache hits per workspace and UTC day, for the manager report. In memory on
 * purpose: they are a rate for a report, not money, so losing them on a restart is acceptable and
 * saves a write per answer. Spend and billed calls are durable in store.spend.
 */
import { utcDay } from './budget.js';

const WEEK_MS = 7 * 24 * 3_600_000;

export interface DayCounts {
  readonly served: number;
  readonly cacheHits: number;
}

export interface Counters {
  count(workspaceId: string, cacheHit: boolean): void;
  get(workspaceId: string, day: string): DayCounts;
}

export function createCounters(now: () => number): Counters {
  const counts = new Map<string, { served: number; cacheHits: number }>();
  const keyOf = (workspaceId: string, day: string) => `${day}\u0000${workspaceId}`;
  return {
    count(workspaceId, cacheHit) {
      const today = utcDay(now());
      const key = keyOf(workspaceId, today);
      let c = counts.get(key);
      if (!c) {
        // A new day: forget counts older than a week so the map stays small.
        const old = utcDay(now() - WEEK_MS);
        for (const k of counts.keys()) if (k.slice(0, 10) < old) counts.delete(k);
        c = { served: 0, cacheHits: 0 };
        counts.set(key, c);
      }
      c.served += 1;
      if (cacheHit) c.cacheHits += 1;
    },
    get: (workspaceId, day) => ({ ...(counts.get(keyOf(workspaceId, day)) ?? { served: 0, cacheHits: 0 }) }),
  };
}
