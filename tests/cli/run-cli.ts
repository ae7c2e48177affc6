import { PassThrough } from 'node:stream';
import { run } from '../../src/cli/main.js';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs the terminal tutor in-process with real streams on the database file `db`. */
export async function runCli(
  args: readonly string[],
  db: string,
  options: {
    readonly input?: string;
    readonly nonce?: () => string;
    readonly now?: () => number;
    readonly env?: Record<string, string>;
  } = {},
): Promise<CliResult> {
  const [stdin, stdout, stderr] = [new PassThrough(), new PassThrough(), new PassThrough()];
  let out = '';
  let err = '';
  stdout.on('data', (c) => {
    out += c;
  });
  stderr.on('data', (c) => {
    err += c;
  });
  stdin.end(options.input ?? '');
  const io = {
    stdin,
    stdout,
    stderr,
    env: options.env ?? {},
    ...(options.nonce ? { nonce: options.nonce } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  const code = await run([...args, '--db', db], io);
  return { code, out, err };
}
