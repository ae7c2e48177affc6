/**
 * What the terminal gives the chat flows (src/app/chat/deps.ts): the same services the chat
 * platforms get, with the explainer offline (no key: answers come from the glossary) and warnings
 * on stderr, where a terminal user sees them.
 */
import type { ChatDeps } from '../app/chat/deps.js';
import { createSharedRateLimiter } from '../app/limits.js';
import { createPickSessions } from '../app/pick-sessions.js';
import type { Tutor } from '../app/tutor.js';
import type { Catalog } from '../core/content/catalog.js';
import { createExplainer } from '../explain/explainer.js';
import { createLogger } from '../server/log.js';
import type { Store } from '../store/index.js';
import type { Io } from './io.js';

export interface TerminalServices {
  readonly tutor: Tutor;
  readonly store: Store;
  readonly catalog: Catalog;
  readonly now: () => number;
}

export function terminalDeps(services: TerminalServices, io: Pick<Io, 'stderr'>): ChatDeps {
  const { tutor, store, catalog, now } = services;
  const log = createLogger('warn', (line) => io.stderr.write(`${line}\n`), { surface: 'cli' });
  return {
    tutor,
    store,
    catalog,
    log,
    now,
    managers: new Set(),
    explainer: createExplainer({
      catalog,
      store,
      log,
      now,
      config: { model: 'offline', timeoutMs: 0, dailyBudgetUsd: 0, perMemberPerHour: 0 },
    }),
    pickSessions: createPickSessions(store, now),
    // The same limit the chat platforms use, in the same database: the flows count every estimate alike.
    costLimiter: createSharedRateLimiter({ store, scope: 'cost', limit: 30, windowMs: 60_000, now }),
  };
}
