import { openDatabase } from './database.js';
import { type Sql, sqliteSql } from './sql/index.js';

export interface DatabaseSettings {
  readonly DATABASE_PATH: string;
  readonly DATABASE_URL?: string | undefined;
  readonly DATABASE_POOL_SIZE?: number;
  readonly DATABASE_STATEMENT_TIMEOUT_MS?: number;
}

/**
 * The database the settings name, migrated to the latest schema: PostgreSQL when DATABASE_URL is
 * set (several instances share it), else the SQLite file at DATABASE_PATH (one instance; nothing to
 * install). Faults are StoreErrors whose message names the variable and what to do.
 */
export async function openSql(settings: DatabaseSettings): Promise<Sql> {
  if (!settings.DATABASE_URL) return sqliteSql(openDatabase(settings.DATABASE_PATH));
  const { openPostgresDatabase } = await import('./sql/postgres.js');
  return openPostgresDatabase(settings.DATABASE_URL, {
    ...(settings.DATABASE_POOL_SIZE ? { poolSize: settings.DATABASE_POOL_SIZE } : {}),
    ...(settings.DATABASE_STATEMENT_TIMEOUT_MS ? { statementTimeoutMs: settings.DATABASE_STATEMENT_TIMEOUT_MS } : {}),
  });
}

/** Where the data lives, for a log line: a file path, or the URL without its password. */
export const describeDatabase = (sql: Sql): string => `${sql.dialect} ${sql.where}`;
