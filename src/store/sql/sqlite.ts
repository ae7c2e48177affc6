import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, Statement } from 'better-sqlite3';
import type { Params, RunResult, Sql, TransactionOptions } from './sql.js';

/** The transaction an async context is inside (its savepoint depth), if any. */
interface Frame {
  depth: number;
}

/**
 * The Sql port over one better-sqlite3 connection. Statements run synchronously and are prepared
 * once per text. A transaction holds the connection: while one is open, calls from any other async
 * context wait for it to end instead of slipping into it (a rollback must never take another
 * request's acknowledged write with it).
 */
export function sqliteSql(db: Database, where: string = db.name): Sql {
  const statements = new Map<string, Statement>();
  const context = new AsyncLocalStorage<Frame>();
  let held: Promise<void> | undefined;

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

  /** Outside any transaction of ours, wait until the connection is free. */
  const ready = async (): Promise<void> => {
    if (context.getStore()) return;
    while (held) await held;
  };

  const sql: Sql = {
    dialect: 'sqlite',
    where,
    async all<T>(text: string, params?: Params) {
      await ready();
      return prepare(text).all(...args(params)) as T[];
    },
    async get<T>(text: string, params?: Params) {
      await ready();
      return prepare(text).get(...args(params)) as T | undefined;
    },
    async run(text: string, params?: Params): Promise<RunResult> {
      await ready();
      return { changes: prepare(text).run(...args(params)).changes };
    },
    async transaction<T>(fn: () => Promise<T>, options?: TransactionOptions): Promise<T> {
      const frame = context.getStore();
      if (frame) return savepoint(frame.depth + 1, fn);
      await ready();
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
        // IMMEDIATE: take the write lock up front, so a read-then-write body waits on busy_timeout
        // instead of failing with SQLITE_BUSY when another process wrote in between.
        prepare('BEGIN IMMEDIATE').run();
        try {
          const result = await context.run({ depth: 0 }, fn);
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

  async function savepoint<T>(depth: number, fn: () => Promise<T>): Promise<T> {
    const name = `sp${depth}`;
    prepare(`SAVEPOINT ${name}`).run();
    try {
      const result = await context.run({ depth }, fn);
      prepare(`RELEASE ${name}`).run();
      return result;
    } catch (error) {
      if (db.inTransaction) {
        prepare(`ROLLBACK TO ${name}`).run();
        prepare(`RELEASE ${name}`).run();
      }
      throw error;
    }
  }

  return sql;
}
