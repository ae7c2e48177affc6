/**
 * Teams, loaded on first use. botbuilder is the heaviest part of the process (about 50 MB resident),
 * so a deployment that only uses Slack never loads it: the routes and the daily-prompt sender are
 * in place from the start and import the real runtime the first time Teams is needed.
 */
import type { ChatDeps } from '../app/chat/deps.js';
import type { PlatformRuntime } from '../app/chat/runtime.js';
import type { Config } from '../config.js';
import type { Route } from '../server/http.js';
// http.ts and settings.ts import only types from botbuilder, so this leaves botbuilder unloaded.
import { MAX_ACTIVITY_BYTES } from './http.js';
import { MESSAGES_PATH, REPORTS_PATH, teamsStatus } from './settings.js';

export function lazyTeams(config: Config, deps: ChatDeps): PlatformRuntime {
  let loaded: Promise<PlatformRuntime> | undefined;
  const load = () => {
    loaded ??= import('./app.js').then((m) => m.createTeams(config, deps));
    return loaded;
  };
  const route = (method: Route['method'], path: string, maxBodyBytes?: number): Route => ({
    method,
    path,
    ...(maxBodyBytes ? { maxBodyBytes } : {}),
    handler: async (req, res, ctx) => {
      const real = (await load()).routes.find((r) => r.method === method && r.path === path);
      if (!real) throw new Error(`Teams has no route ${method} ${path}`);
      await real.handler(req, res, ctx);
    },
  });
  return {
    platform: 'teams',
    routes: [route('POST', MESSAGES_PATH, MAX_ACTIVITY_BYTES), route('GET', `${REPORTS_PATH}/*`)],
    sender: {
      send: async (target) => {
        const sender = (await load()).sender;
        return sender ? sender.send(target) : { ok: false, error: 'Teams cannot post' };
      },
    },
    status: teamsStatus(config),
    start: async () => {},
    stop: async () => {
      if (loaded) await (await loaded).stop();
    },
    drain: async (timeoutMs) => {
      if (loaded) await (await loaded).drain(timeoutMs);
    },
  };
}
