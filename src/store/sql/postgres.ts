/**
 * PostgreSQL for the store: the executor behind the Sql port (a pg.Pool) and opening a database
 * with its migrations applied. Loaded only when DATABASE_URL is set.
 */
export { openPostgresDatabase, postgresSchemaVersion, runPostgresMigrations } from '../migrate-postgres.js';
export {
  isConnectionError,
  openPostgres,
  type PostgresOptions,
  postgresSql,
  redactUrl,
} from './postgres-executor.js';
