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
  it('moves a SQLite database into PostgreSQL, once, and PostgreSQL carries on from it', async () => {
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
    const first = await runCli(['db', 'copy'], path, { env: { DATABASE_URL: url } });
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/quiz_attempts: 12 of 12 rows added/);
    expect(first.out).not.toContain(url.split('@')[0]?.split(':')[2] ?? 'never'); // no password in the output

    const again = await runCli(['db', 'copy'], path, { env: { DATABASE_URL: url } });
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/quiz_attempts: 0 of 12 rows added/);
    expect(again.out).toMatch(/: 0 rows added/);

    const pg = await openPostgresDatabase(url);
    try {
      const moved = createStore(pg, { now: () => NOW });
      expect(await teamReport(moved, catalog, 'slack:T1', NOW)).toEqual(before);
      expect((await moved.schedules.list('slack:T1')).map((s) => s.target)).toEqual(['C1']);
      // New rows are numbered after the copied ones.
      const fresh = await moved.members.ensure({ workspaceId: 'slack:T1', externalId: 'UNEW' });
      expect(fresh.id).toBeGreaterThan(12);
    } finally {
      await pg.close();
    }
  });

  it('says what to set when DATABASE_URL is missing', async () => {
    const r = await runCli(['db', 'copy'], join(dir, 'none.db'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/DATABASE_URL/);
  });
});
