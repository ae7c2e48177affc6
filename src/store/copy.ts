/**
 * `tutor db copy`: moves a SQLite database into PostgreSQL. Every table is copied row by row with
 * its ids, in foreign-key order, in one transaction on the target; a row whose key is already there
 * is left as it is, so running the copy again (after an interruption, or to pick up what the file
 * got since) adds only what is missing and never duplicates an answer.
 */
import type { Database } from 'better-sqlite3';
import type { Sql } from './sql/sql.js';

export interface CopyReport {
  readonly tables: readonly { readonly name: string; readonly read: number; readonly added: number }[];
}

/** Rows inserted per statement: well under PostgreSQL's 65,535 parameters for the widest table. */
const BATCH_ROWS = 200;

/** Tables in an order where every table comes after those its foreign keys point to. */
export function tablesInOrder(source: Database): string[] {
  const names = (
    source
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[]
  ).map((r) => r.name);
  const parents = new Map(
    names.map((name) => [
      name,
      (source.prepare(`PRAGMA foreign_key_list("${name}")`).all() as { table: string }[])
        .map((r) => r.table)
        .filter((t) => t !== name),
    ]),
  );
  const ordered: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (ordered.includes(name) || path.has(name)) return;
    path.add(name);
    for (const parent of parents.get(name) ?? []) visit(parent, path);
    ordered.push(name);
  };
  for (const name of names) visit(name, new Set());
  return ordered;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function copySqliteToPostgres(source: Database, target: Sql): Promise<CopyReport> {
  if (target.dialect !== 'postgres') throw new Error('The copy goes into PostgreSQL: set DATABASE_URL.');
  const targetTables = new Set(
    (
      await target.all<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()',
      )
    ).map((r) => r.table_name),
  );
  const tables = tablesInOrder(source).filter((t) => targetTables.has(t));
  return target.transaction(async () => {
    const report: { name: string; read: number; added: number }[] = [];
    for (const table of tables) {
      const columns = (source.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string }[]).map(
        (c) => c.name,
      );
      const rows = source
        .prepare(`SELECT * FROM ${quote(table)}`)
        .raw(true)
        .all() as unknown[][];
      let added = 0;
      for (let i = 0; i < rows.length; i += BATCH_ROWS) {
        const batch = rows.slice(i, i + BATCH_ROWS);
        const tuple = `(${columns.map(() => '?').join(', ')})`;
        const text = `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${batch
          .map(() => tuple)
          .join(', ')} ON CONFLICT DO NOTHING`;
        added += (await target.run(text, batch.flat())).changes;
      }
      report.push({ name: table, read: rows.length, added });
      // Ids were copied as they were: move an identity column's sequence past them, so the next
      // row PostgreSQL numbers itself does not collide with a copied one.
      const identity = await target.get<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = ? AND is_identity = 'YES'`,
        [table],
      );
      if (identity)
        await target.get(
          `SELECT setval(pg_get_serial_sequence(?, ?), GREATEST((SELECT max(${quote(identity.column_name)}) FROM ${quote(table)}), 1))`,
          [table, identity.column_name],
        );
    }
    return { tables: report };
  });
}
