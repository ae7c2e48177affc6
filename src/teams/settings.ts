/** Teams' settings as the runtime and its lazy stand-in (lazy.ts) both need them, without loading botbuilder. */
import type { Config } from '../config.js';

export const MESSAGES_PATH = '/api/messages';
/** Where short-lived CSV links point. */
export const REPORTS_PATH = '/api/reports';
/** Teams activities are a few KB; a card submit with every input stays far below this. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

/** botbuilder's settings, passing only what is set (its own schema rejects empty values). */
export const authSettings = (config: Config): Record<string, string> =>
  Object.fromEntries(
    (['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId'] as const).flatMap((key) =>
      config[key] ? [[key, String(config[key])]] : [],
    ),
  );
