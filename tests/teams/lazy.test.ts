import { describe, expect, it } from 'vitest';
import { createSharedRateLimiter } from '../../src/app/limits.js';
import { createPickSessions } from '../../src/app/pick-sessions.js';
import { readConfig } from '../../src/config.js';
import { createLogger } from '../../src/server/log.js';
import { createTeams } from '../../src/teams/app.js';
import { lazyTeams } from '../../src/teams/lazy.js';
import { makeWorld } from '../helpers/world.js';

describe('Teams loaded on first use', () => {
  it('offers exactly the routes the real runtime serves, so none is lost by loading it late', () => {
    const w = makeWorld();
    try {
      const config = readConfig({});
      const deps = {
        tutor: w.tutor,
        store: w.store,
        catalog: w.catalog,
        log: createLogger('error'),
        now: () => w.now,
        managers: new Set<string>(),
        explainer: {
          explain: async () => ({ text: '', terms: [], source: 'glossary' as const }),
          stats: async () => ({ day: '', served: 0, cacheHits: 0, apiCalls: 0, spendUsd: 0, budgetUsd: 0 }),
          model: 'm',
          online: false,
        },
        pickSessions: createPickSessions(w.store),
        costLimiter: createSharedRateLimiter({ store: w.store, scope: 'cost', limit: 30, windowMs: 60_000 }),
      };
      const routes = (r: { routes: readonly { method: string; path: string }[] }) =>
        r.routes.map((x) => `${x.method} ${x.path}`).sort();
      expect(routes(lazyTeams(config, deps))).toEqual(routes(createTeams(config, deps)));
    } finally {
      w.close();
    }
  });
});
