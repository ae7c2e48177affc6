/**
 * Teams, loaded on first use. botbuilder is the heaviest part of the process (about 50 MB resident),
 * so a deployment that only uses Slack never loads it: the routes and the daily-prompt sender are
 * in place from the start and import the real runtime the first time Teams is needed.
 */
import type { Config } from '../config.js';
import type { PromptSender } from '../scheduler/index.js';
import type { Route } from '../server/http.js';
import type { TeamsRuntime } from './app.js';
import type { TeamsDeps } from './context.js';
// teams/http.ts imports only types from botbuilder, so this leaves botbuilder unloaded.
import { MAX_ACTIVITY_BYTES } from './http.js';

export function lazyTeams(config: Config, deps: TeamsDeps): TeamsRuntime {
  let loaded: Promise<TeamsRuntime> | undefined;
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
  const sender: PromptSender = { send: async (target) => (await load()).sender.send(target) };
  return {
    authenticated: Boolean(config.MicrosoftAppId),
    routes: [route('POST', '/api/messages', MAX_ACTIVITY_BYTES), route('GET', '/api/reports/*')],
    sender,
    stop: async () => {
      if (loaded) await (await loaded).stop();
    },
  };
}
