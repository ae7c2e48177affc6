import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SURFACES } from '../../src/views/actions.js';
import { helpCard } from '../../src/views/notice.js';
import { cardToText } from '../../src/views/text.js';
import { runCli } from './run-cli.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-next-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tutor = (args: string[], input = '') => runCli([...args, '--user', 'kim'], join(dir, 'tutor.db'), { input });

describe('the terminal says what to do next', () => {
  it('after a lesson: read in full, take its check, or the next lesson, as commands', async () => {
    const r = await tutor(['lesson']);
    expect(r.out).toContain('Read full: tutor lesson 3.1 --full');
    expect(r.out).toContain('Take the check: tutor quiz 2');
    expect(r.out).toContain('Next lesson: tutor lesson 3.2');
    expect(r.out).not.toContain('[ ');
  });

  it('after a check: the next check and lesson as commands, no button labels', async () => {
    const r = await tutor(['quiz', '1'], '1 2 2 1 2 2\n');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Next check: tutor quiz \d/);
    expect(r.out).toContain('Next lesson: tutor lesson 3.1');
    expect(r.out).not.toContain('[ ');
  });

  it('reads a sort answer with spaces, commas or digits run together', async () => {
    for (const typed of ['1 2 2 1 2 2', '1,2,2,1,2,2', '1, 2; 2 1 2 2', '122122']) {
      const r = await tutor(['quiz', '1'], `${typed}\n`);
      expect(r.err, typed).not.toContain('Give one bucket');
      expect(r.out, typed).toMatch(/\d of 6 in the right bucket|Correct ✓/);
    }
    const short = await tutor(['quiz', '1'], '1 2\n');
    expect(short.err).toContain('you gave 2');
  });

  it('`tutor cost` with no scenario shows an example to type, not a button', async () => {
    const r = await tutor(['cost']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('1M queries/day at $0.01');
    expect(r.err).not.toContain('[ Try the example ]');
  });
});

describe('help', () => {
  it('names explain where the surface has it', () => {
    expect(cardToText(helpCard(SURFACES.slack))).toContain('/explain Inference is a variable cost.');
    expect(cardToText(helpCard(SURFACES.teams))).toContain('explain Inference is a variable cost.');
    expect(cardToText(helpCard(SURFACES.cli))).not.toContain('explain');
  });
});

describe('the next check', () => {
  it('for a newcomer is §3.1’s own check, not a sort that spans lessons not yet read', async () => {
    const r = await tutor(['quiz'], 'a\n');
    expect(r.out).toContain('Concept check · 2 of 9');
    expect(r.out).toContain('About §3.1');
  });
});
