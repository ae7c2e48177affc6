/**
 * A real PostgreSQL server for tests: initdb into a temp dir, then `postgres` on a free 127.0.0.1
 * port with fsync off (a test never needs to survive a power cut). PostgreSQL refuses to run as
 * root, and CI runs as root: then the server runs as the `postgres` system user.
 *
 * A vitest run shares one server (tests/setup/postgres.ts starts it when a test first asks);
 * a test that restarts or stops the server starts its own with startPostgres().
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  /** The superuser's URL for the `postgres` database (password included: tests only). */
  readonly adminUrl: string;
  /** The URL of database `name` on this server. */
  url(name: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(): Promise<string>;
  /** Fast shutdown: connections are closed, the data stays. */
  stop(mode?: ShutdownMode): Promise<void>;
  /** Starts a stopped server again on the same port and data. */
  start(): Promise<void>;
  /** Stop, then start again on the same port and data. */
  restart(mode?: ShutdownMode): Promise<void>;
  /** Stop and delete the data directory. */
  dispose(): Promise<void>;
}

const DIR_PREFIX = 'tutor-pg-';
const READY_TIMEOUT_MS = 30_000;

interface RunAs {
  uid: number;
  gid: number;
}

/** Where initdb and postgres live: pg_config's bindir, else Debian's /usr/lib/postgresql/<v>/bin. */
export function postgresBinDir(): string {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) return dir;
  } catch {
    // no pg_config: look in Debian's place
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return join(root, versions[0], 'bin');
  throw new Error(
    'PostgreSQL server binaries (initdb, postgres) were not found: install them ' +
      '(Debian: apt-get install postgresql; .ci/run does this), or put pg_config on PATH.',
  );
}

/** As root, the postgres system user to run the server as; otherwise ourselves. */
function runAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (!uid || !gid) {
    throw new Error(
      'Tests run as root and PostgreSQL refuses to run as root, but there is no "postgres" system user to ' +
        "run it as. Install Debian's postgresql package (it creates the user) or run the tests as another user.",
    );
  }
  return { uid: Number(uid), gid: Number(gid) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Servers of earlier runs whose test process died without cleaning up (SIGKILL): stop and delete them. */
function sweepOrphans(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    const owner = Number(readIfThere(join(dir, 'owner.pid')));
    // No owner yet: another process is creating it right now. A live owner: in use.
    if (!owner || isAlive(owner)) continue;
    const postmaster = Number(readIfThere(join(dir, 'data', 'postmaster.pid'))?.split('\n')[0]);
    if (postmaster > 0 && isAlive(postmaster)) process.kill(postmaster, 'SIGQUIT');
    rmSync(dir, { recursive: true, force: true });
  }
}

function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

