import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describeCause, StoreError } from './errors.js';
import { runMigrations, schemaVersion, tooNewError } from './migrate.js';
import { LATEST_VERSION } from './migrations/index.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** How long a write waits for another connection's lock before failing (default 5000 ms). */
  busyTimeoutMs?: number;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) the SQLite file at `path`, configures the connection and brings the
 * schema up to date. Every failure is a StoreError that names the file.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
    throw new RangeError(`busyTimeoutMs must be a whole number of milliseconds ≥ 0, got ${busyTimeoutMs}`);
  }
  const memory = path === ':memory:';
  const file = memory ? path : resolve(path);

  if (!memory) {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (cause) {
      throw new StoreError(
        'store_open_failed',
        `Cannot create the folder ${dirname(file)} for the database ${file}: ${describeCause(cause)}. ` +
          'Choose a path in a writable folder.',
        { cause },
      );
    }
  }

  let db: Db;
  try {
    db = new Database(file);
  } catch (cause) {
    throw openFailed(file, cause);
  }

  try {
    // Set first: everything below may need the write lock another process holds.
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    // The first read of the file: this is where "not a database" shows up. Check the version
    // before changing anything, so a newer release's file is left exactly as it was.
    const found = schemaVersion(db);
    if (found > LATEST_VERSION) throw tooNewError(file, found, LATEST_VERSION);

    // WAL: readers never block the writer. It is a property of the file, so verify it took.
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (!memory && mode !== 'wal') {
      throw new StoreError(
        'store_open_failed',
        `The database ${file} could not be switched to WAL mode (it reports "${String(mode)}"). ` +
          'Put it on a local disk; network file systems do not support WAL.',
      );
    }
    db.pragma('foreign_keys = ON');
    // FULL: in WAL mode each commit is fsynced, so an acknowledged write survives power loss, not
    // only a killed process (NORMAL could lose the last commits on power failure).
    db.pragma('synchronous = FULL');
    runMigrations(db, undefined, file);
    return db;
  } catch (cause) {
    db.close();
    throw openFailed(file, cause);
  }
}

function openFailed(file: string, cause: unknown): StoreError {
  if (cause instanceof StoreError) return cause;
  const sqliteCode = (cause as { code?: unknown } | null)?.code;
  if (sqliteCode === 'SQLITE_NOTADB') {
    return new StoreError(
      'store_not_database',
      `The file ${file} is not a SQLite database. Point the store at another path, or move that file away.`,
      { cause },
    );
  }
  return new StoreError(
    'store_open_failed',
    `Cannot open the database ${file}: ${describeCause(cause)}. Check that the path is a file in a ` +
      'writable folder and that no other program holds it locked.',
    { cause },
  );
}
