import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir = '';
let db = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-'));
  db = join(dir, 'tutor.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the terminal tutor in-process with real streams and a real database file. */
const tutor = (args: string[], input = '', nonce?: () => string) =>
  runCli(args, db, { input, ...(nonce ? { nonce } : {}) });

describe('tutor lesson', () => {
  it('prints §3.4 "Inference cost at scale"', async () => {
    const r = await tutor(['lesson', '3.4', '--user', 'ada']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('§3.4 Inference cost at scale');
    expect(r.out).toContain('Ten times the users, ten times the compute, ten times the bill');
    expect(r.out).toContain('Key takeaway');
  });

  it('prints the full lesson with its story and the worked example from the cost engine', async () => {
    const r = await tutor(['lesson', '3.4', '--full', '--user', 'ada']);
    expect(r.out).toContain('The story');
    expect(r.out).toContain('$3,650,000/year');
  });

  it('serves the next unread lesson and remembers per user', async () => {
    expect((await tutor(['lesson', '--user', 'ada'])).out).toContain('§3.1 What is training');
    expect((await tutor(['lesson', '--user', 'ada'])).out).toContain('§3.2 What is inference');
    expect((await tutor(['lesson', '--user', 'grace'])).out).toContain('§3.1 What is training');
  });

  it('`tutor lesson 3.7` (essentials) closes with the PM lens and the Llama 3 case', async () => {
    const r = await tutor(['lesson', '3.7', '--user', 'ada']);
    expect(r.out).toContain('As a PM');
    expect(r.out).toContain('Case: Meta');
    expect(r.out).toContain('Llama 3');
    expect(r.out).toMatch(/~\d+ min read · essentials/);
  });

  it('refuses an unknown lesson with the list', async () => {
    const r = await tutor(['lesson', '4.2', '--user', 'ada']);
    expect(r.code).toBe(2);
    expect(r.out).toContain('There is no lesson "4.2"');
  });
});

describe('tutor quiz', () => {
  it('answers a check non-interactively and records it', async () => {
    const r = await tutor(['quiz', '5', '--answer', 'b', '--user', 'ada']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Concept check · 5 of 9/);
    expect(r.out).toMatch(/Correct ✓|Not quite ✗/);
    const p = await tutor(['progress', '--user', 'ada']);
    expect(p.out).toMatch(/Checks passed: [01] of 9/);
    expect(p.out).toMatch(/5\. .*\n?/);
  });

  it('takes the sort quiz interactively, re-asking after an unreadable answer', async () => {
    // The items come in the card's own order (fixed here by its nonce): answer them as printed.
    const nonce = () => 'sort-card';
    const printed = await tutor(['quiz', '1', '--user', 'ada'], '', nonce);
    const items = [...printed.out.matchAll(/^\d+\. (.+)$/gm)].map((m) => m[1] ?? '');
    expect(items).toHaveLength(6);
    const key = items.map((t) => (/pre-train|fine-tuning/i.test(t) ? '1' : '2')).join(',');
    const r = await tutor(['quiz', '1', '--user', 'ada'], `nonsense\n${key}\n`, nonce);
    expect(r.code).toBe(0);
    expect(r.err).toContain('Give one bucket for each of the 6 items');
    // 1 = training, 2 = inference: the chapter's own answer key, all six right.
    expect(r.out).toContain('Correct ✓');
    expect(r.out).toContain('In the right bucket');
  });

  it('records nothing when input ends before an answer', async () => {
    const r = await tutor(['quiz', '2', '--user', 'ada'], '');
    expect(r.code).toBe(2);
    expect((await tutor(['progress', '--user', 'ada'])).out).toContain('Checks passed: 0 of 9');
  });

  it('prints a usage line and exits non-zero on bad arguments', async () => {
    for (const args of [['quiz', 'three'], ['frobnicate'], ['lesson', '--fast'], []]) {
      const r = await tutor(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toContain('usage: tutor');
    }
  });
});

describe('tutor report and content check', () => {
  it('reports the team, also as CSV', async () => {
    await tutor(['lesson', '--user', 'ada']);
    await tutor(['quiz', '2', '--answer', 'a', '--user', 'grace']);
    const text = await tutor(['report', '--user', 'ada']);
    expect(text.out).toContain('Team report');
    expect(text.out).toContain('2 members');
    const csv = await tutor(['report', '--csv', '--user', 'ada']);
    const lines = csv.out.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^member,lesson 3\.1,/);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(['ada', 'grace']);
  });

  it('validates the content', async () => {
    const r = await tutor(['content', 'check']);
    expect(r.out).toContain('Content is valid: 7 lessons, 9 checks');
  });
});

describe('the installed bin', () => {
  it('`tutor lesson 3.4` works as a command (after the build)', async () => {
    expect(existsSync(join(root, 'dist', 'cli', 'main.js')), 'run `npm run build` first').toBe(true);
    const { stdout } = await promisify(execFile)(process.execPath, [
      join(root, 'bin', 'tutor.js'),
      'lesson',
      '3.4',
      '--db',
      db,
    ]);
    expect(stdout).toContain('§3.4 Inference cost at scale');
  });
});

describe('output piped into a reader that stops early (`tutor … | head`)', () => {
  for (const args of [
    ['lesson', '3.1', '--full'],
    ['report', '--csv'],
  ])
    it(`\`tutor ${args.join(' ')}\` exits quietly, with no stack trace`, async () => {
      expect(existsSync(join(root, 'dist', 'cli', 'main.js')), 'run `npm run build` first').toBe(true);
      const child = spawn(process.execPath, [join(root, 'bin', 'tutor.js'), ...args, '--db', db], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // The reader goes away before the tutor has written anything, as `head` does once it has its lines.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (c) => {
        stderr += c;
      });
      const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
      expect(stderr).toBe('');
      expect(code).toBe(0);
    });
});

describe('tutor cost', () => {
  it('prints the card as text, with the arithmetic and the conventions', async () => {
    const r = await tutor(['cost', '1M queries/day at $0.01']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('$10,000');
    expect(r.out).toContain('$3,650,000');
    expect(r.out).toContain('month = 30 days');
  });

  it('prints the breakdown as JSON with --json', async () => {
    const r = await tutor(['cost', '3 queries at $0.10', '--json']);
    const breakdown = JSON.parse(r.out) as { cost: { total: { value: string; formatted: string } } };
    expect(breakdown.cost.total).toEqual({ value: '0.3', formatted: '$0.30' });
  });

  it('explains a scenario it cannot read, with an example, and exits non-zero', async () => {
    const r = await tutor(['cost', '1M queries at']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/price/i);
    expect(r.out).toBe('');
  });
});
