/**
 * The team report as a CSV download for Teams, where a bot cannot simply drop a file into a chat
 * without extra permissions: a manager gets a link with a random token, valid for ten minutes,
 * served by our own server at `GET /api/reports/<token>.csv`. Tokens are created only after the
 * manager check and live in memory (a restart invalidates them; asking for the report makes a new one).
 */
import { randomBytes } from 'node:crypto';
import { teamReportCsv } from '../app/reports.js';
import type { Catalog } from '../core/content/catalog.js';
import type { Route } from '../server/http.js';
import type { Store } from '../store/index.js';

export const CSV_LINK_TTL_MS = 10 * 60_000;
/** Bounds memory if something asks for links in a loop; the oldest go first. */
const MAX_LINKS = 1_000;
const PATH = /^\/api\/reports\/([A-Za-z0-9_-]{43})\.csv$/;

export interface CsvLinks {
  /** A fresh download URL for the workspace's report, under `baseUrl`. */
  create(workspaceId: string, baseUrl: string): string;
  readonly route: Route;
  clear(): void;
}

export function createCsvLinks(deps: { store: Store; catalog: Catalog; now: () => number }): CsvLinks {
  const links = new Map<string, { workspaceId: string; expires: number }>();
  const prune = () => {
    const now = deps.now();
    for (const [token, link] of links) if (link.expires <= now) links.delete(token);
    while (links.size >= MAX_LINKS) {
      const oldest = links.keys().next().value;
      if (oldest === undefined) break;
      links.delete(oldest);
    }
  };
  const notFound = (res: Parameters<Route['handler']>[1]) => {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end('This report link has expired or never existed. Ask the tutor for the report again.\n');
  };
  return {
    create(workspaceId, baseUrl) {
      prune();
      const token = randomBytes(32).toString('base64url');
      links.set(token, { workspaceId, expires: deps.now() + CSV_LINK_TTL_MS });
      return `${baseUrl}/api/reports/${token}.csv`;
    },
    route: {
      method: 'GET',
      path: '/api/reports/*',
      handler: (_req, res, { url }) => {
        const token = PATH.exec(url.pathname)?.[1];
        const link = token ? links.get(token) : undefined;
        if (!link || link.expires <= deps.now()) return notFound(res);
        const now = deps.now();
        const csv = teamReportCsv(deps.store, deps.catalog, link.workspaceId, now);
        const day = new Date(now).toISOString().slice(0, 10);
        res.writeHead(200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="team-report-${day}.csv"`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
        });
        res.end(csv);
      },
    },
    clear: () => links.clear(),
  };
}
