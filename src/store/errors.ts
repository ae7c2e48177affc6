/**
 * Faults of the progress store. Expected outcomes (a duplicate attempt, a claim lost to another
 * worker) are return values; these are the cases an operator has to act on, so each message names
 * the database file and says what to do.
 */

export type StoreErrorCode =
  | 'store_open_failed'
  | 'store_not_database'
  | 'store_too_new'
  | 'store_migration_failed'
  | 'store_invalid_data'
  | 'store_idempotency_conflict';

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
