import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startDmApi } from '../../bench/suite/dm-api.js';
import { createStore, openDatabase } from '../../src/store/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const MEMBERS = 400;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** MEMBERS members, each with a personal schedule at 00:00 UTC made yesterday: all due now. */
async function seed(dbPath: string): Promise<void> {
  const db = openDatabase(dbPath);
  const yesterday = Date.now() - 86_400_000;
  const store = createStore(db, { now: () => yesterday });
  await store.transaction(async () => {
    await store.workspaces.ensure({ id: 'slack:T1', platform: 'slack' });
    for (let i = 0; i < MEMBERS; i++) {
      const m = await store.members.ensure({ workspaceId: 'slack:T1', externalId: `U${i}`, timeZone: 'UTC' });
      await store.personalSchedules.set({
        memberId: m.id,
        timeOfDay: '00:00',
        weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        timeZone: 'UTC',
        selfSet: false,
      });
    }
  });
  db.close();
}

function startFanout(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'tests/faults/fixtures/personal-fanout.ts')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (c) => {
      err += c;
    });
    child.stdout?.on('data', (c) => {
      if (String(c).includes('started')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`fan-out exited (${code}) before starting: ${err}`)));
  });
}

const kill = (child: ChildProcess) =>
  new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });

describe('SIGKILL in the middle of a personal fan-out', () => {
  it('still gets every member exactly one DM after the restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'personal-kill-'));
    dirs.push(dir);
    const dbPath = join(dir, 'tutor.db');
    await seed(dbPath);
    // The API keeps each post at once but answers slowly, so the kill lands while accepted DMs are
    // not yet recorded as sent: the restarted process must find them in the DM's history.
    const api = await startDmApi({ limitedShare: 0.1, perChannelMs: 1_000, retryAfterS: 1, delayMs: 300, seed: 3 });
    const env = { DATABASE_PATH: dbPath, DM_API_URL: api.url, LEASE_MS: '1500' };
    try {
      let child = await startFanout(env);
      while (api.accepted.size < 100) await wait(5);
      await kill(child);
      const beforeRestart = api.accepted.size;
      expect(beforeRestart).toBeLessThan(MEMBERS);
      // Some DMs the API accepted were not recorded as sent when the process died.
      const check = new Database(dbPath, { readonly: true });
      const recorded = new Set(
        check
          .prepare<[], string>(
            "SELECT m.external_id FROM personal_deliveries d JOIN members m ON m.id = d.member_id WHERE d.status = 'sent'",
          )
          .pluck()
          .all(),
      );
      check.close();
      const unrecorded = [...api.accepted.keys()].filter((id) => !recorded.has(id));
      expect(unrecorded.length).toBeGreaterThan(0);

      child = await startFanout(env);
      const deadline = Date.now() + 30_000;
      while (api.accepted.size < MEMBERS && Date.now() < deadline) await wait(50);
      await wait(2_500); // past another lease: nothing more may arrive
      await kill(child);

      const counts = [...api.accepted.values()];
      expect(api.accepted.size).toBe(MEMBERS);
      expect(counts.filter((c) => c !== 1)).toEqual([]);
      const db = new Database(dbPath, { readonly: true });
      const ledger = db
        .prepare("SELECT status, count(*) AS n FROM personal_deliveries WHERE kind = 'lesson' GROUP BY status")
        .all();
      db.close();
      expect(ledger).toEqual([{ status: 'sent', n: MEMBERS }]);
      // The restarted process looked for them instead of sending again.
      expect(api.lookups).toBeGreaterThanOrEqual(unrecorded.length);
    } finally {
      await api.close();
    }
  }, 60_000);
});
