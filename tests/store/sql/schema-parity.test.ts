/**
 * Queries are written once for both databases, so both migration chains must end at the same
 * schema: tables, columns (type family and NOT NULL), primary keys, unique keys, indexes and
 * foreign keys. SQLite's is read after running src/store/migrations on a temp file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '../../../src/store/migrate.js';
import { openPostgresDatabase } from '../../../src/store/sql/postgres.js';
import type { Sql } from '../../../src/store/sql/sql.js';
import { freshPostgresUrl } from '../../support/postgres.js';

interface Table {
  /** `name type-family not-null`, in column order. */
  columns: string[];
  primaryKey: string;
  unique: string[];
  indexes: string[];
  foreignKeys: string[];
}
type Schema = Record<string, Table>;

/** INTEGER-ish and TEXT-ish: SQLite's INTEGER is 64-bit, PostgreSQL splits it into integer/bigint. */
const family = (type: string) =>
  /int/i.test(type) ? 'integer' : /text|char/i.test(type) ? 'text' : type.toLowerCase();

function sqliteSchema(db: Database.Database): Schema {
  const schema: Schema = {};
  const tables = db
    .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all();
  for (const table of tables) {
    const info = db.pragma(`table_info(${table})`) as {
      name: string;
      type: string;
      notnull: number;
      pk: number;
    }[];
    const indexList = db.pragma(`index_list(${table})`) as { name: string; origin: string }[];
    const columnsOf = (index: string) =>
      (db.pragma(`index_info(${index})`) as { seqno: number; name: string }[])
        .sort((a, b) => a.seqno - b.seqno)
        .map((c) => c.name)
        .join(',');
    const fks = db.pragma(`foreign_key_list(${table})`) as {
      table: string;
      from: string;
      to: string;
      on_delete: string;
    }[];
    schema[table] = {
      // A primary key column is NOT NULL in PostgreSQL; SQLite's rowid alias reports notnull 0.
      columns: info.map((c) => `${c.name} ${family(c.type)} ${c.notnull || c.pk ? 'not null' : 'null'}`),
      primaryKey: info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name)
        .join(','),
      unique: indexList
        .filter((i) => i.origin === 'u')
        .map((i) => columnsOf(i.name))
        .sort(),
      indexes: indexList
        .filter((i) => i.origin === 'c')
        .map((i) => `${i.name}(${columnsOf(i.name)})`)
        .sort(),
      foreignKeys: fks.map((f) => `${f.from} -> ${f.table}(${f.to}) on delete ${f.on_delete.toLowerCase()}`).sort(),
    };
  }
  return schema;
}

async function postgresSchema(sql: Sql): Promise<Schema> {
  const schema: Schema = {};
  const columns = await sql.all<{ table: string; name: string; type: string; nullable: string }>(
    `SELECT table_name AS "table", column_name AS "name", data_type AS "type", is_nullable AS "nullable"
     FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  for (const c of columns) {
    schema[c.table] ??= { columns: [], primaryKey: '', unique: [], indexes: [], foreignKeys: [] };
    schema[c.table]?.columns.push(`${c.name} ${family(c.type)} ${c.nullable === 'YES' ? 'null' : 'not null'}`);
  }
  const indexes = await sql.all<{ table: string; name: string; kind: string; columns: string }>(
    `SELECT t.relname AS "table", i.relname AS "name",
            CASE WHEN ix.indisprimary THEN 'pk' WHEN con.contype = 'u' THEN 'u' ELSE 'c' END AS "kind",
            array_to_string(ARRAY(
              SELECT a.attname FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
              JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n), ',') AS "columns"
     FROM pg_index ix
     JOIN pg_class t ON t.oid = ix.indrelid
     JOIN pg_class i ON i.oid = ix.indexrelid
     JOIN pg_namespace ns ON ns.oid = t.relnamespace
     LEFT JOIN pg_constraint con ON con.conindid = ix.indexrelid AND con.contype IN ('p', 'u')
     WHERE ns.nspname = 'public'`,
  );
  for (const index of indexes) {
    const table = schema[index.table];
    if (!table) continue;
    if (index.kind === 'pk') table.primaryKey = index.columns;
    else if (index.kind === 'u') table.unique.push(index.columns);
    else table.indexes.push(`${index.name}(${index.columns})`);
  }
  const fks = await sql.all<{ table: string; from: string; target: string; to: string; action: string }>(
    `SELECT t.relname AS "table", a.attname AS "from", rt.relname AS "target", ra.attname AS "to",
            CASE c.confdeltype WHEN 'c' THEN 'cascade' WHEN 'n' THEN 'set null' WHEN 'r' THEN 'restrict'
                               WHEN 'd' THEN 'set default' ELSE 'no action' END AS "action"
     FROM pg_constraint c
     JOIN pg_class t ON t.oid = c.conrelid
     JOIN pg_class rt ON rt.oid = c.confrelid
     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
     JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
     JOIN pg_namespace ns ON ns.oid = t.relnamespace
     WHERE c.contype = 'f' AND ns.nspname = 'public'`,
  );
  for (const fk of fks)
    schema[fk.table]?.foreignKeys.push(`${fk.from} -> ${fk.target}(${fk.to}) on delete ${fk.action}`);
  for (const table of Object.values(schema)) {
    table.unique.sort();
    table.indexes.sort();
    table.foreignKeys.sort();
  }
  return schema;
}

describe('the PostgreSQL schema', () => {
  let dir: string;
  let sqlite: Schema;
  let postgres: Schema;
  let sql: Sql;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'schema-parity-'));
    const db = new Database(join(dir, 'tutor.db'));
    try {
      runMigrations(db);
      sqlite = sqliteSchema(db);
    } finally {
      db.close();
    }
    sql = await openPostgresDatabase(await freshPostgresUrl());
    postgres = await postgresSchema(sql);
  });
  afterAll(async () => {
    await sql?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has the same tables as SQLite, plus only its migration ledger', () => {
    expect(Object.keys(sqlite).length).toBeGreaterThan(15);
    const { chat_tutor_migrations: ledger, ...rest } = postgres;
    expect(ledger?.columns).toEqual(['version integer not null', 'name text not null', 'applied_at integer not null']);
    expect(Object.keys(rest).sort()).toEqual(Object.keys(sqlite).sort());
  });

  it('has the same columns, keys, indexes and foreign keys in every table', () => {
    for (const [name, table] of Object.entries(sqlite)) {
      expect({ table: name, ...postgres[name] }).toEqual({ table: name, ...table });
    }
  });
});
