/**
 * `tutor db copy`: moves a SQLite database into PostgreSQL. Every table is copied with its ids, in
 * foreign-key order, in one transaction on the target. A second run makes PostgreSQL the file's
 * copy again (the file may have grown since), but only while nothing else has written to
 * PostgreSQL: a fingerprint of what the last copy left is kept there, and a database that differs
 * from it (instances already use it) or that holds data no copy put there is refused untouched.
 * Copying ids into a database with its own rows would attach one member's answers to another.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { describeCause, StoreError } from './errors.js';
import type { Sql } from './sql/sql.js';

export type CopyOutcome =
  | { readonly ok: true; readonly again: boolean; readonly tables: readonly { name: string; rows: number }[] }
  | { readonly ok: false; readonly message: string };

/** Rows inserted per statement: well under PostgreSQL's 65,535 parameters for the widest table. */
const BATCH_ROWS = 200;
/** Written by every instance's health probe: neither copied nor part of the fingerprint. */
const SKIPPED = new Set(['health_probe']);
const STATE = 'tutor_copy_state';

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
      (source.prepare(`PRAGMA foreign_key_list(${quote(name)})`).all() as { table: string }[])
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

/** What the target's tables hold, as one hash: any insert, update or delete changes it. */
async function fingerprint(target: Sql, tables: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const table of tables) {
    const row = await target.get<{ n: number; h: string }>(
      `SELECT count(*) AS n, md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) AS h FROM ${quote(table)} t`,
    );
    hash.update(`${table}:${row?.n}:${row?.h}\n`);
  }
  return hash.digest('hex');
}

export async function copySqliteToPostgres(source: Database, target: Sql, sourceName: string): Promise<CopyOutcome> {
  if (target.dialect !== 'postgres') throw new Error('The copy goes into PostgreSQL: set DATABASE_URL.');
  const inTarget = new Set(
    (
      await target.all<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()',
      )
    ).map((r) => r.table_name),
  );
  const tables = tablesInOrder(source).filter((t) => inTarget.has(t) && !SKIPPED.has(t));
  await target.run(
    `CREATE TABLE IF NOT EXISTS ${STATE} (id INTEGER PRIMARY KEY CHECK (id = 1), source TEXT NOT NULL,
       fingerprint TEXT NOT NULL, copied_at BIGINT NOT NULL)`,
  );
  return target.transaction(async (): Promise<CopyOutcome> => {
    // One copy at a time, and no instance's write can slip between the check and the copy.
    await target.run(`LOCK TABLE ${tables.map(quote).join(', ')} IN EXCLUSIVE MODE`);
    const last = await target.get<{ source: string; fingerprint: string; copied_at: number }>(
      `SELECT source, fingerprint, copied_at FROM ${STATE} WHERE id = 1`,
    );
    if (!last) {
      const filled: string[] = [];
      for (const table of tables) {
        const n = (await target.get<{ n: number }>(`SELECT count(*) AS n FROM ${quote(table)}`))?.n ?? 0;
        if (n > 0) filled.push(`${table} (${n})`);
      }
      if (filled.length > 0)
        return {
          ok: false,
          message:
            `${target.where} already holds data no copy put there: ${filled.slice(0, 4).join(', ')}. ` +
            'Copying ids into it would attach one member’s answers to another. Copy into an empty database ' +
            '(createdb a new one and point DATABASE_URL at it).',
        };
    } else if ((await fingerprint(target, tables)) !== last.fingerprint) {
      return {
        ok: false,
        message:
          `${target.where} has changed since the copy of ${last.source} at ${new Date(last.copied_at).toISOString()}: ` +
          'instances are using it, so it now holds answers the file does not. Nothing was copied. Keep ' +
          'PostgreSQL as it is (it is the database now), or copy into a new, empty database.',
      };
    }
    // The target is exactly what the last copy left (or empty): make it the file's copy.
    for (const table of [...tables].reverse()) await target.run(`DELETE FROM ${quote(table)}`);
    const copied: { name: string; rows: number }[] = [];
    for (const table of tables) {
      const columns = (source.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string }[]).map(
        (c) => c.name,
      );
      const rows = source
        .prepare(`SELECT * FROM ${quote(table)}`)
        .raw(true)
        .all() as unknown[][];
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      for (let i = 0; i < rows.length; i += BATCH_ROWS) {
        const batch = rows.slice(i, i + BATCH_ROWS);
        try {
          await target.run(
            `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${batch.map(() => tuple).join(', ')}`,
            batch.flat(),
          );
        } catch (cause) {
          throw new StoreError(
            'store_copy_failed',
            `Copying table ${table} (rows ${i + 1}–${i + batch.length}) into ${target.where} failed: ` +
              `${describeCause(cause)}. Nothing was copied; PostgreSQL is as it was. Fix or remove those rows in ` +
              'the file (PostgreSQL refuses some values SQLite keeps, e.g. a NUL character in text), then copy again.',
            { cause },
          );
        }
      }
      copied.push({ name: table, rows: rows.length });
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
    await target.run(
      `INSERT INTO ${STATE} (id, source, fingerprint, copied_at) VALUES (1, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET source = excluded.source, fingerprint = excluded.fingerprint,
         copied_at = excluded.copied_at`,
      [sourceName, await fingerprint(target, tables), Date.now()],
    );
    return { ok: true, again: last !== undefined, tables: copied };
  });
}
