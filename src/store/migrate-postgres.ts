import { describeCause, StoreError } from './errors.js';
import type { Migration } from './migrations/migration.js';
import { POSTGRES_MIGRATIONS } from './migrations/postgres/index.js';
import { openPostgres, type PostgresOptions } from './sql/postgres-executor.js';
import type { Sql } from './sql/sql.js';

/** Held (per transaction) while a step is applied, so instances starting together take turns. */
const MIGRATION_LOCK = 7_301_414; // any constant; "tutor" on a phone keypad, roughly

/** Named for this app: golang-migrate, Rails and dbmate all keep a `schema_migrations` of their own. */
const LEDGER_TABLE = 'chat_tutor_migrations';
const LEDGER = `CREATE TABLE IF NOT EXISTS ${LEDGER_TABLE} (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;

/** The newest applied step (0 for an empty database), e.g. for /healthz. */
export async function postgresSchemaVersion(sql: Sql): Promise<number> {
  const row = await sql.get<{ version: number | null }>(
    `SELECT CASE WHEN to_regclass('${LEDGER_TABLE}') IS NULL THEN 0
                 ELSE (SELECT coalesce(max(version), 0) FROM ${LEDGER_TABLE}) END AS version`,
  );
  return row?.version ?? 0;
}

/**
 * Applies every PostgreSQL migration the database lacks, oldest first, each in its own transaction
 * together with its ledger row: a failure leaves the previous version intact. Each step
 * first takes a transaction-scoped advisory lock and only then reads the version, so of N instances
 * starting at once one applies the step and the others find it done. Returns the final version.
 */
export async function runPostgresMigrations(
  sql: Sql,
  where: string = sql.where,
  migrations: readonly Migration[] = POSTGRES_MIGRATIONS,
): Promise<number> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`Migration "${m.name}" has version ${m.version}; expected ${i + 1} (no gaps).`);
    }
  });
  const latest = migrations.length;
  for (;;) {
    let step: Migration | undefined;
    try {
      const version = await sql.transaction(async () => {
        // READ COMMITTED (allowed before the first query): each statement sees what committed
        // before it, so the version read after the lock wait includes the step another instance
        // just applied. A SERIALIZABLE snapshot would predate the wait and apply the step twice.
        await sql.run('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
        // A step (or another instance's, waited for here) may take longer than a request may.
        await sql.run('SET LOCAL statement_timeout = 0');
        await sql.run(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
        await sql.run(LEDGER);
        const found =
          (await sql.get<{ version: number | null }>(`SELECT max(version) AS version FROM ${LEDGER_TABLE}`))?.version ??
          0;
        if (found > latest) throw tooNewError(where, found, latest);
        step = migrations[found];
        if (!step) return found;
        await sql.run(step.sql);
        await sql.run(`INSERT INTO ${LEDGER_TABLE} (version, name, applied_at) VALUES (?, ?, ?)`, [
          step.version,
          step.name,
          Date.now(),
        ]);
        return step.version;
      });
      if (version >= latest) return version;
    } catch (cause) {
      if (cause instanceof StoreError) throw cause;
      if (!step)
        throw new StoreError(
          'store_migration_failed',
          `Reading the schema version of ${where} failed: ${describeCause(cause)}. Check that DATABASE_URL's user may ` +
            `create tables in its schema (the ledger is ${LEDGER_TABLE}).`,
          { cause },
        );
      throw new StoreError(
        'store_migration_failed',
        `Upgrading the database ${where} to version ${step.version} ("${step.name}") failed: ` +
          `${describeCause(cause)}. Nothing of that step was applied; the database is still at version ` +
          `${step.version - 1}. Restore a backup or report the error.`,
        { cause },
      );
    }
  }
}

export function tooNewError(where: string, found: number, latest: number): StoreError {
  return new StoreError(
    'store_too_new',
    `The database ${where} has schema version ${found}, but this build of chat-tutor only knows up to ` +
      `version ${latest}: it was written by a newer release. Run that release (or newer), or point ` +
      'DATABASE_URL at another database. The database was left untouched.',
  );
}

/** Connects to DATABASE_URL and brings its schema up to date: the Sql the store runs on. */
export async function openPostgresDatabase(url: string, options: PostgresOptions = {}): Promise<Sql> {
  const sql = await openPostgres(url, options);
  try {
    await runPostgresMigrations(sql);
    return sql;
  } catch (error) {
    await sql.close().catch(() => undefined);
    throw error;
  }
}
