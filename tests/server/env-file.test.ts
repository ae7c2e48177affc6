import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// `npm start` is `node dist/main.js` run from the project folder: the same here, from a folder with a .env.
const main = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts the built server in `cwd` and resolves with the line it prints once it listens. */
function startIn(cwd: string, env: Record<string, string> = {}): Promise<string> {
  const child = spawn(process.execPath, [main], {
    cwd,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (c) => {
      err += c;
    });
    child.stdout?.on('data', (c) => {
      out += c;
      const line = out.split('\n').find((l) => l.startsWith('chat-tutor is listening'));
      if (line) resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}

function folderWithEnv(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tutor-env-'));
  writeFileSync(join(dir, '.env'), text);
  return dir;
}

describe('.env', () => {
  it('moves npm start to the PORT it names', async () => {
    const port = await freePort();
    const dir = folderWithEnv(`# settings\nPORT=${port}\nDATABASE_PATH=./tutor.db\n`);
    const line = await startIn(dir);
    expect(line).toContain(`http://localhost:${port}`);
    expect(line).toContain('settings read from .env');
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
  });

  it('loses to the environment', async () => {
    const [inFile, inEnv] = [await freePort(), await freePort()];
    const dir = folderWithEnv(`PORT=${inFile}\nDATABASE_PATH=./tutor.db\n`);
    const line = await startIn(dir, { PORT: String(inEnv) });
    expect(line).toContain(`http://localhost:${inEnv}`);
  });

  it('is named when a variable in it is wrong', async () => {
    const dir = folderWithEnv('PORT=not-a-port\nDATABASE_PATH=./tutor.db\n');
    await expect(startIn(dir)).rejects.toThrow(/PORT/);
  });
});
