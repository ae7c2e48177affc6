/**
 * The Dockerfile's recipe, run here (there is no Docker engine on this machine): the built output
 * with production dependencies only, in a clean folder, started as `node dist/main.js` with the
 * image's NODE_OPTIONS, answering /healthz, and stopping cleanly on SIGTERM.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
mkdirSync(join(root, 'build'), { recursive: true });
// Inside the repository's build/ folder, so node_modules can be hard-linked rather than copied.
const dir = mkdtempSync(join(root, 'build', 'production-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** NODE_OPTIONS as the Dockerfile's run stage sets it. */
function imageNodeOptions(): string {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
  const run = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
  return /^\s*NODE_OPTIONS=(\S+)/m.exec(run)?.[1] ?? '';
}

describe('the production recipe', () => {
  it('caps the heap the same way in the image and in npm start', () => {
    const start = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } })
      .scripts.start;
    expect(imageNodeOptions()).toMatch(/^--max-old-space-size=\d+$/);
    expect(start).toBe(`node ${imageNodeOptions()} dist/main.js`);
  });

  it('runs from the built output with production dependencies only', { timeout: 120_000 }, async () => {
    expect(existsSync(join(root, 'dist', 'main.js')), 'run `npm run build` first').toBe(true);
    for (const entry of ['package.json', 'package-lock.json', 'dist', 'content', 'bin'])
      cpSync(join(root, entry), join(dir, entry), { recursive: true });
    execFileSync('cp', ['-al', join(root, 'node_modules'), join(dir, 'node_modules')]);
    execFileSync('npm', ['prune', '--omit=dev', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
      cwd: dir,
      stdio: 'ignore',
    });
    // The dev tools are gone, so nothing at run time can lean on them.
    for (const dev of ['vitest', 'typescript', 'tsx', '@biomejs/biome', 'adaptivecards'])
      expect(existsSync(join(dir, 'node_modules', dev)), dev).toBe(false);

    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_OPTIONS: imageNodeOptions(),
        PORT: '0',
        DATABASE_PATH: join(dir, 'data', 'tutor.db'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.stderr.on('data', (c) => {
      out += c;
    });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start: ${out}`)), 20_000);
      child.stdout.on('data', () => {
        const m = /listening on http:\/\/localhost:(\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', lessons: 7 });

    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
