import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

interface Closable {
  readonly open: boolean;
  close(): unknown;
}

export interface TmpDir {
  /** The current test's private folder (a new one for every test). */
  readonly dir: string;
  /** A path inside it (default `tutor.db`). */
  file(name?: string): string;
  /** Closes `db` after the test, before the folder is removed. */
  track<T extends Closable>(db: T): T;
}

/** A fresh temp folder per test, removed afterwards (with every tracked database closed first). */
export function useTmpDir(prefix = 'chat-tutor-'): TmpDir {
  let dir = '';
  const tracked: Closable[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => {
    for (const db of tracked.splice(0)) if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    file: (name = 'tutor.db') => join(dir, name),
    track(db) {
      tracked.push(db);
      return db;
    },
  };
}
