#!/usr/bin/env node
// The terminal tutor: a thin launcher for the compiled CLI so `npx tutor` works after `npm install`.
import { exitQuietlyOnBrokenPipe, run } from '../dist/cli/main.js';
import { loadEnvFile } from '../dist/env-file.js';

// Piped into `head` (or a pager that quits), the reader may go away mid-output: stop quietly.
exitQuietlyOnBrokenPipe(process.stdout);
// .env in the working folder, as for `npm start`; the environment wins over it.
try {
  loadEnvFile();
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}

process.exitCode = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
