export type { Dialect, Params, RunResult, Sql, TransactionOptions } from './sql.js';
export { sqliteSql } from './sqlite.js';
