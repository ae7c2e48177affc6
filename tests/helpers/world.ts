/**
 * A real world for tests: the shipped content, a real SQLite file in a temp folder, a settable
 * clock and counted nonces, wired into the real Tutor service.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MemberRef, Tutor } from '../../src/app/tutor.js';
import { loadCatalog } from '../../src/content/load.js';
import { defaultContentDir } from '../../src/content/paths.js';
import type { Catalog } from '../../src/core/content/catalog.js';
import { createStore, type Db, openDatabase, type Store } from '../../src/store/index.js';

let cachedCatalog: Catalog | undefined;
export const realCatalog = (): Catalog => {
  cachedCatalog ??= loadCatalog(defaultContentDir());
  return cachedCatalog;
};

export interface World {
  readonly dir: string;
  readonly dbPath: string;
  readonly db: Db;
  readonly store: Store;
  readonly tutor: Tutor;
  readonly catalog: Catalog;
  /** Current time (ms); tests move it. */
  now: number;
  close(): void;
}

export function makeWorld(startIso = '2026-11-21T09:00:00Z'): World {
  const dir = mkdtempSync(join(tmpdir(), 'tutor-'));
  const dbPath = join(dir, 'tutor.db');
  const db = openDatabase(dbPath);
  let n = 0;
  const world: World = {
    dir,
    dbPath,
    db,
    store: createStore(db, { now: () => world.now }),
    catalog: realCatalog(),
    now: Date.parse(startIso),
    tutor: undefined as unknown as Tutor,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  (world as { tutor: Tutor }).tutor = new Tutor({
    catalog: world.catalog,
    store: world.store,
    now: () => world.now,
    nonce: () => `nonce-${++n}`,
  });
  return world;
}

export const member = (externalId: string, extra: Partial<MemberRef> = {}): MemberRef => ({
  workspaceId: 'slack:T1',
  platform: 'slack',
  externalId,
  displayName: externalId,
  timeZone: 'Europe/Berlin',
  ...extra,
});
