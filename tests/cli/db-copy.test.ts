/**
 * `tutor db copy`: a team that started on the SQLite file moves to PostgreSQL. Everything arrives
 * (the report reads the same), a second run adds nothing, and PostgreSQL numbers new rows after
 * the copied ones.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { teamReport } from '../../src/app/reports.js';
import { Tutor } from '../../src/app/tutor.js';
import { createStore, openDatabase } from '../../src/store/index.js';
import { openPostgresDatabase } from '../../src/store/migrate-postgres.js';
import { realCatalog } from '../helpers/world.js';
import { freshPostgresUrl } from '../support/postgres.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'db-copy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const NOW = Date.parse('2026-11-24T10:00:00Z');

describe('tutor db copy', () => {
  it('moves a SQLite database into PostgreSQL, again as the file grows, and refuses once instances write to it', async () => {
    const path = join(dir, 'tutor.db');
    const catalog = realCatalog();
    const file = openDatabase(path);
    const store = createStore(file, { now: () => NOW });
    let n = 0;
    const tutor = new Tutor({ catalog, store, now: () => NOW, nonce: () => `n${++n}` });
    // Twelve members: each read the first lesson and answered a check (half of them right).
    for (let i = 0; i < 12; i++) {
      const ref = { workspaceId: 'slack:T1', platform: 'slack' as const, externalId: `U${i}`, displayName: `M${i}` };
      await tutor.lesson(ref);
      const choice = catalog.checks.find((c) => c.kind === 'choice');
      const card = await tutor.quiz(ref, { checkId: choice?.id ?? '' });
      const check = card.shown;
      if (check?.kind !== 'choice') throw new Error('the catalog has a choice check');
      const option = check.options[i % 2 === 0 ? 0 : 1]?.id ?? '';
      await tutor.answer(ref, {
        checkId: check.id,
        nonce: card.nonce ?? '',
        answer: { kind: 'choice', optionId: option },
      });
    }
    await store.schedules.upsert({
      workspaceId: 'slack:T1',
      platform: 'slack',
      target: 'C1',
      timeOfDay: '09:00',
      timeZone: 'Europe/Berlin',
      weekdays: ['mon', 'tue'],
    });
    const before = await teamReport(store, catalog, 'slack:T1', NOW);
    file.close();

    const url = await freshPostgresUrl();
    const copy = () => runCli(['db', 'copy'], path, { env: { DATABASE_URL: url } });
    const first = await copy();
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/quiz_attempts: 12 rows/);
    expect(first.out).not.toContain(new URL(url).password); // no password in the output

    // Until the switch the file keeps changing (a thirteenth member answers): a second copy takes it all.
    const later = openDatabase(path);
    const more = new Tutor({
      catalog,
      store: createStore(later, { now: () => NOW }),
      now: () => NOW,
      nonce: () => 'late',
    });
    await more.lesson({ workspaceId: 'slack:T1', platform: 'slack', externalId: 'U12', displayName: 'M12' });
    const after = await teamReport(createStore(later), catalog, 'slack:T1', NOW);
    later.close();
    const again = await copy();
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/members: 13 rows/);
    expect(again.out).toMatch(/replacing the last copy/);

    const pg = await openPostgresDatabase(url);
    try {
      const moved = createStore(pg, { now: () => NOW });
      expect(await teamReport(moved, catalog, 'slack:T1', NOW)).toEqual(after);
      expect(after).not.toEqual(before);
      expect((await moved.schedules.list('slack:T1')).map((s) => s.target)).toEqual(['C1']);
      // An instance starts using PostgreSQL: new rows are numbered after the copied ones…
      const fresh = await moved.members.ensure({ workspaceId: 'slack:T1', externalId: 'UNEW' });
      expect(fresh.id).toBeGreaterThan(13);
    } finally {
      await pg.close();
    }
    // …and from then on a copy would mix two histories: refused, PostgreSQL left as it is.
    const refused = await copy();
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/has changed since the copy/);
    const check = await openPostgresDatabase(url);
    try {
      expect((await check.get<{ n: number }>('SELECT count(*) AS n FROM members'))?.n).toBe(14);
    } finally {
      await check.close();
    }
  });

  it('refuses to copy into a database that already has data of its own', async () => {
    const url = await freshPostgresUrl();
    const pg = await openPostgresDatabase(url);
    await createStore(pg).workspaces.ensure({ id: 'teams:t1', platform: 'teams' });
    await pg.close();
    const file = join(dir, 'other.db');
    createStore(openDatabase(file)).sql.close();
    const r = await runCli(['db', 'copy'], file, { env: { DATABASE_URL: url } });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/already holds data no copy put there: workspaces \(1\)/);
  });

  it('names a missing file, and a row PostgreSQL cannot take, and copies nothing', async () => {
    const url = await freshPostgresUrl();
    const missing = await runCli(['db', 'copy'], join(dir, 'typo', 'tutor.db'), { env: { DATABASE_URL: url } });
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/There is no SQLite file at .*typo/);

    const file = join(dir, 'nul.db');
    const store = createStore(openDatabase(file));
    await store.workspaces.ensure({ id: 'slack:T9', platform: 'slack', name: 'Acme\u0000Corp' });
    await store.sql.close();
    const bad = await runCli(['db', 'copy'], file, { env: { DATABASE_URL: url } });
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/Copying table workspaces \(rows 1–1\).*Nothing was copied/s);
    expect(bad.err).not.toMatch(/\n\s+at /); // a message, not a stack trace
    const pg = await openPostgresDatabase(url);
    try {
      expect((await pg.get<{ n: number }>('SELECT count(*) AS n FROM workspaces'))?.n).toBe(0);
    } finally {
      await pg.close();
    }
  });

  it('takes a file for --db, never a URL', async () => {
    const r = await runCli(['report'], 'postgres://tutor:secret@localhost/tutor');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--db names a SQLite file/);
  });

  it('says what to set when DATABASE_URL is missing', async () => {
    const r = await runCli(['db', 'copy'], join(dir, 'none.db'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/DATABASE_URL/);
  });
});
