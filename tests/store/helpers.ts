import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../src/store/database.js';
import { createStore, type Member, type Sql, type Store } from '../../src/store/index.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export type Child = ChildProcessByStdio<Writable, Readable, Readable>;

/** Runs tests/store/fixtures/<name> as its own Node process (TypeScript through tsx). */
export function spawnFixture(name: string, args: readonly string[]): Child {
  const script = fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  return child;
}

/** Resolves with everything the child printed once `done(output)` holds; rejects if it exits first. */
export function readUntil(child: Child, done: (stdout: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const onData = (chunk: string) => {
      stdout += chunk;
      if (done(stdout)) {
        cleanup();
        resolve(stdout);
      }
    };
    const onErr = (chunk: string) => {
      stderr += chunk;
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(new Error(`fixture exited early (code ${code}, signal ${signal}): ${stderr || stdout}`));
    };
    const cleanup = () => {
      child.stdout.off('data', onData);
      child.stderr.off('data', onErr);
      child.off('exit', onExit);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onErr);
    child.on('exit', onExit);
  });
}

/** Waits for the child to end; returns its exit code and signal. */
export function exited(child: Child): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

export const WORKSPACE = 'slack:T001';

/** A store with one workspace and one member in it. */
export async function seeded(db: Db | Sql, now = () => 1_700_000_000_000): Promise<{ store: Store; member: Member }> {
  const store = createStore(db, { now });
  return { store, member: await seed(store) };
}

/** Adds the workspace WORKSPACE and its member U001 (Ada) to `store`. */
export async function seed(store: Store): Promise<Member> {
  await store.workspaces.ensure({ id: WORKSPACE, platform: 'slack', name: 'Acme' });
  return store.members.ensure({ workspaceId: WORKSPACE, externalId: 'U001', displayName: 'Ada' });
}
