/**
 * Plain-node processes for the memory benchmark (no tsx, whose loader alone adds tens of MB): the
 * production build, a bare Bolt app, and a probe that reports memory after a full GC.
 */
import { readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Child, spawnPlain } from './procs.js';
import { BOT_TOKEN, SIGNING_SECRET } from './slack.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST_MAIN = join(ROOT, 'dist', 'main.js');

/**
 * The node options `npm start` runs the server with (the Dockerfile sets the same in NODE_OPTIONS),
 * so the benchmarks measure the server as it is deployed.
 */
export function productionNodeArgs(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = pkg.scripts.start.split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'dist/main.js')
    throw new Error(`unexpected start script: ${pkg.scripts.start}`);
  return words.slice(1, -1);
}

/** The baseline, as plain ESM for `node --input-type=module -e` (resolved from the repository). */
export const BARE_JS = `
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
const healthz = { path: '/healthz', method: ['GET'], handler: (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"status":"ok"}'); } };
const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET, customRoutes: [healthz] });
const app = new App({ receiver, token: process.env.SLACK_BOT_TOKEN, logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL } });
app.command('/cost', async ({ ack }) => { await ack(); });
const server = await app.start(0);
console.log('bare Bolt listening on http://127.0.0.1:' + server.address().port);
process.once('SIGTERM', () => app.stop().then(() => process.exit(0)));
`;

/**
 * Loaded before the server (`--import`): on SIGUSR2, a full GC and then the memory figures on
 * stdout, so we can tell memory the process still holds from garbage not yet collected.
 */
const PROBE = `process.on('SIGUSR2', () => { globalThis.gc(); console.log('bench-memory ' + JSON.stringify(process.memoryUsage())); });`;
export const PROBE_ARGS = ['--expose-gc', '--import', `data:text/javascript,${encodeURIComponent(PROBE)}`];
const probes = new Map<string, (m: NodeJS.MemoryUsage) => void>();
export const onLine = (role: string) => (line: string) => {
  if (line.startsWith('bench-memory ')) probes.get(role)?.(JSON.parse(line.slice(13)) as NodeJS.MemoryUsage);
};

/** Memory after a full GC, MB. */
export interface AfterGc {
  rss: number;
  heap: number;
  heapTotal: number;
  external: number;
}

/** Asks a child started with PROBE_ARGS (and onLine) for a full GC and its memory after it. */
export function afterGc(child: Child): Promise<AfterGc> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${child.role} did not answer the memory probe`)), 10_000);
    probes.set(child.role, (m) => {
      clearTimeout(timer);
      const toMb = (x: number) => x / 2 ** 20;
      resolve({ rss: toMb(m.rss), heap: toMb(m.heapUsed), heapTotal: toMb(m.heapTotal), external: toMb(m.external) });
    });
    process.kill(child.pid, 'SIGUSR2');
  });
}

/** Source files changed since the last build: then dist is not what src says. */
export async function staleSources(): Promise<number> {
  const built = statSync(DIST_MAIN).mtimeMs;
  const files = await readdir(join(ROOT, 'src'), { recursive: true });
  return files.filter((f) => f.endsWith('.ts') && statSync(join(ROOT, 'src', f)).mtimeMs > built).length;
}

/** The production build as `npm start` runs it (plus `args`, e.g. the memory probe). */
export const spawnApp = (
  role: string,
  env: Record<string, string>,
  args: string[] = [],
  onOut?: (line: string) => void,
) => spawnPlain(role, [...args, ...productionNodeArgs(), DIST_MAIN], env, onOut);

/** The bare Bolt baseline in plain node, its Web API at `apiUrl`. */
export const spawnBare = (role: string, apiUrl: string, args: string[] = [], onOut?: (line: string) => void) =>
  spawnPlain(
    role,
    [...args, '--input-type=module', '-e', BARE_JS],
    { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: `${apiUrl}/api/` },
    onOut,
  );

/** The line that says which server is measured, and whether `dist` is current; throws when it is missing. */
export async function serverLine(): Promise<string> {
  const stale = await staleSources().catch(() => Number.NaN);
  if (Number.isNaN(stale)) throw new Error(`${DIST_MAIN} is missing: run \`npm run build\` first`);
  const command = ['node', ...productionNodeArgs(), 'dist/main.js'].join(' ');
  return `  server: ${command} (as npm start; the Dockerfile sets the same NODE_OPTIONS)${stale > 0 ? ` — WARNING: ${stale} src files are newer than the build; run \`npm run build\`` : ', the build is current'}`;
}
