import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { describeCause, StoreError, storeFaultOf } from '../errors.js';
import { type Translated, translatePlaceholders, valuesFor } from './placeholders.js';
import type { Params, RunResult, Sql, TransactionOptions } from './sql.js';

export interface PostgresOptions {
  /** Connections per instance (default 10). */
  poolSize?: number;
  /** The server cancels a statement running longer than this (default 30 s; 0 = no limit). */
  statementTimeoutMs?: number;
  /** How long to wait for a new connection before giving up (default 10 s). */
  connectTimeoutMs?: number;
  /** Told when an idle connection dies (e.g. the server restarted); the pool replaces it by itself. */
  onConnectionError?: (error: Error) => void;
}

/** The transaction an async context is inside: its connection and savepoint depth. */
interface Frame {
  readonly client: pg.PoolClient;
  readonly depth: number;
  /**
   * Shared by a transaction and its savepoints: the statement error that aborted it (the first
   * since the last rollback to a savepoint), not the "transaction is aborted" errors that follow.
   */
  readonly failures: { cause?: unknown };
  /** Set when the transaction has ended, so late work started inside it uses the pool. */
  done: boolean;
}

/** A serialization conflict or deadlock: the whole transaction is re-run, a bounded number of times. */
const RETRY_CODES = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 12;
const MAX_CACHED_TEXTS = 2_000;

/**
 * Counts and sums come back as int8 / numeric, which pg returns as strings by default; ours are
 * counts and epoch milliseconds, well inside a double's exact range. Set on this pool only.
 */
const toNumber = (value: string) => Number(value);
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 || oid === 1700
      ? toNumber
      : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** The URL with its password removed, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.searchParams.delete('password');
    return parsed.toString();
  } catch {
    return 'DATABASE_URL (unreadable, not shown)';
  }
}

/**
 * The Sql port over a pg.Pool. Each call outside a transaction takes any free connection; a
 * transaction holds one connection, and every call made inside it (found by async context) uses
 * that connection. Transactions run SERIALIZABLE and are re-run on a serialization conflict, so
 * read-then-write bodies behave as they do on SQLite's single writer.
 */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Sql> {
  const where = checkedUrl(url);
  let pool: pg.Pool;
  try {
    pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      statement_timeout: options.statementTimeoutMs ?? 30_000,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      application_name: 'chat-tutor',
      // An acknowledged write must survive a server crash: on a server set to synchronous_commit =
      // off the last commits could be lost, so every session asks for the durable default. (With
      // synchronous standbys configured, 'on' also waits for them; remote_apply is not kept.)
      options: '-c synchronous_commit=on',
      types,
    });
  } catch (cause) {
    throw new StoreError('store_open_failed', `DATABASE_URL (${where}) could not be read: ${describeCause(cause)}.`, {
      cause,
    });
  }
  // An idle connection that dies (server restart, network cut) must not crash the process.
  pool.on('error', (error) => options.onConnectionError?.(error));

  try {
    await pool.query('SELECT 1');
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw openError(where, cause);
  }
  return postgresSql(pool, where);
}

function checkedUrl(url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')) {
    throw new StoreError(
      'store_open_failed',
      'DATABASE_URL is not a PostgreSQL URL. Set it to postgres://user:password@host:5432/database ' +
        '(percent-encode special characters in the password), or unset it to use the SQLite file.',
    );
  }
  return redactUrl(url);
}

/** Why the first connection failed, for the operator: by variable name, without the password. */
function openError(where: string, cause: unknown): StoreError {
  const code = (cause as { code?: unknown } | null)?.code;
  const detail = describeCause(cause);
  let advice: string;
  if (code === '28P01' || code === '28000') {
    advice = 'the server refused the login. Check the user and password in DATABASE_URL';
  } else if (code === '3D000') {
    advice = 'that database does not exist. Create it (createdb) or fix the database name in DATABASE_URL';
  } else if (isConnectionError(cause)) {
    advice = 'the server could not be reached. Check the host and port in DATABASE_URL and that PostgreSQL is running';
  } else {
    advice = 'the server refused the connection';
  }
  return new StoreError('store_open_failed', `DATABASE_URL (${where}): ${advice} (${detail}).`, { cause });
}

