import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import { type StoreFault, storeFaultOf } from './errors.js';

/** Below this much free space the next commit may not fit: report the disk as full before it fails. */
const MIN_FREE_BYTES = 1024 * 1024;

/**
 * Whether the database can take a write right now, and if not, why. A read (`select 1`) passes on
 * a read-only or full disk, so this takes the write lock and inserts a row inside a transaction
 * that is rolled back: it fails exactly where a member's answer would (read-only file, lock held
 * elsewhere, damaged pages) while leaving nothing behind. A row, not a table: rolling back a schema
 * change would make every prepared statement re-prepare. A full disk only shows at commit, so the
 * free space of the file's disk is checked as well. About 0.1 ms.
 */
export function probeWrite(db: Db): StoreFault | undefined {
  if (db.name !== ':memory:' && !db.memory) {
    try {
      const fs = statfsSync(dirname(db.name));
      if (fs.bavail * fs.bsize < MIN_FREE_BYTES) return 'disk full';
    } catch {
      return 'io';
    }
  }
  if (db.inTransaction) return undefined; // a write is under way on this very connection
  try {
    db.exec('BEGIN IMMEDIATE');
    try {
      probeOf(db).run();
    } finally {
      db.exec('ROLLBACK');
    }
    return undefined;
  } catch (error) {
    return storeFaultOf(error) ?? 'io';
  }
}

const probes = new WeakMap<Db, Statement<[]>>();
function probeOf(db: Db) {
  let statement = probes.get(db);
  if (!statement) {
    statement = db.prepare<[]>("INSERT INTO workspaces (id, platform, created_at) VALUES ('health-probe', 'probe', 0)");
    probes.set(db, statement);
  }
  return statement;
}
