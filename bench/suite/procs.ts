/**
 * The parent's side of the child processes (child.ts): start one, wait for its port, read its
 * resident memory from /proc, stop it. A child that does not stop in time is killed by its handle.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BOT_TOKEN, SIGNING_SECRET } from './slack.js';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export interface Child {
  readonly role: string;
  readonly pid: number;
  readonly port: number;
  stats(): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export async function spawnChild(role: 'app' | 'bare' | 'fake', env: Record<string, string> = {}): Promise<Child> {
  const child: ChildProcess = fork(CHILD, [role], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', ...extraArgs(role)],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      TZ: 'UTC',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${role} did not start in ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS,
    );
    child.once('exit', (code) => reject(new Error(`${role} exited with ${code} before it was ready`)));
    child.on('message', (m: { type?: string; port?: number }) => {
      if (m.type !== 'ready') return;
      clearTimeout(timer);
      resolve(m.port ?? 0);
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  let asked = 0;
  return {
    role,
    pid: child.pid ?? 0,
    port,
    stats() {
      const id = ++asked;
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve({}), 5_000);
        const on = (m: { type?: string; id?: number; stats?: Record<string, unknown> }) => {
          if (m.type !== 'stats' || m.id !== id) return;
          clearTimeout(timer);
          child.off('message', on);
          resolve(m.stats ?? {});
        };
        child.on('message', on);
        child.send({ type: 'stats', id });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * A plain `node` process (no tsx, no IPC), e.g. the production build `dist/main.js`: its port is
 * read from the "listening on http://host:port" line it prints; it stops on SIGTERM.
 */
export async function spawnPlain(
  role: string,
  args: string[],
  env: Record<string, string>,
  onLine: (line: string) => void = () => {},
): Promise<Child> {
  const child = spawn(process.execPath, [...extraArgs(role), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${role} did not start in ${READY_TIMEOUT_MS} ms`)),
      READY_TIMEOUT_MS,
    );
    child.once('exit', (code) => reject(new Error(`${role} exited with ${code} before it was ready`)));
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen = (seen + chunk.toString('utf8')).slice(-4_096);
      const found = /listening on http:\/\/[^:/\s]+:(\d+)/i.exec(seen);
      if (!found) return;
      clearTimeout(timer);
      resolve(Number(found[1]));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  // Keep reading, so a chatty process never blocks on a full pipe; hand each line on.
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = (lines.pop() ?? '').slice(-65_536);
    for (const line of lines) onLine(line);
  });
  return {
    role,
    pid: child.pid ?? 0,
    port,
    stats: async () => ({}),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * To profile a child under load: BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof', for the
 * roles in BENCH_NODE_ARGS_ROLES (default `app`).
 */
function extraArgs(role: string): string[] {
  const roles = (process.env.BENCH_NODE_ARGS_ROLES ?? 'app').split(',');
  return roles.includes(role) ? (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean) : [];
}

/** The app's environment: Slack in single-workspace HTTP mode against a local Web API. */
export function appEnv(apiUrl: string, databasePath: string, extra: Record<string, string> = {}) {
  return {
    PORT: '0',
    DATABASE_PATH: databasePath,
    LOG_LEVEL: 'error',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: `${apiUrl}/api/`,
    ...extra,
  };
}

/** Resident set size now and at its peak (VmHWM), in MB, from /proc/<pid>/status (Linux). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** CPU time (user + system, all threads) a process has used so far, in ms, from /proc/<pid>/stat. */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return (ticks * 1000) / CLOCK_TICKS;
}

/** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
const CLOCK_TICKS = 100;
