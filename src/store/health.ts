import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { type StoreFault, storeFaultOf } from './errors.js';
import type { Sql } from './sql/sql.js';

/** Below this much free space the next commit may not fit: report the disk as full before it fails. */
const MIN_FREE_BYTES = 1024 * 1024;

/** A probe that passed is trusted this long, so an open /healthz cannot make the disk sync on demand. */
const PASSED_FOR_MS = 5_000;
const lastPassed = new WeakMap<Sql, number>();

const PROBE = 'INSERT INTO health_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at';

/**
 * Whether the database can take a write right now, and if not, why. A read (`select 1`) passes on
 * a read-only or full disk, and so does a write rolled back in WAL mode (nothing reaches the file
 * before commit), so this commits one row of health_probe: it fails exactly where a member's answer
 * would (read-only or immutable file, lock held elsewhere, damaged pages, I/O errors; on PostgreSQL
 * a server that is down, restarting or refusing writes). On SQLite a full disk may only show when
 * the WAL grows, so the free space of the file's disk is checked as well. A pass is remembered for a
 * few seconds; a failure is not.
 */
export async function probeWrite(sql: Sql, now: () => number = Date.now): Promise<StoreFault | undefined> {
  if (sql.dialect === 'sqlite' && sql.where !== ':memory:') {
    try {
      const fs = statfsSync(dirname(sql.where));
      if (fs.bavail * fs.bsize < MIN_FREE_BYTES) return 'disk full';
    } catch {
      return 'io';
    }
  }
  const at = now();
  if (at - (lastPassed.get(sql) ?? Number.NEGATIVE_INFINITY) < PASSED_FOR_MS) return undefined;
  try {
    await sql.run(PROBE, [at]);
    lastPassed.set(sql, at);
    return undefined;
  } catch (error) {
    return storeFaultOf(error) ?? 'io';
  }
}
