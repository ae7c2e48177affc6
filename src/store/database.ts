import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describeCause, StoreError } from './errors.js';
import { runMigrations, schemaVersion, tooNewError } from './migrate.js';
import { LATEST_VERSION } from './migrations/index.js';

export type Db = Database.Database;

export interface OpenOptions {
  /**
   * How long a request's write waits for another connection's lock before failing (default 200 ms).
   * The driver is synchronous: the whole process waits with it, so this stays short and the member
   * is told "busy, try again" instead of every request freezing behind one lock.
   */
  busyTimeoutMs?: number;
  /** Run `PRAGMA quick_check` before serving (default true). */
  quickCheck?: boolean;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 200;
/** Opening (migrations) may wait longer for a lock: nothing is being served yet. */
const OPEN_BUSY_TIMEOUT_MS = 5000;

/** Owner-only: the file holds members' progress and, with OAuth, the workspaces' bot tokens. */
const FILE_MODE = 0o600;
const FOLDER_MODE = 0o700;

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
      // Only folders created here get 0700: an existing folder is the admin's to set.
      mkdirSync(dirname(file), { recursive: true, mode: FOLDER_MODE });
    } catch (cause) {
      throw new StoreError(
        'store_open_failed',
        `Cannot create the folder ${dirname(file)} for the database ${file}: ${describeCause(cause)}. ` +
          'Choose a path in a writable folder.',
        { cause },
      );
    }
  }

  const created = !memory && !existsSync(file);
  let db: Db;
  try {
    db = new Database(file);
  } catch (cause) {
    throw openFailed(file, cause);
  }

  try {
    if (!memory) restrictModes(file, created);
    // Set first: everything below may need the write lock another process holds.
    db.pragma(`busy_timeout = ${Math.max(busyTimeoutMs, OPEN_BUSY_TIMEOUT_MS)}`);
    // The first read of the file: this is where "not a database" shows up. Check the version
    // before changing anything, so a newer release's file is left exactly as it was.
    const found = schemaVersion(db);
    if (found > LATEST_VERSION) throw tooNewError(file, found, LATEST_VERSION);
    if (!memory && !created && options.quickCheck !== false) quickCheck(db, file);

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
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    return db;
  } catch (cause) {
    db.close();
    throw openFailed(file, cause);
  }
}

/**
 * 0600 for the database and its -wal/-shm (SQLite gives those the main file's mode when it creates
 * them, so setting the main file before WAL is switched on covers them; existing ones are set here).
 * A new file gets exactly 0600; an existing one only loses group and other bits, so a file an admin
 * made read-only stays read-only.
 */
function restrictModes(file: string, created: boolean): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (!existsSync(path)) continue;
    const mode = statSync(path).mode & 0o777;
    const wanted = created ? FILE_MODE : mode & ~0o077;
    if (mode === wanted) continue;
    try {
      chmodSync(path, wanted);
    } catch (cause) {
      // An existing file we may not change (immutable, another owner): it is the admin's to set.
      if (created) throw cause;
    }
  }
}

/**
 * Reads every page of the file once (without the slower index cross-checks of integrity_check):
 * damaged pages found at start stop the server with a clear message, instead of a member's command
 * failing later with no reply. Measured: ~0.1 s for 10,000 members with 5 reads and 9 answers each
 * (17 MB), against 2 ms without it; linear in the file size, so it stays on.
 */
function quickCheck(db: Db, file: string): void {
  const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  if (problems.length === 0) return;
  throw corrupt(file, problems.join('; '));
}

function corrupt(file: string, detail: string, cause?: unknown): StoreError {
  return new StoreError(
    'store_corrupt',
    `The database ${file} is damaged (${detail.slice(0, 300)}). Stop the server, then restore the file ` +
      `from a backup, or salvage what is readable with \`sqlite3 ${file} .recover | sqlite3 recovered.db\` ` +
      'and point DATABASE_PATH at recovered.db.',
    { cause },
  );
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
  if (typeof sqliteCode === 'string' && sqliteCode.startsWith('SQLITE_CORRUPT')) {
    return corrupt(file, describeCause(cause), cause);
  }
  return new StoreError(
    'store_open_failed',
    `Cannot open the database ${file}: ${describeCause(cause)}. Check that the path is a file in a ` +
      'writable folder and that no other program holds it locked.',
    { cause },
  );
}
