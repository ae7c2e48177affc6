import { estimate } from '../core/cost/index.js';
import { probeWrite } from '../store/health.js';
import type { Sql } from '../store/sql/index.js';
import type { ClientLimit } from './client-limit.js';
import { type Route, sendJson } from './http.js';

/**
 * `GET /healthz`: the process is up and the database can be written. 503 names the fault
 * (`read-only`, `disk full`, `locked`, `corrupt`, `io`, `unavailable`) so a probe or an admin knows what to fix;
 * no path or message, which could say more than a public endpoint should.
 */
export function healthRoute(sql: Sql, details: () => Record<string, unknown>): Route {
  return {
    method: 'GET',
    path: '/healthz',
    handler: async (_req, res) => {
      const fault = await probeWrite(sql);
      if (fault) sendJson(res, 503, { status: 'unavailable', reason: 'database', detail: fault });
      else sendJson(res, 200, { status: 'ok', ...details() });
    },
  };
}

/**
 * `GET /api/cost?q=…`: the cost engine's breakdown as JSON; 400 with the engine's message for bad
 * input; 429 with Retry-After past the per-address limit (the endpoint needs no credentials).
 */
export function costRoute(limit?: ClientLimit): Route {
  return {
    method: 'GET',
    path: '/api/cost',
    handler: (req, res, { url }) => {
      if (limit && !limit.admit(req, res)) return;
      const q = url.searchParams.get('q');
      if (q === null) {
        sendJson(res, 400, {
          error: {
            code: 'missing_query',
            message: 'Add the scenario as ?q=, e.g. /api/cost?q=1M%20queries/day%20at%20$0.01',
          },
        });
        return;
      }
      const result = estimate(q);
      sendJson(res, result.ok ? 200 : 400, result.ok ? result.breakdown : { error: result.error });
    },
  };
}
