import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';

let dir = '';
let db = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-order-'));
  db = join(dir, 'tutor.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The terminal tutor in-process on a fresh database file. Nonces come from a fixed sequence per
 * member so the run is repeatable; in use they are random UUIDs.
 */
async function tutor(args: string[], nonces: () => string) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c) => {
    out += c;
  });
  stdin.end('');
  const code = await run([...args, '--db', db], { stdin, stdout, stderr: new PassThrough(), env: {}, nonce: nonces });
  return { code, out };
}

const counter = (user: string) => {
  let n = 0;
  return () => `${user}-card-${++n}`;
};

/** Answers every check with `--answer a`, as a member who always picks the first option would. */
async function alwaysFirst(user: string): Promise<number> {
  const nonces = counter(user);
  let passed = 0;
  for (let n = 1; n <= 9; n++) {
    const r = await tutor(['quiz', String(n), '--answer', 'a', '--user', user], nonces);
    if (r.out.includes('Correct ✓')) passed++;
  }
  return passed;
}

describe('options in an order that gives nothing away', () => {
  it('a member who always answers "a" passes at most 4 of 9; three such members at most 9 of 27', async () => {
    const scores = [];
    for (const user of ['member-1', 'member-2', 'member-3']) scores.push(await alwaysFirst(user));
    for (const s of scores) expect(s).toBeLessThanOrEqual(4);
    expect(scores.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(9);
  });

  it('holds for any member with the random nonces of real use, whichever position they always pick', async () => {
    const { randomUUID } = await import('node:crypto');
    for (const letter of ['a', 'b', 'c', 'd'])
      for (let m = 0; m < 3; m++) {
        let passed = 0;
        for (let n = 1; n <= 9; n++) {
          const args = ['quiz', String(n), '--answer', letter, '--user', `${letter}-${m}`];
          if ((await tutor(args, randomUUID)).out.includes('Correct ✓')) passed++;
        }
        // Seven choice checks of four options: over a member's first attempts the key sits at each
        // position at most three times (openKeySlots), and a sort is never all one bucket.
        expect(passed, `member ${letter}-${m}`).toBeLessThanOrEqual(3);
      }
  });

  it('letters name the options in the order the card prints them, and the grade follows', async () => {
    const fixed = () => 'one-card';
    const shown = await tutor(['quiz', '2', '--user', 'ada'], fixed);
    const options = [...shown.out.matchAll(/^ {2}([a-d])\) (.+)$/gm)].map((m) => m[2]);
    expect(options).toHaveLength(4);
    // The key of check 2: training is paid once per model version.
    const key = options.findIndex((o) => /each new model version/.test(o ?? ''));
    expect(key).toBeGreaterThanOrEqual(0);
    const letter = String.fromCharCode(97 + key);
    const r = await tutor(['quiz', '2', '--answer', letter, '--user', 'ada'], fixed);
    expect(r.out).toContain('Correct ✓');
    expect(r.out).toContain(`You chose: ${options[key]}`);
  });

  it('shows the same card until it is answered, then a new one for the next attempt', async () => {
    const { randomUUID } = await import('node:crypto');
    const optionsOf = (out: string) => [...out.matchAll(/^ {2}([a-d])\) (.+)$/gm)].map((m) => m[2]);
    const first = optionsOf((await tutor(['quiz', '3', '--user', 'bo'], randomUUID)).out);
    const again = optionsOf((await tutor(['quiz', '3', '--user', 'bo'], randomUUID)).out);
    expect(again).toEqual(first);
    const wrong = first.findIndex((o) => !/only read them/i.test(o ?? ''));
    await tutor(['quiz', '3', '--answer', String.fromCharCode(97 + wrong), '--user', 'bo'], randomUUID);
    const key = (opts: (string | undefined)[]) => opts.findIndex((o) => /only read them/i.test(o ?? ''));
    // The next attempt is a new card, answered on its own terms.
    const next = optionsOf((await tutor(['quiz', '3', '--user', 'bo'], randomUUID)).out);
    const letter = String.fromCharCode(97 + key(next));
    expect((await tutor(['quiz', '3', '--answer', letter, '--user', 'bo'], randomUUID)).out).toContain('Correct ✓');
  });
});

describe('"Take the check" in the terminal', () => {
  it('after reading only §3.1, points at the check about §3.1, and that check asks about §3.1', async () => {
    const nonces = counter('fresh');
    const lesson = await tutor(['lesson', '--user', 'fresh'], nonces);
    expect(lesson.out).toContain('§3.1 What is training');
    expect(lesson.out).toContain('Take the check: tutor quiz 2');
    const check = await tutor(['quiz', '2', '--user', 'fresh'], nonces);
    expect(check.out).toContain('About §3.1');
  });

  it('offers the next check of a lesson once its first is passed (§3.4: check 5, then the sort, 6)', async () => {
    const nonces = () => 'fixed';
    expect((await tutor(['lesson', '3.4', '--user', 'bo'], nonces)).out).toContain('Take the check: tutor quiz 5');
    const shown = await tutor(['quiz', '5', '--user', 'bo'], nonces);
    const options = [...shown.out.matchAll(/^ {2}([a-f])\) (.+)$/gm)];
    const key = options.find((m) => /10x|ten times/i.test(m[2] ?? ''))?.[1] ?? 'a';
    expect((await tutor(['quiz', '5', '--answer', key, '--user', 'bo'], nonces)).out).toContain('Correct ✓');
    expect((await tutor(['lesson', '3.4', '--user', 'bo'], nonces)).out).toContain('Take the check: tutor quiz 6');
  });
});
