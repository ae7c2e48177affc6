export type { Dialect, Params, RunResult, Sql } from './sql.js';
export { sqliteSql } from './sqlite.js';
