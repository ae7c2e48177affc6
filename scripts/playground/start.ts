/**
 * Starting the bot and the Microsoft 365 Agents Playground as `npm run playground` does, shared by
 * that script and the browser test (tests/e2e/playground.test.ts) so both run the same set-up.
 */
import { type ChildProcess, type StdioOptions, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

/** The Playground's default user (Alex Wilber) and its Azure AD object id, made a manager so `report` can be tried. */
export const PLAYGROUND_USER = { name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' };

/** Teams credentials the bot must not see: the Playground is a local client and sends no token. */
const CREDENTIALS = [
  'MicrosoftAppId',
  'MicrosoftAppPassword',
  'MicrosoftAppType',
  'MicrosoftAppTenantId',
  'MICROSOFT_APP_ID',
  'MICROSOFT_APP_PASSWORD',
  'MICROSOFT_APP_TYPE',
  'MICROSOFT_APP_TENANT_ID',
];

export async function botIsUp(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1_000) });
    return res.ok;
  } catch {
    return false;
  }
}

export interface BotOptions {
  readonly port: number;
  /** The environment the bot starts from (the caller's, by default); credentials are blanked. */
  readonly env?: NodeJS.ProcessEnv;
  readonly stdio?: StdioOptions;
}

/** Starts the bot without Teams credentials, with the Playground user among the managers. */
export function startBot({ port, env: base = process.env, stdio = ['ignore', 'ignore', 'inherit'] }: BotOptions) {
  // Local mode is off unless asked for: the Playground is a local client, so this script asks.
  const env: NodeJS.ProcessEnv = { ...base, PORT: String(port), TEAMS_LOCAL_CLIENTS: '1' };
  // Empty, not deleted: the bot reads .env too, and a variable set (even to nothing) wins over the file.
  for (const name of CREDENTIALS) env[name] = '';
  env.TUTOR_MANAGERS = [base.TUTOR_MANAGERS, PLAYGROUND_USER.aadObjectId].filter(Boolean).join(',');
  const built = join(ROOT, 'dist', 'main.js');
  const args = existsSync(built) ? [built] : ['--import', 'tsx', join(ROOT, 'src', 'main.ts')];
  return spawn(process.execPath, args, { cwd: ROOT, env, stdio });
}

export async function waitForBot(bot: ChildProcess, port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (bot.exitCode !== null) throw new Error(`the bot exited with code ${bot.exitCode} (see the message above)`);
    if (await botIsUp(port)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the bot did not answer on http://localhost:${port}/healthz within ${timeoutMs / 1000} seconds`);
}

export interface PlaygroundOptions {
  /** The bot's port: the Playground talks to http://localhost:PORT/api/messages. */
  readonly botPort: number;
  /** The Playground's own web page and mocked connector. */
  readonly port: number;
  readonly logFile: string;
  /** Never open a browser (the browser test drives its own). */
  readonly noBrowser?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  readonly stdio?: StdioOptions;
}

/**
 * The Playground as a Teams client (`-c msteams`), with its telemetry off (`--disable-telemetry`,
 * APPLICATION_INSIGHTS_NO_STATSBEAT=true): nothing needs the cloud.
 */
export function startPlayground(options: PlaygroundOptions): ChildProcess {
  const { botPort, port, logFile, noBrowser = false, env: base = process.env, stdio = 'inherit' } = options;
  const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  const endpoint = `http://localhost:${botPort}/api/messages`;
  const args = [cli, '--app-endpoint', endpoint, '--channel-id', 'msteams', '--disable-telemetry'];
  args.push('--port', String(port));
  const env: NodeJS.ProcessEnv = {
    ...base,
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    // Its console goes to this file when output is not a terminal (by default ./devTools/ in the repo).
    M365_AGENTS_PLAYGROUND_LOGFILE: base.M365_AGENTS_PLAYGROUND_LOGFILE || logFile,
  };
  // It opens a browser with xdg-open and dies where there is none (servers, containers, CI).
  const headless = process.platform === 'linux' && !base.DISPLAY && !base.WAYLAND_DISPLAY;
  if (noBrowser || headless || base.PLAYGROUND_NO_BROWSER) env.TEAMSAPPTESTER_BROWSER = 'none';
  return spawn(process.execPath, args, { cwd: ROOT, env, stdio });
}
