/**
 * The state several instances share (issue 14), through two Store objects on one SQLite file, as
 * two servers would hold it: what one writes, the other reads; what expires is swept.
 */
import { describe, expect, it } from 'vitest';
import { createStore, openDatabase, type Store } from '../../src/store/index.js';
import { useTmpDir } from '../helpers/tmp-db.js';

const tmp = useTmpDir();
const twoInstances = (): [Store, Store, ReturnType<typeof openDatabase>] => {
  const a = tmp.track(openDatabase(tmp.file()));
  const b = tmp.track(openDatabase(tmp.file()));
  return [createStore(a), createStore(b), a];
};
const count = (db: ReturnType<typeof openDatabase>, table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('explanation counters', () => {
  it('add up what both instances served, per workspace and day', async () => {
    const [a, b] = twoInstances();
    await Promise.all([
      a.explainCounters.add('slack:T1', '2026-11-21', { served: 1, cacheHits: 1 }),
      b.explainCounters.add('slack:T1', '2026-11-21', { served: 1, cacheHits: 0 }),
      b.explainCounters.add('slack:T2', '2026-11-21', { served: 1, cacheHits: 0 }),
    ]);
    expect(await a.explainCounters.get('slack:T1', '2026-11-21')).toEqual({ served: 2, cacheHits: 1 });
    expect(await b.explainCounters.get('slack:T2', '2026-11-21')).toEqual({ served: 1, cacheHits: 0 });
    expect(await b.explainCounters.get('slack:T1', '2026-11-22')).toEqual({ served: 0, cacheHits: 0 });
  });

  it('forget days more than a week old once a new day is counted', async () => {
    const [a, , db] = twoInstances();
    await a.explainCounters.add('slack:T1', '2026-11-14', { served: 1, cacheHits: 0 });
    await a.explainCounters.add('slack:T1', '2026-11-15', { served: 1, cacheHits: 0 });
    await a.explainCounters.add('slack:T1', '2026-11-22', { served: 1, cacheHits: 0 });
    expect(await a.explainCounters.get('slack:T1', '2026-11-14')).toEqual({ served: 0, cacheHits: 0 });
    expect(await a.explainCounters.get('slack:T1', '2026-11-15')).toEqual({ served: 1, cacheHits: 0 });
    expect(count(db, 'explain_counters')).toBe(2);
  });
});

describe('download links', () => {
  it('are found by the other instance until they expire, stored by the token hash only', async () => {
    const [a, b, db] = twoInstances();
    const token = 'A'.repeat(43);
    await a.downloads.put(
      token,
      { kind: 'team-report-csv', workspaceId: 'teams:T1' },
      { createdAt: 0, expiresAt: 600 },
    );
    expect(await b.downloads.get(token, 599)).toEqual({ kind: 'team-report-csv', workspaceId: 'teams:T1' });
    expect(await b.downloads.get(token, 600)).toBeUndefined();
    expect(await b.downloads.get('B'.repeat(43), 1)).toBeUndefined();
    expect(JSON.stringify(db.prepare('SELECT * FROM download_links').all())).not.toContain(token);
    // The next link sweeps the expired one.
    await b.downloads.put('C'.repeat(43), { kind: 'k', workspaceId: 'teams:T1' }, { createdAt: 700, expiresAt: 900 });
    expect(count(db, 'download_links')).toBe(1);
  });
});

describe('Explain picker sessions', () => {
  it('are found by the other instance, only for their owner and only while fresh', async () => {
    const [a, b, db] = twoInstances();
    const data = { sentences: ['Inference is OpEx.', 'Training is CapEx.'], lessonId: '3.1' };
    await a.pickSessions.put('s1', 'U1', data, { at: 0, expiresAt: 1_000 });
    expect(await b.pickSessions.get('s1', 'U1', 999)).toEqual(data);
    expect(await b.pickSessions.get('s1', 'U2', 999)).toBeUndefined();
    expect(await b.pickSessions.get('s1', 'U1', 1_000)).toBeUndefined();
    await b.pickSessions.put('s2', 'U1', { sentences: [] }, { at: 2_000, expiresAt: 3_000 });
    expect(count(db, 'pick_sessions')).toBe(1);
  });
});
