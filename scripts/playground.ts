/**
 * `npm run playground`: try the Teams bot locally with no account and no credentials, in the
 * Microsoft 365 Agents Playground (a web page that looks and behaves like a Teams chat).
 *
 * It uses the bot already listening on PORT (default 3978) or starts one, then starts the
 * Playground against http://localhost:PORT/api/messages as a Teams client (`-c msteams`), with its
 * telemetry off (`--disable-telemetry`, APPLICATION_INSIGHTS_NO_STATSBEAT=true): nothing needs
 * the cloud. Ctrl+C stops both (the bot only if this script started it).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadEnvFile } from '../src/env-file.js';

const root = join(import.meta.dirname, '..');
// PORT and PLAYGROUND_PORT may come from .env, as for `npm start`; the environment wins.
loadEnvFile(join(root, '.env'));
const port = Number(process.env.PORT || 3978);
const endpoint = `http://localhost:${port}/api/messages`;
const playgroundPort = Number(process.env.PLAYGROUND_PORT || 56150);
const LOG_FILE = join(root, 'build', 'm365agentsplayground.log');
/** The Playground's default user (Alex Wilber) and its Azure AD object id, made a manager so `report` can be tried. */
const PLAYGROUND_USER = { name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' };

async function botIsUp(): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1_000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** Starts the bot without Teams credentials: the Playground is a local client and sends no token. */
function startBot(): ChildProcess {
  // Local mode is off unless asked for: the Playground is a local client, so this script asks.
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), TEAMS_LOCAL_CLIENTS: '1' };
  // Empty, not deleted: the bot reads .env too, and a variable set (even to nothing) wins over the file.
  for (const name of [
    'MicrosoftAppId',
    'MicrosoftAppPassword',
    'MicrosoftAppType',
    'MicrosoftAppTenantId',
    'MICROSOFT_APP_ID',
    'MICROSOFT_APP_PASSWORD',
    'MICROSOFT_APP_TYPE',
    'MICROSOFT_APP_TENANT_ID',
  ])
    env[name] = '';
  env.TUTOR_MANAGERS = [process.env.TUTOR_MANAGERS, PLAYGROUND_USER.aadObjectId].filter(Boolean).join(',');
  const built = join(root, 'dist', 'main.js');
  const args = existsSync(built) ? [built] : ['--import', 'tsx', join(root, 'src', 'main.ts')];
  return spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function waitForBot(bot: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (bot.exitCode !== null) throw new Error(`the bot exited with code ${bot.exitCode} (see the message above)`);
    if (await botIsUp()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the bot did not answer on http://localhost:${port}/healthz within 30 seconds`);
}

function startPlayground(): ChildProcess {
  const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  const args = [cli, '--app-endpoint', endpoint, '--channel-id', 'msteams', '--disable-telemetry'];
  args.push('--port', String(playgroundPort));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    // Its console goes to this file when output is not a terminal (by default ./devTools/ in the repo).
    M365_AGENTS_PLAYGROUND_LOGFILE: process.env.M365_AGENTS_PLAYGROUND_LOGFILE || LOG_FILE,
  };
  // It opens a browser with xdg-open and dies where there is none (servers, containers, CI).
  const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  if (headless || process.env.PLAYGROUND_NO_BROWSER) env.TEAMSAPPTESTER_BROWSER = 'none';
  return spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
}

async function main(): Promise<void> {
  let bot: ChildProcess | undefined;
  if (await botIsUp())
    console.log(
      `Using the bot already running on port ${port} (it needs TEAMS_LOCAL_CLIENTS=1 to take the Playground's messages).`,
    );
  else {
    console.log(`Starting the bot on port ${port} (no Teams credentials: local clients only)…`);
    bot = startBot();
    await waitForBot(bot);
    console.log(
      `You chat as ${PLAYGROUND_USER.name} (${PLAYGROUND_USER.aadObjectId}), a manager on this bot: try "report".`,
    );
  }
  const playground = startPlayground();
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
