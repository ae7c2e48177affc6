import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { useTmpDir } from '../helpers/tmp-db.js';
import { exited, readUntil, spawnFixture } from './helpers.js';

const tmp = useTmpDir();

/** Complete lines only: a line cut off by the kill was never acknowledged. */
const acknowledged = (stdout: string) => stdout.split('\n').slice(0, -1);

describe('durability', () => {
  it('keeps every acknowledged attempt when the writer is SIGKILLed mid-stream', async () => {
    const file = tmp.file();
    const acked: string[] = [];

    // Two rounds: the second writer also has to recover the file the first one left behind.
    for (const label of ['run-a', 'run-b']) {
      const child = spawnFixture('attempt-writer.ts', [file, label]);
      let stdout = '';
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
      });
      await readUntil(child, (out) => acknowledged(out).length >= 150);
      child.kill('SIGKILL');
      const { signal } = await exited(child);
      expect(signal).toBe('SIGKILL');
      acked.push(...acknowledged(stdout));
    }

    const db = tmp.track(openDatabase(file));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const count = db.prepare<[string], number>('SELECT count(*) FROM quiz_attempts WHERE idempotency_key = ?').pluck();
    const missing = acked.filter((key) => count.get(key) !== 1);
    expect(missing).toEqual([]);
    expect(acked.length).toBeGreaterThanOrEqual(300);
    expect(new Set(acked).size).toBe(acked.length);

    // And a plain connection (no store code) reads the same file after recovery.
    db.close();
    const raw = tmp.track(new Database(file, { readonly: true }));
    expect(raw.prepare('SELECT count(*) FROM quiz_attempts').pluck().get()).toBeGreaterThanOrEqual(acked.length);
  });
});
