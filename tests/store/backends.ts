/**
 * The two stores the repository contract runs on: a SQLite file and a real PostgreSQL database
 * (a fresh one per open, on the run's shared server). A contract test is written once and run
 * on both with `describe.each(BACKENDS)`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { type Clock, createStore, type Dialect, type Sql, type Store, sqliteSql } from '../../src/store/index.js';
import { openPostgresDatabase } from '../../src/store/migrate-postgres.js';
import { freshPostgresUrl } from '../support/postgres.js';

export interface Opened {
  readonly sql: Sql;
  readonly store: Store;
  /** Another connection (SQLite) or pool (PostgreSQL) on the same database: a second instance. */
  connect(now?: Clock): Promise<Opened>;
  close(): Promise<void>;
}

export interface Backend {
  readonly name: Dialect;
  /** A new, empty, migrated database. */
  open(now?: Clock): Promise<Opened>;
}

/** Where a store lives, reopened as often as a test likes. */
type Connector = (now: Clock | undefined) => Promise<Sql>;

/** A handle on `sql`; the database's files are removed (`dispose`) once its last handle closes. */
function opened(
  connect: Connector,
  sql: Sql,
  now: Clock | undefined,
  shared: { open: number; dispose(): void },
): Opened {
  shared.open++;
  let closed = false;
  return {
    sql,
    store: createStore(sql, now ? { now } : {}),
    connect: async (later) => opened(connect, await connect(later), later, shared),
    async close() {
      if (closed) return;
      closed = true;
      await sql.close();
      if (--shared.open === 0) shared.dispose();
    },
  };
}

const sqlite: Backend = {
  name: 'sqlite',
  async open(now) {
    const dir = mkdtempSync(join(tmpdir(), 'chat-tutor-contract-'));
    const file = join(dir, 'tutor.db');
    const connect: Connector = async () => sqliteSql(openDatabase(file));
    const dispose = () => rmSync(dir, { recursive: true, force: true });
    return opened(connect, await connect(now), now, { open: 0, dispose });
  },
};

const postgres: Backend = {
  name: 'postgres',
  async open(now) {
    const url = await freshPostgresUrl();
    // Small pools: a run opens one database per test on a server shared with other files.
    const connect: Connector = () => openPostgresDatabase(url, { poolSize: 4 });
    return opened(connect, await connect(now), now, { open: 0, dispose: () => undefined });
  },
};

export const BACKENDS: readonly Backend[] = [sqlite, postgres];

/** `open` for one backend, whose stores (and every further connection made with `connect`) close after each test. */
export function useStores(backend: Backend): (now?: Clock) => Promise<Opened> {
  const live: Opened[] = [];
  const track = (handle: Opened): Opened => {
    live.push(handle);
    return {
      ...handle,
      connect: async (now) => track(await handle.connect(now)),
    };
  };
  afterEach(async () => {
    for (const handle of live.splice(0)) await handle.close().catch(() => undefined);
  });
  return async (now) => track(await backend.open(now));
}

/** A constraint the database refused, worded as each engine words it. */
export const FOREIGN_KEY = /foreign key constraint/i;
export const CHECK = /check constraint/i;
