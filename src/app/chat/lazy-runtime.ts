/**
 * A platform loaded on first use: its routes and prompt sender are in place from the start and
 * load the real runtime the first time a request or a prompt needs it. For a platform whose SDK is
 * heavy (botbuilder is about 50 MB resident), so a deployment that does not use it never loads it.
 * Its `start` does nothing: a platform loaded this way must need no start (a socket, a poll).
 */
import type { Route } from '../../server/http.js';
import type { PlatformRuntime } from './runtime.js';

export function lazyRuntime(
  shape: Pick<PlatformRuntime, 'platform' | 'status'> & { routes: readonly Omit<Route, 'handler'>[] },
  load: () => Promise<PlatformRuntime>,
): PlatformRuntime {
  let loaded: Promise<PlatformRuntime> | undefined;
  const real = () => {
    loaded ??= load();
    return loaded;
  };
  return {
    ...shape,
    routes: shape.routes.map((route) => ({
      ...route,
      handler: async (req, res, ctx) => {
        const found = (await real()).routes.find((r) => r.method === route.method && r.path === route.path);
        if (!found) throw new Error(`${shape.platform} has no route ${route.method} ${route.path}`);
        await found.handler(req, res, ctx);
      },
    })),
    sender: {
      send: async (target) =>
        (await real()).sender?.send(target) ?? { ok: false, error: `${shape.platform} cannot post` },
    },
    directSender: {
      send: async (target) =>
        (await real()).directSender?.send(target) ?? { ok: false, error: `${shape.platform} cannot send DMs` },
    },
    start: async () => {},
    stop: async () => {
      if (loaded) await (await loaded).stop();
    },
    drain: async (timeoutMs) => {
      if (loaded) await (await loaded).drain(timeoutMs);
    },
  };
}
