import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';
import { type StoreFault, storeFaultOf } from './errors.js';

/** Below this much free space the next commit may not fit: report the disk as full before it fails. */
const MIN_FREE_BYTES = 1024 * 1024;

/** A probe that passed is trusted this long, so an open /healthz cannot make the disk sync on demand. */
const PASSED_FOR_MS = 5_000;
const lastPassed = new WeakMap<Db, number>();

/**
 * Whether the database can take a write right now, and if not, why. A read (`select 1`) passes on
 * a read-only or full disk, and so does a write rolled back in WAL mode (nothing reaches the file
 * before commit), so this commits one row of health_probe: it fails exactly where a member's answer
 * would (read-only or immutable file, lock held elsewhere, damaged pages, I/O errors). A full disk may
 * only show when the WAL grows, so the free space of the file's disk is checked as well. A pass is
 * remembered for a few seconds; a failure is not.
 */
export function probeWrite(db: Db, now: () => number = Date.now): StoreFault | undefined {
  if (db.name !== ':memory:' && !db.memory) {
    try {
      const fs = statfsSync(dirname(db.name));
      if (fs.bavail * fs.bsize < MIN_FREE_BYTES) return 'disk full';
    } catch {
      return 'io';
    }
  }
  if (db.inTransaction) return undefined; // a write is under way on this very connection
  const at = now();
  if (at - (lastPassed.get(db) ?? Number.NEGATIVE_INFINITY) < PASSED_FOR_MS) return undefined;
  try {
    probeOf(db).run(at);
    lastPassed.set(db, at);
    return undefined;
  } catch (error) {
    return storeFaultOf(error) ?? 'io';
  }
}

const probes = new WeakMap<Db, Statement<[number]>>();
function probeOf(db: Db) {
  let statement = probes.get(db);
  if (!statement) {
    statement = db.prepare<[number]>(
      'INSERT INTO health_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at',
    );
    probes.set(db, statement);
  }
  return statement;
}
