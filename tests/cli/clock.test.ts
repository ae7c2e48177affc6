/** The terminal tutor reads the time only through its Io, so "today" is whatever the test says. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let dir = '';
let db = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-clock-'));
  db = join(dir, 'tutor.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const DAY = 86_400_000;
const MONDAY = Date.parse('2026-03-09T10:00:00Z');
const at = (ms: number) => (args: string[]) => runCli([...args, '--tz', 'UTC'], db, { now: () => ms });

describe('the clock of the terminal tutor', () => {
  it("counts today's check on the day it was answered, and not two days later", async () => {
    expect((await at(MONDAY)(['quiz', '2', '--answer', 'a', '--user', 'ada'])).out).toContain('Concept check · 2');
    expect((await at(MONDAY)(['report', '--user', 'ada'])).out).toMatch(/Did today's check: 1 of 1/);
    expect((await at(MONDAY + 2 * DAY)(['report', '--user', 'ada'])).out).toMatch(/Did today's check: 0 of 1/);
  });

  it('keeps a streak across consecutive days only', async () => {
    await at(MONDAY)(['quiz', '2', '--answer', 'a', '--user', 'ada']);
    await at(MONDAY + DAY)(['quiz', '2', '--answer', 'a', '--user', 'ada']);
    expect((await at(MONDAY + DAY)(['progress', '--user', 'ada'])).out).toContain('Streak: 2 days');
    expect((await at(MONDAY + 3 * DAY)(['progress', '--user', 'ada'])).out).toContain('Streak: no streak yet');
  });
});
