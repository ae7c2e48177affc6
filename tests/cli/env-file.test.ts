import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/tutor.js', import.meta.url));
const run = (cwd: string, args: string[], env: Record<string, string> = {}) =>
  promisify(execFile)(process.execPath, [bin, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env } });

describe('the terminal tutor and .env', () => {
  it('uses the database .env names, unless the environment names another', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tutor-cli-env-'));
    writeFileSync(join(dir, '.env'), 'DATABASE_PATH=./from-file.db\n');
    await run(dir, ['progress', '--user', 'ada']);
    expect(existsSync(join(dir, 'from-file.db'))).toBe(true);
    await run(dir, ['progress', '--user', 'ada'], { DATABASE_PATH: './from-env.db' });
    expect(existsSync(join(dir, 'from-env.db'))).toBe(true);
  });
});
