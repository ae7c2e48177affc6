/**
 * Per-client-address limits for the open endpoints (GET /api/cost needs no credentials), on the
 * same sliding window the chat commands use, but in memory and per instance on purpose: it guards
 * this server's own CPU, costs no database write per anonymous request, and a client spread over N
 * instances gets N times the rate, which N servers can take. The address is the connection's own,
 * never a forwarded header a client could invent; an IPv6 client is counted by its /64, which one
 * host usually owns whole, so rotating addresses inside it does not buy more requests.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLocalRateLimiter, type LocalRateLimiter } from '../app/limits.js';
import { clientKey } from './client-key.js';
import { sendJson } from './http.js';

export { clientKey } from './client-key.js';

export interface ClientLimit {
  /** True when the request may go on; otherwise it has been answered 429 with Retry-After. */
  admit(req: IncomingMessage, res: ServerResponse): boolean;
}

export function createClientLimit(options: { perMinute: number; now?: () => number }): ClientLimit {
  const limiter: LocalRateLimiter = createLocalRateLimiter({
    limit: options.perMinute,
    windowMs: 60_000,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    admit(req, res) {
      const taken = limiter.take(clientKey(req.socket.remoteAddress));
      if (taken.ok) return true;
      const seconds = Math.max(1, Math.ceil(taken.retryInMs / 1000));
      res.setHeader('retry-after', String(seconds));
      sendJson(res, 429, {
        error: {
          code: 'rate_limited',
          message: `Too many requests from your address: try again in ${seconds} s.`,
        },
      });
      return false;
    },
  };
}
