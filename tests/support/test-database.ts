/**
 * Which store an end-to-end test runs on: the SQLite file (default) or, with TEST_DATABASE=postgres
 * (`npm run test:postgres`), a fresh database on the run's real PostgreSQL server. A test reads rows
 * back through a `Sql` either way, so one portable query checks both stores.
 */
import { join } from 'node:path';
import type { StartOptions } from '../../src/main.js';
import { openSql } from '../../src/store/open.js';
import type { Params, RunResult, Sql } from '../../src/store/sql/index.js';
import { freshPostgresUrl } from './postgres.js';

export type TestBackend = 'sqlite' | 'postgres';

/** The backend TEST_DATABASE asks for: `postgres`, else SQLite. */
export const testBackend = (): TestBackend => (process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite');

/** For `it.skipIf(onPostgres)`: tests about the SQLite file itself (a path, a disk) run on SQLite only. */
export const onPostgres = testBackend() === 'postgres';

/** The env a server needs for the database: DATABASE_PATH always, DATABASE_URL on PostgreSQL. */
export interface DatabaseEnv {
  readonly DATABASE_PATH: string;
  readonly DATABASE_URL?: string;
}

/**
 * The database settings for a server whose data lives in `dir`: the file `dir/tutor.db`, or a new
 * empty PostgreSQL database on that backend.
 */
export async function databaseEnv(dir: string, backend: TestBackend = testBackend()): Promise<DatabaseEnv> {
  const DATABASE_PATH = join(dir, 'tutor.db');
  return backend === 'postgres' ? { DATABASE_PATH, DATABASE_URL: await freshPostgresUrl() } : { DATABASE_PATH };
}

/** The SQLite file of a world's database; on PostgreSQL there is none, and a test that wants one says so. */
export function sqliteFile(database: DatabaseEnv): string {
  if (database.DATABASE_URL)
    throw new Error(
      'This world runs on PostgreSQL (TEST_DATABASE=postgres) and has no SQLite file: read rows with ' +
        "world.rows(), or start it with { backend: 'sqlite' } if the test is about the file itself.",
    );
  return database.DATABASE_PATH;
}

/** How a test world (tests/slack/harness.ts, tests/teams/harness.ts) starts its server. */
export interface WorldOptions extends StartOptions {
  /** The store to run on; default TEST_DATABASE's. Ignored when env names DATABASE_URL (the same data again). */
  readonly backend?: TestBackend;
}

/** The PostgreSQL database made for each world folder, so a second world on the same folder shares its data. */
const databaseOfDir = new Map<string, Promise<DatabaseEnv>>();

/**
 * A world's database: the one env names, else the one of `dir`. As with the SQLite file
 * `dir/tutor.db`, a second world started on the same folder (a restart, a second instance) finds the
 * same data on PostgreSQL too.
 */
export function worldDatabase(
  env: Readonly<Record<string, string>>,
  dir: string,
  backend: TestBackend = testBackend(),
): Promise<DatabaseEnv> {
  if (env.DATABASE_URL)
    return Promise.resolve({ DATABASE_PATH: join(dir, 'tutor.db'), DATABASE_URL: env.DATABASE_URL });
  if (backend === 'sqlite') return databaseEnv(dir, backend);
  let database = databaseOfDir.get(dir);
  if (!database) {
    database = databaseEnv(dir, backend);
    databaseOfDir.set(dir, database);
  }
  return database;
}

/** A test's own connection to the database `env` names, opened on first use and migrated if new. */
export interface TestRows {
  readonly backend: TestBackend;
  /** Rows of a portable query (`?` placeholders; quote camelCase aliases; counts come back as numbers). */
  rows<T>(text: string, params?: Params): Promise<T[]>;
  /** A write, for a test that sets up what no command can (e.g. filling a workspace to its limit). */
  run(text: string, params?: Params): Promise<RunResult>;
  /** The Sql itself, for a repository (`createStore`) or a write. */
  sql(): Promise<Sql>;
  close(): Promise<void>;
}

export function testRows(env: DatabaseEnv): TestRows {
  let opened: Promise<Sql> | undefined;
  const sql = () => {
    // A small pool: the server under test is the one that needs connections.
    opened ??= openSql({ DATABASE_PATH: env.DATABASE_PATH, DATABASE_URL: env.DATABASE_URL, DATABASE_POOL_SIZE: 2 });
    return opened;
  };
  return {
    backend: env.DATABASE_URL ? 'postgres' : 'sqlite',
    sql,
    rows: async (text, params) => (await sql()).all(text, params),
    run: async (text, params) => (await sql()).run(text, params),
    async close() {
      const db = opened;
      opened = undefined;
      await (await db?.catch(() => undefined))?.close();
    },
  };
}
