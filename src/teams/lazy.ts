/** Teams, loaded on first use (src/app/chat/lazy-runtime.ts): a Slack-only deployment never loads botbuilder. */
import type { ChatDeps } from '../app/chat/deps.js';
import { lazyRuntime } from '../app/chat/lazy-runtime.js';
import type { PlatformRuntime } from '../app/chat/runtime.js';
import type { Config } from '../config.js';
import { platformStatus } from '../platform-status.js';
// settings.ts imports nothing from botbuilder, so this leaves it unloaded.
import { MAX_ACTIVITY_BYTES, MESSAGES_PATH, REPORTS_PATH } from './settings.js';

export const lazyTeams = (config: Config, deps: ChatDeps): PlatformRuntime =>
  lazyRuntime(
    {
      platform: 'teams',
      status: platformStatus.teams(config),
      routes: [
        { method: 'POST', path: MESSAGES_PATH, maxBodyBytes: MAX_ACTIVITY_BYTES },
        { method: 'GET', path: `${REPORTS_PATH}/*` },
      ],
    },
    () => import('./app.js').then((m) => m.createTeams(config, deps)),
  );
