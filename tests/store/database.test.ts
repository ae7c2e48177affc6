import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { StoreError } from '../../src/store/errors.js';
import { createStore } from '../../src/store/index.js';
import { runMigrations, schemaVersion } from '../../src/store/migrate.js';
import { LATEST_VERSION, MIGRATIONS } from '../../src/store/migrations/index.js';
import { useTmpDir } from '../helpers/tmp-db.js';

const tmp = useTmpDir();

const TABLES = [
  'activity_days',
  'check_cards',
  'concept_totals',
  'conversation_refs',
  'deliveries',
  'download_links',
  'enrolments',
  'explain_counters',
  'explanation_cache',
  'explanation_spend',
  'health_probe',
  'lesson_reads',
  'member_progress',
  'members',
  'nudges',
  'personal_deliveries',
  'personal_schedules',
  'pick_sessions',
  'quiz_attempts',
  'rate_limit_events',
  'request_replays',
  'review_items',
  'schedules',
  'slack_installations',
  'workspaces',
];

const tableNames = (db: Database.Database) =>
  db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();

function openError(path: string): StoreError {
  try {
    tmp.track(openDatabase(path));
  } catch (e) {
    expect(e).toBeInstanceOf(StoreError);
    return e as StoreError;
  }
  throw new Error(`openDatabase(${path}) did not fail`);
}