function run(command: string, args: string[], options: { cwd: string; user: RunAs | undefined }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
      ...options.user,
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}:\n${output.slice(-2000)}`)),
    );
  });
}

/** Starts a fresh server; stop it with dispose() (also done on process exit and Ctrl-C). */
/**
 * `fast` (default): PostgreSQL's clean shutdown, every committed transaction kept. `immediate`: as
 * if the server crashed; it recovers from its WAL at the next start.
 */
export type ShutdownMode = 'fast' | 'immediate';

export interface StartOptions {
  maxConnections?: number;
  /**
   * Wait for the WAL write at each commit (default false, for speed). Set it when a test crashes
   * the server (`immediate`) and expects every acknowledged commit back: without it the last few
   * commits can be lost with the server's memory. (fsync stays off: the machine itself never crashes.)
   */
  synchronousCommit?: boolean;
}

export async function startPostgres(options: StartOptions = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const user = runAs();
  sweepOrphans();
  const dir = mkdtempSync(join(tmpdir(), DIR_PREFIX));
  writeFileSync(join(dir, 'owner.pid'), String(process.pid));
  const data = join(dir, 'data');
  const sockets = join(dir, 'sock');
  mkdirSync(sockets);
  const password = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'pwfile');
  writeFileSync(pwfile, password, { mode: 0o600 });
  if (user) for (const path of [dir, sockets, pwfile]) chownSync(path, user.uid, user.gid);

  let child: ChildProcess | undefined;
  let port = 0;
  const exited = new WeakMap<ChildProcess, Promise<void>>();

  const cleanupSync = () => {
    if (child && child.exitCode === null) child.kill('SIGQUIT');
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanupSync();
    // If nobody else handles the signal, do what node would have done without our listener.
    if (process.listenerCount(signal) === 1) process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('exit', cleanupSync);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const forget = () => {
    process.off('exit', cleanupSync);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };

  const launch = async (): Promise<void> => {
    const args = [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      sockets,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      `synchronous_commit=${options.synchronousCommit ? 'on' : 'off'}`,
      '-c',
      'full_page_writes=off',
      `-c`,
      `max_connections=${options.maxConnections ?? 200}`,
      '-c',
      'shared_buffers=32MB',
    ];
    const server = spawn(join(bin, 'postgres'), args, {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C' },
      ...user,
    });
    child = server;
    let log = '';
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`postgres did not start in time:\n${log.slice(-2000)}`)),
        READY_TIMEOUT_MS,
      );
      const onData = (chunk: Buffer) => {
        // Keep the tail only: the server logs for as long as the tests run.
        log = (log + chunk.toString()).slice(-4000);
        if (log.includes('ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      };
      server.stdout?.on('data', onData);
      server.stderr?.on('data', onData);
      server.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`postgres exited with ${code} while starting:\n${log.slice(-2000)}`));
      });
      server.once('error', reject);
    });
    exited.set(server, new Promise<void>((resolve) => server.once('exit', () => resolve())));
    await ready;
  };

  const shutdown = async (mode: ShutdownMode = 'fast'): Promise<void> => {
    const server = child;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    // SIGINT: fast shutdown (roll back open transactions, close connections, checkpoint).
    // SIGQUIT: immediate shutdown, no checkpoint: the next start runs crash recovery.
    server.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
    const killer = setTimeout(() => server.kill('SIGKILL'), 10_000);
    await exited.get(server);
    clearTimeout(killer);
  };

  try {
    await run(
      join(bin, 'initdb'),
      [
        '-D',
        data,
        '-U',
        'postgres',
        `--pwfile=${pwfile}`,
        '--auth-local=trust',
        '--auth-host=scram-sha-256',
        '-E',
        'UTF8',
        '--locale=C',
        '--no-sync',
      ],
      { cwd: dir, user },
    );
    // Another process may take the port between our probe and the server's bind: try a few.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        await launch();
        break;
      } catch (error) {
        if (attempt >= 3 || !/could not (bind|create listen)/i.test(String(error))) throw error;
      }
    }
  } catch (error) {
    await shutdown();
    cleanupSync();
    forget();
    throw error;
  }

  const url = (name: string) => `postgres://postgres:${password}@127.0.0.1:${port}/${name}`;
  return {
    adminUrl: url('postgres'),
    url,
    createDatabase: () => createDatabase(url('postgres')),
    stop: shutdown,
    start: launch,
    async restart(mode) {
      await shutdown(mode);
      await launch();
    },
    async dispose() {
      await shutdown();
      rmSync(dir, { recursive: true, force: true });
      forget();
    },
  };
}

let created = 0;

/** Creates an empty database on the server behind `adminUrl` and returns its URL. */
export async function createDatabase(adminUrl: string): Promise<string> {
  const name = `t_${process.pid}_${++created}_${randomBytes(3).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A new, empty database on the run's shared server (started on first use by the globalSetup
 * tests/setup/postgres.ts, or TEST_POSTGRES_URL's server), as a URL.
 */
export async function freshPostgresUrl(): Promise<string> {
  const { inject } = await import('vitest');
  const control = inject('postgresControl');
  if (!control)
    throw new Error('No PostgreSQL for tests: add tests/setup/postgres.ts to globalSetup in vitest.config.ts.');
  const response = await fetch(control);
  const body = (await response.json()) as { url?: string; error?: string };
  if (!body.url) throw new Error(`The test PostgreSQL server could not start: ${body.error}`);
  return createDatabase(body.url);
}