/** A failure of the connection itself rather than of the statement: refused, reset, cut, timed out. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error) || error instanceof StoreError) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return true; // ECONNREFUSED, ECONNRESET, EPIPE…
  if (error instanceof AggregateError) return error.errors.some(isConnectionError); // every address refused
  return /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection ended/i.test(
    error.message,
  );
}

/** Connection failures become StoreError('store_unavailable'); PostgreSQL's own errors pass as they are. */
function unavailableOr(where: string, error: unknown): unknown {
  if (!isConnectionError(error)) return error;
  return new StoreError(
    'store_unavailable',
    `PostgreSQL at ${where} is unavailable: ${describeCause(error)}. It is retried on the next request.`,
    { cause: error },
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The Sql port over an existing pool (which it ends on close). */
export function postgresSql(pool: pg.Pool, where: string): Sql {
  const translations = new Map<string, Translated>();
  const context = new AsyncLocalStorage<Frame>();

  const query = async (text: string, params: Params | undefined): Promise<pg.QueryResult> => {
    let translated = translations.get(text);
    if (!translated) {
      translated = translatePlaceholders(text);
      // Texts are constants in practice; a caller building texts must not grow this forever.
      if (translations.size >= MAX_CACHED_TEXTS) translations.clear();
      translations.set(text, translated);
    }
    const values = valuesFor(translated, params, text);
    const frame = context.getStore();
    const target = frame && !frame.done ? frame.client : pool;
    try {
      // Without values pg uses the simple protocol, which also runs several statements (migrations).
      return values.length > 0 ? await target.query(translated.text, values) : await target.query(translated.text);
    } catch (error) {
      if (frame && !frame.done) frame.failures.cause ??= error;
      throw unavailableOr(where, error);
    }
  };

  /** A connection for a new transaction, listening for errors while checked out (else: crash). */
  const checkout = async (): Promise<pg.PoolClient> => {
    try {
      const client = await pool.connect();
      client.on('error', ignore);
      return client;
    } catch (error) {
      throw unavailableOr(where, error);
    }
  };
  const release = (client: pg.PoolClient, broken: unknown) => {
    client.removeListener('error', ignore);
    // A broken connection is destroyed rather than handed to the next caller.
    client.release(broken ? (broken instanceof Error ? broken : new Error(String(broken))) : undefined);
  };

  async function outer<T>(fn: () => Promise<T>, options: TransactionOptions | undefined): Promise<T> {
    const begin =
      options?.isolation === 'read-committed'
        ? 'BEGIN ISOLATION LEVEL READ COMMITTED'
        : 'BEGIN ISOLATION LEVEL SERIALIZABLE';
    for (let attempt = 1; ; attempt++) {
      const client = await checkout();
      const frame: Frame = { client, depth: 0, done: false, failures: {} };
      let broken: unknown;
      let begun = false;
      try {
        await client.query(begin);
        begun = true;
        // State that may be lost (a rate-limit window) does not wait for the WAL flush.
        if (options?.durable === false) await client.query('SET LOCAL synchronous_commit = off');
        const result = await context.run(frame, fn);
        const committed = await client.query('COMMIT');
        // A statement failed inside and `fn` caught it: PostgreSQL has aborted the transaction and
        // answers COMMIT with ROLLBACK. Nothing was saved, so that must not look like success.
        if (committed.command === 'ROLLBACK') {
          throw frame.failures.cause ?? new Error('PostgreSQL rolled the transaction back at COMMIT.');
        }
        return result;
      } catch (error) {
        frame.done = true;
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError;
        }
        const code = (error as { code?: unknown } | null)?.code;
        const retry =
          attempt < MAX_ATTEMPTS &&
          ((typeof code === 'string' && RETRY_CODES.has(code)) ||
            // A pooled connection that died before BEGIN went through (the server restarted since):
            // nothing was done, so try once more on a fresh one.
            (!begun && attempt < 3 && (isConnectionError(error) || storeFaultOf(error) === 'unavailable')));
        if (!retry) throw unavailableOr(where, error);
        if (!broken && !begun) broken = error;
      } finally {
        frame.done = true;
        release(client, broken);
      }
      // Small jittered backoff so the conflicting transactions do not collide again in lockstep.
      await sleep(Math.min(200, 2 ** attempt) * (0.5 + Math.random()));
    }
  }

  async function savepoint<T>(frame: Frame, fn: () => Promise<T>): Promise<T> {
    const depth = frame.depth + 1;
    const name = `sp${depth}`;
    const inner: Frame = { client: frame.client, depth, done: false, failures: frame.failures };
    await query(`SAVEPOINT ${name}`, undefined);
    try {
      const result = await context.run(inner, fn);
      // A statement failed inside and `fn` caught it: the savepoint can only be rolled back.
      if (frame.failures.cause !== undefined) throw frame.failures.cause;
      await query(`RELEASE SAVEPOINT ${name}`, undefined);
      return result;
    } catch (error) {
      await query(`ROLLBACK TO SAVEPOINT ${name}`, undefined);
      frame.failures.cause = undefined; // the transaction is usable again
      await query(`RELEASE SAVEPOINT ${name}`, undefined);
      throw error;
    } finally {
      inner.done = true;
    }
  }

  return {
    dialect: 'postgres',
    where,
    async all<T>(text: string, params?: Params) {
      return (await query(text, params)).rows as T[];
    },
    async get<T>(text: string, params?: Params) {
      return (await query(text, params)).rows[0] as T | undefined;
    },
    async run(text: string, params?: Params): Promise<RunResult> {
      return { changes: (await query(text, params)).rowCount ?? 0 };
    },
    transaction<T>(fn: () => Promise<T>, options?: TransactionOptions): Promise<T> {
      const frame = context.getStore();
      return frame && !frame.done ? savepoint(frame, fn) : outer(fn, options);
    },
    async close() {
      await pool.end();
    },
  };
}

function ignore(): void {
  // The query in flight (if any) rejects with the error; release() then discards the connection.
}
