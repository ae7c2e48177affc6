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
  | 'store_invalid_data'
  | 'store_idempotency_conflict'
  | 'store_token_key';

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
 * passes by itself (another process holds the write lock); the others need someone to act.
 */
export type StoreFault = 'disk full' | 'read-only' | 'locked' | 'corrupt' | 'io';

/** The fault behind a SQLite error (better-sqlite3 puts SQLite's extended code in `code`), if it is one. */
export function storeFaultOf(error: unknown): StoreFault | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  if (code === 'SQLITE_FULL') return 'disk full';
  if (code.startsWith('SQLITE_READONLY')) return 'read-only';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'io';
  return undefined;
}
