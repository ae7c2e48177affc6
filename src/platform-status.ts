/** Each platform on or off as the configuration sets it, and why: its start-up log line. */
import type { PlatformRuntime } from './app/chat/runtime.js';
import { type Config, slackMode } from './config.js';

const SLACK_OFF =
  'Slack is off: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (one workspace), SLACK_CLIENT_ID/SLACK_CLIENT_SECRET/SLACK_STATE_SECRET/SLACK_SIGNING_SECRET/TOKEN_ENCRYPTION_KEY (OAuth) or SLACK_APP_TOKEN and SLACK_BOT_TOKEN (Socket Mode) to turn it on.';

function slack(config: Config): PlatformRuntime['status'] {
  const mode = slackMode(config);
  return mode === 'off' ? { on: false, detail: { message: SLACK_OFF } } : { on: true, detail: { mode } };
}

function teams(config: Config): PlatformRuntime['status'] {
  const authenticated = Boolean(config.MicrosoftAppId);
  const local = config.TEAMS_LOCAL_CLIENTS;
  const authentication = authenticated
    ? 'on'
    : local
      ? 'off: only local clients without proxy headers (Emulator, Agents Playground); set MicrosoftAppId for Teams'
      : 'refusing every activity: set MicrosoftAppId for Teams, or TEAMS_LOCAL_CLIENTS=1 for a local client';
  return { on: authenticated || local, detail: { authentication } };
}

export const platformStatus = { slack, teams };
