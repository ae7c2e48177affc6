import type { Database } from 'better-sqlite3';
import { describeCause, StoreError } from './errors.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

/** The schema version recorded in the file header (0 for a brand-new file). */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function tooNewError(path: string, found: number, latest: number): StoreError {
  return new StoreError(
    'store_too_new',
    `The database ${path} has schema version ${found}, but this build of chat-tutor only knows up to ` +
      `version ${latest}: it was written by a newer release. Run that release (or newer), or point ` +
      'the store at another file. The file was left untouched.',
  );
}

/**
 * Applies every migration newer than the file, oldest first, each in its own IMMEDIATE transaction
 * together with its user_version bump: a crash mid-way leaves the previous version intact, and two
 * processes starting at once serialise on the write lock instead of both applying a step.
 * Returns the version the file ends at.
 */
export function runMigrations(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
  path: string = db.name,
): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`Migration "${m.name}" has version ${m.version}; expected ${i + 1} (no gaps).`);
    }
  });
  const latest = migrations.length;
  const found = schemaVersion(db);
  if (found > latest) throw tooNewError(path, found, latest);

  for (const migration of migrations.slice(found)) {
    const apply = db.transaction(() => {
      // Another process may have applied this step since we looked: re-read under the lock.
      if (schemaVersion(db) >= migration.version) return;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    });
    try {
      apply.immediate();
    } catch (cause) {
      throw new StoreError(
        'store_migration_failed',
        `Upgrading the database ${path} to version ${migration.version} ("${migration.name}") ` +
          `failed: ${describeCause(cause)}. Nothing of that step was applied; the file is still at ` +
          `version ${schemaVersion(db)}. Restore a backup or report the error.`,
        { cause },
      );
    }
  }
  return schemaVersion(db);
}
