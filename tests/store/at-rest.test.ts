import { chmodSync, closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { StoreError } from '../../src/store/errors.js';
import { createStore } from '../../src/store/index.js';
import { useTmpDir } from '../helpers/tmp-db.js';

const tmp = useTmpDir();
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('the database files at rest', () => {
  it('creates the folder 0700 and the database, its WAL and shared memory 0600', async () => {
    const file = tmp.file('data/tutor.db');
    const db = tmp.track(openDatabase(file));
    await createStore(db).workspaces.ensure({ id: 'slack:T1', platform: 'slack' });
    expect(modeOf(tmp.file('data'))).toBe(0o700);
    for (const path of [file, `${file}-wal`, `${file}-shm`]) {
      expect(existsSync(path)).toBe(true);
      expect(modeOf(path).toString(8)).toBe('600');
    }
  });

  it('takes group and other access away from an older file, and never adds any', () => {
    const file = tmp.file();
    openDatabase(file).close();
    chmodSync(file, 0o644);
    tmp.track(openDatabase(file)).close();
    expect(modeOf(file)).toBe(0o600);
    chmodSync(file, 0o444);
    tmp.track(openDatabase(file)).close();
    expect(modeOf(file)).toBe(0o400);
  });
});

describe('damaged pages', () => {
  it('are found when the file is opened, with a message naming the file and the way out', async () => {
    const file = tmp.file();
    const db = openDatabase(file);
    const store = createStore(db);
    await store.workspaces.ensure({ id: 'slack:T1', platform: 'slack' });
    await store.transaction(async () => {
      for (let i = 0; i < 2_000; i += 1)
        await store.members.ensure({ workspaceId: 'slack:T1', externalId: `U${i}`, displayName: `Member number ${i}` });
    });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.close(); // checkpoints: every page is in the main file now
    // Scribble over a page in the middle of the members table, as a failing disk would.
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, pageSize * Math.floor(pages / 2));
    closeSync(fd);

    let error: unknown;
    try {
      tmp.track(openDatabase(file));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('store_corrupt');
    expect((error as StoreError).message).toContain(file);
    expect((error as StoreError).message).toMatch(/backup/);
    expect((error as StoreError).message).toContain('.recover');
  });
});
