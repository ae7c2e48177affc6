import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, openDatabase } from '../../src/store/index.js';
import { runCli } from './run-cli.js';

let dir = '';
let db = '';
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cli-ws-'));
  db = join(dir, 'tutor.db');
  // A Slack team that already uses the tutor: one member, Ada, known by her Slack id.
  const conn = openDatabase(db);
  const store = createStore(conn);
  await store.workspaces.ensure({ id: 'slack:T1', platform: 'slack', name: 'Acme' });
  await store.members.ensure({ workspaceId: 'slack:T1', externalId: 'U0ADA', displayName: 'Ada Lovelace' });
  conn.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tutor = (args: string[]) => runCli(args, db);

const memberNames = async (workspace: string) =>
  (await tutor(['report', '--csv', '--workspace', workspace])).out.split(/\r?\n/).slice(1).filter(Boolean);

describe('--workspace', () => {
  it("reads a Slack team's report from the terminal, without adding the terminal's user to it", async () => {
    const r = await tutor(['report', '--workspace', 'slack:T1', '--user', 'root']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Ada Lovelace');
    expect(await memberNames('slack:T1')).toHaveLength(1);
  });

  it('acts as a member of that team found by display name, and records for her', async () => {
    const r = await tutor(['lesson', '--workspace', 'slack:T1', '--user', 'ada lovelace']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('§3.1');
    const report = await tutor(['report', '--csv', '--workspace', 'slack:T1']);
    expect(report.out).toMatch(/Ada Lovelace.*read/s);
  });

  it('refuses a member who is not in the team, and adds nobody', async () => {
    const r = await tutor(['lesson', '--workspace', 'slack:T1', '--user', 'Alex Wilber']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('No member "Alex Wilber" in slack:T1');
    expect(await memberNames('slack:T1')).toHaveLength(1);
  });

  it('names the workspaces it knows when asked for another', async () => {
    const r = await tutor(['report', '--workspace', 'slack:T9']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Known: slack:T1 (Acme)');
  });

  it('keeps the terminal’s own workspace the default', async () => {
    expect((await tutor(['lesson', '--user', 'zoe'])).code).toBe(0);
    expect((await tutor(['report'])).out).toContain('zoe');
  });
});

describe('--tz', () => {
  it('refuses a time zone that does not exist, with usage and exit code 2', async () => {
    for (const tz of ['Mars/Base', '']) {
      const r = await tutor(['progress', '--tz', tz]);
      expect(r.code, tz).toBe(2);
      expect(r.err).toContain('is not a time zone');
    }
  });
});