describe('openDatabase', () => {
  it('creates the folder and file, configures the connection and applies every migration', () => {
    const file = tmp.file('nested/deeper/tutor.db');
    const db = tmp.track(openDatabase(file));
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
    expect(tableNames(db)).toEqual(TABLES);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('busy_timeout', { simple: true })).toBe(200); // short: the driver blocks the process
  });

  it('takes a custom busy timeout and reopens an up-to-date file without changes', () => {
    tmp.track(openDatabase(tmp.file())).close();
    const db = tmp.track(openDatabase(tmp.file(), { busyTimeoutMs: 250 }));
    expect(db.pragma('busy_timeout', { simple: true })).toBe(250);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(() => openDatabase(tmp.file(), { busyTimeoutMs: -1 })).toThrow(RangeError);
  });

  it('upgrades a version-1 database in place, keeping its rows', () => {
    const file = tmp.file();
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    expect(runMigrations(old, MIGRATIONS.slice(0, 1))).toBe(1);
    old.exec(`
      INSERT INTO workspaces (id, platform, name, created_at) VALUES ('slack:T9', 'slack', 'Old Co', 1);
      INSERT INTO members (workspace_id, external_id, display_name, created_at) VALUES ('slack:T9', 'U9', 'Grace', 2);
      INSERT INTO lesson_reads (member_id, lesson_id, mode, read_at) VALUES (1, '3.1', 'full', 3);
      INSERT INTO quiz_attempts (member_id, check_id, idempotency_key, answers, results, score, total, correct,
        attempted_at, local_day) VALUES (1, 'c1', 'k1', '{"a":1}', '{"ok":true}', 1, 1, 1, 4, '2024-12-31');
      INSERT INTO explanation_cache (key, sentence, model, prompt_version, explanation, created_at)
        VALUES ('e1', 'A sentence.', 'gpt', 'v1', '{"text":"Plainly."}', 5);
    `);
    expect(tableNames(old)).not.toContain('review_items');
    old.close();

    const db = tmp.track(openDatabase(file));
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(tableNames(db)).toEqual(TABLES);
    expect(db.prepare('SELECT display_name FROM members WHERE id = 1').pluck().get()).toBe('Grace');
    expect(db.prepare('SELECT count(*) FROM lesson_reads').pluck().get()).toBe(1);
    expect(db.prepare('SELECT results FROM quiz_attempts WHERE idempotency_key = ?').pluck().get('k1')).toBe(
      '{"ok":true}',
    );
    // New tables and columns work against the old rows.
    db.prepare("INSERT INTO review_items VALUES (1, 'inference', 0, 10, 'missed', 10)").run();
    db.prepare("INSERT INTO activity_days VALUES (1, '2024-12-31')").run();
    db.prepare("UPDATE explanation_cache SET hits = hits + 1, last_hit_at = 6 WHERE key = 'e1'").run();
    expect(db.prepare("SELECT hits, last_hit_at FROM explanation_cache WHERE key = 'e1'").get()).toEqual({
      hits: 1,
      last_hit_at: 6,
    });
    // The report indexes were added by the upgrade too.
    const indexes = db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'index'").pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['lesson_reads_member', 'quiz_attempts_member']));
  });

  it('backfills the report roll-ups when a version-2 database upgrades', async () => {
    const file = tmp.file();
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    expect(runMigrations(old, MIGRATIONS.slice(0, 2))).toBe(2);
    const grade = (correct: number) => JSON.stringify({ concepts: [{ conceptId: 'latency', correct, total: 1 }] });
    old.exec(`
      INSERT INTO workspaces (id, platform, name, created_at) VALUES ('slack:T9', 'slack', 'Old Co', 1);
      INSERT INTO members (workspace_id, external_id, display_name, created_at) VALUES ('slack:T9', 'U9', 'Grace', 2);
      INSERT INTO lesson_reads (member_id, lesson_id, mode, read_at) VALUES (1, '3.1', 'full', 3), (1, '3.1', 'essentials', 4), (1, '3.2', 'full', 5);
      INSERT INTO quiz_attempts (member_id, check_id, idempotency_key, answers, results, score, total, correct, attempted_at, local_day)
        VALUES (1, 'c1', 'k1', '{}', '${grade(0)}', 0, 1, 0, 6, '2024-12-31'),
               (1, 'c1', 'k2', '{}', '${grade(1)}', 1, 1, 1, 7, '2024-12-31'),
               (1, 'c2', 'k3', '{}', '{"no":"concepts"}', 0, 1, 0, 8, '2024-12-31');
    `);
    old.close();

    const summary = await createStore(tmp.track(openDatabase(file))).progress.teamSummary('slack:T9');
    const [member] = summary.members;
    expect(member?.lessonsRead.split(',').sort()).toEqual(['3.1', '3.2']);
    expect(member?.checksDone.split(',').sort()).toEqual(['c1', 'c2']);
    expect(member).toMatchObject({ checksPassed: 'c1', lastAttemptAt: 8 });
    // The team's accuracy counts the first attempt per check: c1's wrong one, not the retry.
    expect(summary.concepts).toEqual([{ conceptId: 'latency', correct: 0, total: 1 }]);
  });

  it('recounts concept totals from first attempts when a version-3 database upgrades', async () => {
    const file = tmp.file();
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    expect(runMigrations(old, MIGRATIONS.slice(0, 3))).toBe(3);
    const grade = (correct: number) => JSON.stringify({ concepts: [{ conceptId: 'latency', correct, total: 1 }] });
    const retries = Array.from(
      { length: 50 },
      (_, i) => `(1, 'c1', 'r${i}', '{}', '${grade(1)}', 1, 1, 1, ${100 + i}, '2024-12-31')`,
    ).join(',');
    old.exec(`
      INSERT INTO workspaces (id, platform, name, created_at) VALUES ('slack:T9', 'slack', 'Old Co', 1);
      INSERT INTO members (workspace_id, external_id, display_name, created_at)
        VALUES ('slack:T9', 'U9', 'Grace', 2), ('slack:T9', 'U8', 'Alan', 2);
      INSERT INTO quiz_attempts (member_id, check_id, idempotency_key, answers, results, score, total, correct, attempted_at, local_day)
        VALUES (1, 'c1', 'k1', '{}', '${grade(0)}', 0, 1, 0, 6, '2024-12-31'),
               (2, 'c1', 'k2', '{}', '${grade(1)}', 1, 1, 1, 7, '2024-12-31'), ${retries};
      INSERT INTO concept_totals VALUES ('slack:T9', 'latency', 51, 52);
    `);
    old.close();

    const db = tmp.track(openDatabase(file));
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect((await createStore(db).progress.teamSummary('slack:T9')).concepts).toEqual([
      { conceptId: 'latency', correct: 1, total: 2 },
    ]);
    expect(db.prepare('SELECT count(*) FROM quiz_attempts').pluck().get()).toBe(52);
  });

  it('refuses a database from a newer version, names the file and leaves it untouched', () => {
    const file = tmp.file();
    tmp.track(openDatabase(file)).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.close();
    const before = readFileSync(file);

    const error = openError(file);
    expect(error.code).toBe('store_too_new');
    expect(error.message).toContain(file);
    expect(error.message).toContain(`version ${LATEST_VERSION + 5}`);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('reports a file that is not a database', () => {
    const file = tmp.file('notes.db');
    writeFileSync(file, 'These are my notes, not a database. '.repeat(200));
    const error = openError(file);
    expect(error.code).toBe('store_not_database');
    expect(error.message).toContain(file);
  });

  it('reports a path whose folder cannot be created', () => {
    writeFileSync(tmp.file('blocker'), 'a plain file where a folder should be');
    const file = tmp.file('blocker/data/tutor.db');
    const error = openError(file);
    expect(error.code).toBe('store_open_failed');
    expect(error.message).toContain(file);
  });

  it('reports a path that is a folder', () => {
    const error = openError(tmp.dir);
    expect(error.code).toBe('store_open_failed');
    expect(error.message).toContain(tmp.dir);
  });
});

describe('runMigrations', () => {
  it('applies a step whole or not at all', () => {
    const db = tmp.track(new Database(tmp.file()));
    const broken = [
      ...MIGRATIONS.slice(0, 1),
      { version: 2, name: 'broken', sql: 'CREATE TABLE half_done (a INTEGER); INSERT INTO missing VALUES (1);' },
    ];
    expect(() => runMigrations(db, broken, 'the-file.db')).toThrow(
      expect.objectContaining({ code: 'store_migration_failed', message: expect.stringContaining('the-file.db') }),
    );
    expect(schemaVersion(db)).toBe(1);
    expect(tableNames(db)).not.toContain('half_done');
    expect(tableNames(db)).toContain('members'); // step 1 stays applied
  });

  it('rejects a list with gaps', () => {
    const db = tmp.track(new Database(':memory:'));
    expect(() => runMigrations(db, [{ version: 2, name: 'skips one', sql: '' }])).toThrow(/expected 1/);
  });
});
