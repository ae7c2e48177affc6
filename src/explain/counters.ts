/**
 * Served answers and cache hits per workspace and UTC day, for the manager report. In the database
 * (store.explainCounters), so the report adds up what every instance served; spend and billed
 * calls are in store.spend.
 */
import type { DayCounts, Store } from '../store/index.js';
import { utcDay } from './budget.js';

export type { DayCounts } from '../store/index.js';

export interface Counters {
  count(workspaceId: string, cacheHit: boolean): Promise<void>;
  get(workspaceId: string, day: string): Promise<DayCounts>;
}

export function createCounters(store: Pick<Store, 'explainCounters'>, now: () => number): Counters {
  return {
    count: (workspaceId, cacheHit) =>
      store.explainCounters.add(workspaceId, utcDay(now()), { served: 1, cacheHits: cacheHit ? 1 : 0 }),
    get: (workspaceId, day) => store.explainCounters.get(workspaceId, day),
  };
}
