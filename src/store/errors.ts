/**
 * Faults of the progress store. Expected outcomes (a duplicate attempt, a claim lost to another
 * worker) are return values; these are the cases an operator has to act on, so each message names
 * the database file and says what to do.
 */

export type StoreErrorCode =
  | 'store_open_failed'
  | 'store_not_database'
  | 'store_corrupt'
  | 'store_too_new'
  | 'store_migration_failed'
  | 'store_copy_failed'
  | 'store_invalid_data'
  | 'store_idempotency_conflict'
  | 'store_token_key'
  | 'store_unavailable';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The message of whatever was thrown, for wrapping into a StoreError. */
export function describeCause(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * Why the database refused a read or write, in words an admin (and /healthz) can use. `locked`
 * passes by itself (another process holds the write lock, or a conflicting transaction won);
 * `unavailable` passes when the database server is back; the others need someone to act.
 */
export type StoreFault = 'disk full' | 'read-only' | 'locked' | 'corrupt' | 'io' | 'unavailable';

/** The fault behind a SQLite or PostgreSQL error, if it is one (anything else is a bug). */
export function storeFaultOf(error: unknown): StoreFault | undefined {
  if (error instanceof StoreError) return error.code === 'store_unavailable' ? 'unavailable' : undefined;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  if (code.startsWith('SQLITE_')) return sqliteFaultOf(code);
  // pg reports the server's five-character SQLSTATE in `code`, next to a `severity`.
  if (/^[0-9A-Z]{5}$/.test(code) && typeof (error as { severity?: unknown }).severity === 'string') {
    return postgresFaultOf(code);
  }
  return undefined;
}

/** better-sqlite3 puts SQLite's extended code in `code`. */
function sqliteFaultOf(code: string): StoreFault | undefined {
  if (code === 'SQLITE_FULL') return 'disk full';
  if (code.startsWith('SQLITE_READONLY')) return 'read-only';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'io';
  return undefined;
}

/**
 * PostgreSQL's SQLSTATE. A lost connection without one (refused, reset, "Connection terminated")
 * reaches callers as StoreError('store_unavailable') from the PostgreSQL executor, so a refused
 * connection to some other service is never taken for a database fault.
 */
function postgresFaultOf(code: string): StoreFault | undefined {
  if (code === '53100') return 'disk full';
  if (code === '25006') return 'read-only';
  // Lock wait or statement timeout, or a serialization conflict still losing after the retries.
  if (code === '55P03' || code === '57014' || code === '40001' || code === '40P01') return 'locked';
  // Server shutting down, crashed, starting up; connection failures; too many connections.
  if (code === '57P01' || code === '57P02' || code === '57P03' || code.startsWith('08') || code === '53300') {
    return 'unavailable';
  }
  if (code === 'XX001' || code === 'XX002') return 'corrupt';
  if (code === '58030') return 'io';
  return undefined;
}
