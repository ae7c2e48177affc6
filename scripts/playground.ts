/**
 * `npm run playground`: try the Teams bot locally with no account and no credentials, in the
 * Microsoft 365 Agents Playground (a web page that looks and behaves like a Teams chat).
 *
 * It uses the bot already listening on PORT (default 3978) or starts one, then starts the
 * Playground against http://localhost:PORT/api/messages as a Teams client (`-c msteams`), with its
 * telemetry off (`--disable-telemetry`, APPLICATION_INSIGHTS_NO_STATSBEAT=true): nothing needs
 * the cloud. Ctrl+C stops both (the bot only if this script started it).
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { loadEnvFile } from '../src/env-file.js';
import { botIsUp, PLAYGROUND_USER, ROOT, startBot, startPlayground, waitForBot } from './playground/start.js';

// PORT and PLAYGROUND_PORT may come from .env, as for `npm start`; the environment wins.
loadEnvFile(join(ROOT, '.env'));
const port = Number(process.env.PORT || 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT || 56150);
const LOG_FILE = join(ROOT, 'build', 'm365agentsplayground.log');

async function main(): Promise<void> {
  let bot: ChildProcess | undefined;
  if (await botIsUp(port)) console.log(`Using the bot already running on port ${port}.`);
  else {
    console.log(`Starting the bot on port ${port} (no Teams credentials: local clients only)…`);
    bot = startBot({ port });
    await waitForBot(bot, port);
    console.log(
      `You chat as ${PLAYGROUND_USER.name} (${PLAYGROUND_USER.aadObjectId}), a manager on this bot: try "report".`,
    );
  }
  const playground = startPlayground({ botPort: port, port: playgroundPort, logFile: LOG_FILE });
  console.log(`Agents Playground: open http://localhost:${playgroundPort} and type "help" (Ctrl+C to stop).`);
  console.log(`Its log: ${LOG_FILE}`);
  const stop = () => {
    playground.kill('SIGTERM');
    bot?.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  bot?.once('exit', (code) => {
    if (playground.exitCode === null) {
      console.error(`The bot stopped (code ${code}); stopping the Playground.`);
      playground.kill('SIGTERM');
    }
  });
  await new Promise<void>((resolve) => playground.once('exit', () => resolve()));
  bot?.kill('SIGTERM');
}

main().catch((error: unknown) => {
  console.error(`npm run playground: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
