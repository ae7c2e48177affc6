/**
 * Short-lived download links: a random token, valid for a few minutes, served by our own server.
 * For a surface that cannot simply drop a file into a chat (Teams without extra permissions). A
 * link is made only after the caller's own checks (e.g. the manager check). The database keeps
 * the token's hash and a description of the file (`{ kind, workspaceId }`); the file is made from
 * it, by the resolver the route was created with, when the link is opened. So any instance serves
 * a link another made, and a restart keeps it working.
 */
import { randomBytes } from 'node:crypto';
import type { DownloadLink, Store } from '../store/index.js';
import type { Route } from './http.js';

export const DOWNLOAD_TTL_MS = 10 * 60_000;

export interface Download {
  /** The file name offered to the browser. */
  readonly name: string;
  readonly type: string;
  readonly body: string;
}

/** What a link makes: serialisable, so it can wait in the database. */
export type DownloadRequest = DownloadLink;

/** Makes the file a request describes; undefined for a kind this build does not know (a link from a newer release). */
export type DownloadResolver = (request: DownloadRequest) => Promise<Download | undefined>;

export interface Downloads {
  /** A fresh URL under `baseUrl` for the file `request` describes. */
  link(baseUrl: string, request: DownloadRequest): Promise<string>;
  readonly route: Route;
}

const GONE = 'This link has expired or never existed. Ask the tutor again for a fresh one.\n';

/** `path` is the route's folder (e.g. `/api/reports`), `suffix` the links' extension (e.g. `.csv`). */
export function createDownloads(options: {
  path: string;
  suffix: string;
  store: Pick<Store, 'downloads'>;
  resolve: DownloadResolver;
  now: () => number;
  ttlMs?: number;
}): Downloads {
  const { path, suffix, store, resolve, now } = options;
  const ttl = options.ttlMs ?? DOWNLOAD_TTL_MS;
  const pattern = new RegExp(`^${path}/([A-Za-z0-9_-]{43})${suffix.replace('.', '\\.')}$`);
  return {
    async link(baseUrl, request) {
      const token = randomBytes(32).toString('base64url');
      const createdAt = now();
      await store.downloads.put(token, request, { createdAt, expiresAt: createdAt + ttl });
      return `${baseUrl}${path}/${token}${suffix}`;
    },
    route: {
      method: 'GET',
      path: `${path}/*`,
      handler: async (_req, res, { url }) => {
        const token = pattern.exec(url.pathname)?.[1];
        const request = token ? await store.downloads.get(token, now()) : undefined;
        const file = request && (await resolve(request));
        if (!file) {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
          res.end(GONE);
          return;
        }
        res.writeHead(200, {
          'content-type': `${file.type}; charset=utf-8`,
          'content-disposition': `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
        });
        res.end(file.body);
      },
    },
  };
}
