/** Teams' settings as the runtime and its lazy stand-in (lazy.ts) both need them, without loading botbuilder. */
import type { PlatformRuntime } from '../app/chat/runtime.js';
import type { Config } from '../config.js';

export const MESSAGES_PATH = '/api/messages';
/** Where short-lived CSV links point. */
export const REPORTS_PATH = '/api/reports';

/** On or off, and why: the start-up log line. */
export function teamsStatus(config: Config): PlatformRuntime['status'] {
  const authenticated = Boolean(config.MicrosoftAppId);
  return {
    on: authenticated || config.TEAMS_LOCAL_CLIENTS,
    detail: {
      authentication: authenticated
        ? 'on'
        : config.TEAMS_LOCAL_CLIENTS
          ? 'off: only local clients without proxy headers (Emulator, Agents Playground); set MicrosoftAppId for Teams'
          : 'refusing every activity: set MicrosoftAppId for Teams, or TEAMS_LOCAL_CLIENTS=1 for a local client',
    },
  };
}

/** botbuilder's settings, passing only what is set (its own schema rejects empty values). */
export function authSettings(config: Config): Record<string, string> {
  const out: Record<string, string> = {};
  if (config.MicrosoftAppId) out.MicrosoftAppId = config.MicrosoftAppId;
  if (config.MicrosoftAppPassword) out.MicrosoftAppPassword = config.MicrosoftAppPassword;
  if (config.MicrosoftAppType) out.MicrosoftAppType = config.MicrosoftAppType;
  if (config.MicrosoftAppTenantId) out.MicrosoftAppTenantId = config.MicrosoftAppTenantId;
  return out;
}
