/**
 * Several writers on one database. The SQLite parts are about its file lock between processes; the
 * PostgreSQL twin races pools (each one an instance's connections) on one database.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { createStore, type Sql, type Store } from '../../src/store/index.js';
import { openPostgresDatabase } from '../../src/store/migrate-postgres.js';
import { useTmpDir } from '../helpers/tmp-db.js';
import { freshPostgresUrl } from '../support/postgres.js';
import { type Child, exited, readUntil, seeded, spawnFixture, WORKSPACE } from './helpers.js';

const tmp = useTmpDir();

describe('busy timeout', () => {
  it('makes a write wait for another process holding the write lock, then succeed', async () => {
    const file = tmp.file();
    // A patient connection (the server's own default is short: the driver blocks the whole process).
    const { store, member } = await seeded(tmp.track(openDatabase(file, { busyTimeoutMs: 5_000 })));
    const holder = spawnFixture('hold-lock.ts', [file, '300']);
    await readUntil(holder, (out) => out.includes('locked\n'));

    const released = readUntil(holder, (out) => /released at \d+\n/.test(out));

    expect(await store.progress.markActive(member.id, '2025-02-03')).toBe(true);
    const wroteAt = Date.now();

    // It really waited: the write returned only after the other process let go of the lock…
    const releasedAt = Number(/released at (\d+)/.exec(await released)?.[1]);
    expect(wroteAt).toBeGreaterThanOrEqual(releasedAt);
    expect(await store.progress.activeDays(member.id)).toEqual(['2025-02-03']); // …and it landed.
    expect((await exited(holder)).code).toBe(0);
  });

  it('fails fast with SQLITE_BUSY when the timeout is zero', async () => {
    const file = tmp.file();
    await seeded(tmp.track(openDatabase(file)));
    const impatient = await seeded(tmp.track(openDatabase(file, { busyTimeoutMs: 0 })));
    const holder = spawnFixture('hold-lock.ts', [file, '1000']);
    await readUntil(holder, (out) => out.includes('locked\n'));
    await expect(impatient.store.progress.markActive(impatient.member.id, '2025-02-03')).rejects.toThrow(
      expect.objectContaining({ code: 'SQLITE_BUSY' }),
    );
    expect((await exited(holder)).code).toBe(0);
  });
});

const daily = {
  workspaceId: WORKSPACE,
  platform: 'slack',
  target: 'C001',
  timeOfDay: '09:00',
  timeZone: 'Europe/Paris',
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
} as const;

describe('delivery claims across processes', () => {
  it('gives each (schedule, day) to exactly one of several racing instances', async () => {
    const file = tmp.file();
    const { store } = await seeded(tmp.track(openDatabase(file)));
    const schedule = await store.schedules.upsert(daily);
    const days = 150;
    const workers: Child[] = ['w1', 'w2', 'w3', 'w4'].map((id) =>
      spawnFixture('claim-worker.ts', [file, id, String(schedule.id), String(days)]),
    );
    await Promise.all(workers.map((w) => readUntil(w, (out) => out.includes('ready\n'))));
    const results = workers.map((w) => readUntil(w, (out) => /won .*\n/.test(out)));
    for (const w of workers) w.stdin.write('go\n');
    const outputs = await Promise.all(results);
    await Promise.all(workers.map(exited));

    const won = outputs.flatMap((out) => (/won (.*)\n/.exec(out)?.[1] ?? '').split(',').filter(Boolean));
    expect(won).toHaveLength(days);
    expect(new Set(won).size).toBe(days);
    // Nobody had to re-claim: every row was claimed once, by its winner.
    const attempts = await Promise.all(
      won.map(async (day) => (await store.deliveries.get(schedule.id, day))?.attempts),
    );
    expect(attempts.every((n) => n === 1)).toBe(true);
  });
});

describe('delivery claims across PostgreSQL pools', () => {
  const pools: Sql[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((sql) => sql.close().catch(() => undefined)));
  });

  it('gives each (schedule, day) to exactly one of several racing instances', async () => {
    const url = await freshPostgresUrl();
    const open = async () => {
      const sql = await openPostgresDatabase(url, { poolSize: 4 });
      pools.push(sql);
      return sql;
    };
    const { store } = await seeded(await open());
    const schedule = await store.schedules.upsert(daily);
    const days = Array.from({ length: 150 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10));
    // Four instances, each with its own pool, claim every day at once.
    const instances: [string, Store][] = await Promise.all(
      ['w1', 'w2', 'w3', 'w4'].map(async (id): Promise<[string, Store]> => [id, createStore(await open())]),
    );
    const outcomes = await Promise.all(
      instances.map(([id, instance]) =>
        Promise.all(days.map((day) => instance.deliveries.claim(schedule.id, day, id, 1_000, 60_000))),
      ),
    );

    const winners = days.map((_, d) => instances.filter((_, i) => outcomes[i]?.[d]).map(([id]) => id));
    expect(winners.every((w) => w.length === 1)).toBe(true);
    for (const [d, day] of days.entries()) {
      expect(await store.deliveries.get(schedule.id, day)).toMatchObject({ claimedBy: winners[d]?.[0], attempts: 1 });
    }
  });
});
