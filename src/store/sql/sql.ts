/**
 * The one way repositories talk to a database, whichever it is. Queries are written once in the
 * subset of SQL that SQLite and PostgreSQL share (`ON CONFLICT … DO UPDATE`, `RETURNING`,
 * `COALESCE`, no `json_each`), with `?` or `@name` placeholders; each dialect's executor
 * translates the placeholders and prepares each text once.
 */
export type Dialect = 'sqlite' | 'postgres';

/** Positional values for `?`, or named values for `@name`. Booleans are stored as 0/1 by callers. */
export type Params = readonly unknown[] | Readonly<Record<string, unknown>>;

export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

export interface TransactionOptions {
  /**
   * `read-committed` (PostgreSQL; SQLite always serialises writers): for a hot path whose body is
   * safe without SERIALIZABLE because it locks what it reads before writing it (see rollups.ts) and
   * otherwise only upserts. Counters every answer adds to then wait on a row lock instead of failing
   * with serialization conflicts. A nested call keeps its outer transaction's level.
   */
  readonly isolation?: 'serializable' | 'read-committed';
  /**
   * `false` for state that may be lost (a rate-limit window): the commit survives the process
   * dying but not necessarily a power cut, and skips waiting for the disk. Ignored when nested.
   */
  readonly durable?: boolean;
}

export interface Sql {
  readonly dialect: Dialect;
  /** Where the data lives, for messages (a file path, or a URL without its password). */
  readonly where: string;
  all<T>(text: string, params?: Params): Promise<T[]>;
  get<T>(text: string, params?: Params): Promise<T | undefined>;
  run(text: string, params?: Params): Promise<RunResult>;
  /**
   * Runs `fn` as one write transaction. Every call on this Sql made inside `fn` (through any
   * repository) joins it, found by async context; a nested call becomes a savepoint. On
   * PostgreSQL it runs SERIALIZABLE and `fn` is re-run when the database reports a conflict, so
   * `fn` must only touch the database. On both, a statement that fails inside `fn` voids the
   * transaction even if `fn` catches the error (later statements fail, and it ends by throwing
   * that failure); only a nested transaction that fails rolls back alone.
   */
  transaction<T>(fn: () => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}
