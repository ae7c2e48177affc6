/** Teams' settings as the runtime and its lazy stand-in (lazy.ts) both need them, without loading botbuilder. */
import type { PlatformRuntime } from '../app/chat/runtime.js';
import type { Config } from '../config.js';

export const MESSAGES_PATH = '/api/messages';
/** Where short-lived CSV links point. */
export const REPORTS_PATH = '/api/reports';
/** Teams activities are a few KB; a card submit with every input stays far below this. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

/** On or off, and why: the start-up log line. */
export function teamsStatus(config: Config): PlatformRuntime['status'] {
  const authenticated = Boolean(config.MicrosoftAppId);
  const local = config.TEAMS_LOCAL_CLIENTS;
  const authentication = authenticated
    ? 'on'
    : local
      ? 'off: only local clients without proxy headers (Emulator, Agents Playground); set MicrosoftAppId for Teams'
      : 'refusing every activity: set MicrosoftAppId for Teams, or TEAMS_LOCAL_CLIENTS=1 for a local client';
  return { on: authenticated || local, detail: { authentication } };
}

/** botbuilder's settings, passing only what is set (its own schema rejects empty values). */
export const authSettings = (config: Config): Record<string, string> =>
  Object.fromEntries(
    (['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId'] as const).flatMap((key) =>
      config[key] ? [[key, String(config[key])]] : [],
    ),
  );
