import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, Statement } from 'better-sqlite3';
import type { Params, RunResult, Sql, TransactionOptions } from './sql.js';

/** The transaction an async context is inside (its savepoint depth), if any. */
interface Frame {
  depth: number;
  /**
   * Shared by a transaction and its savepoints: a statement error since the last rollback to a
   * savepoint. SQLite itself would carry on after it; like PostgreSQL, the transaction then saves
   * nothing, so a caught failure never commits half of what the caller meant to write together.
   */
  failures: { cause?: unknown };
}

const isBusy = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The Sql port over one better-sqlite3 connection. Statements run synchronously and are prepared
 * once per text. A transaction holds the connection: while one is open, calls from any other async
 * context wait for it to end instead of slipping into it (a rollback must never take another
 * request's acknowledged write with it). The wait is checked and the statement run in the same
 * turn, so nothing can start in between.
 */
export function sqliteSql(db: Database, where: string = db.name): Sql {
  const statements = new Map<string, Statement>();
  const context = new AsyncLocalStorage<Frame>();
  let held: Promise<void> | undefined;
  // How long a transaction may wait for another process's write lock (the connection's busy_timeout).
  const lockWaitMs = Number(db.pragma('busy_timeout', { simple: true })) || 0;

  const prepare = (text: string): Statement => {
    let statement = statements.get(text);
    if (!statement) {
      statement = db.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  };
  /** The connection's durability level (0 OFF … 2 FULL, 3 EXTRA). */
  const synchronous = (): number => (prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous;
  const args = (params: Params | undefined): unknown[] =>
    params === undefined ? [] : Array.isArray(params) ? params : [params];

  /**
   * BEGIN IMMEDIATE takes the write lock up front, so a read-then-write body never fails half-way
   * with SQLITE_BUSY. While another process holds the lock, this waits asynchronously (the event
   * loop keeps serving) for up to the connection's busy_timeout, then fails as SQLITE_BUSY.
   */
  async function begin(): Promise<void> {
    const started = Date.now();
    prepare('PRAGMA busy_timeout = 0').get();
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          prepare('BEGIN IMMEDIATE').run();
          return;
        } catch (error) {
          if (!isBusy(error) || Date.now() - started >= lockWaitMs) throw error;
        }
        await sleep(Math.min(2 ** attempt, 20));
      }
    } finally {
      prepare(`PRAGMA busy_timeout = ${lockWaitMs}`).get();
    }
  }

  /** Runs a statement; inside a transaction that a failed statement aborted, fails like it (as PostgreSQL does). */
  const execute = async <R>(text: string, how: (s: Statement) => R): Promise<R> => {
    const frame = context.getStore();
    if (!frame) {
      while (held) await held;
      return how(prepare(text));
    }
    if (frame.failures.cause !== undefined) throw frame.failures.cause;
    try {
      return how(prepare(text));
    } catch (error) {
      frame.failures.cause = error;
      throw error;
    }
  };

  const sql: Sql = {
    dialect: 'sqlite',
    where,
    all: <T>(text: string, params?: Params) => execute(text, (s) => s.all(...args(params)) as T[]),
    get: <T>(text: string, params?: Params) => execute(text, (s) => s.get(...args(params)) as T | undefined),
    run: (text: string, params?: Params): Promise<RunResult> =>
      execute(text, (s) => ({ changes: s.run(...args(params)).changes })),
    async transaction<T>(fn: () => Promise<T>, options?: TransactionOptions): Promise<T> {
      const frame = context.getStore();
      if (frame) return savepoint(frame, fn);
      while (held) await held;
      let release!: () => void;
      held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let level: number | undefined;
      try {
        // In WAL mode NORMAL commits without an fsync; the next durable commit's fsync covers it.
        // SQLite refuses to change this inside a transaction, so it is set around it.
        const current = options?.durable === false ? synchronous() : 0;
        if (current > 1) {
          prepare('PRAGMA synchronous = NORMAL').run();
          level = current;
        }
        await begin();
        try {
          const failures: Frame['failures'] = {};
          const result = await context.run({ depth: 0, failures }, fn);
          if (failures.cause !== undefined) throw failures.cause;
          prepare('COMMIT').run();
          return result;
        } catch (error) {
          if (db.inTransaction) prepare('ROLLBACK').run();
          throw error;
        }
      } finally {
        try {
          if (level !== undefined) prepare(`PRAGMA synchronous = ${level}`).run();
        } finally {
          held = undefined;
          release();
        }
      }
    },
    async close() {
      while (held) await held;
      db.close();
    },
  };

  async function savepoint<T>(outer: Frame, fn: () => Promise<T>): Promise<T> {
    if (outer.failures.cause !== undefined) throw outer.failures.cause;
    const depth = outer.depth + 1;
    const name = `sp${depth}`;
    prepare(`SAVEPOINT ${name}`).run();
    try {
      const result = await context.run({ depth, failures: outer.failures }, fn);
      // A statement failed inside and `fn` caught it: the savepoint can only be rolled back.
      if (outer.failures.cause !== undefined) throw outer.failures.cause;
      prepare(`RELEASE ${name}`).run();
      return result;
    } catch (error) {
      if (db.inTransaction) {
        prepare(`ROLLBACK TO ${name}`).run();
        prepare(`RELEASE ${name}`).run();
        outer.failures.cause = undefined; // the transaction is usable again
      }
      throw error;
    }
  }

  return sql;
}
