/**
 * Short-lived download links: a random token, valid for a few minutes, served by our own server.
 * For a surface that cannot simply drop a file into a chat (Teams without extra permissions). A
 * link is made only after the caller's own checks (e.g. the manager check); its content is made
 * when it is downloaded. Tokens live in memory: a restart invalidates them.
 */
import { randomBytes } from 'node:crypto';
import type { Route } from './http.js';

export const DOWNLOAD_TTL_MS = 10 * 60_000;
/** Bounds memory if something asks for links in a loop; the oldest go first. */
const MAX_LINKS = 1_000;

export interface Download {
  /** The file name offered to the browser. */
  readonly name: string;
  readonly type: string;
  readonly body: string;
}

export interface Downloads {
  /** A fresh URL under `baseUrl` for what `content` makes when the link is opened. */
  link(baseUrl: string, content: () => Promise<Download>): string;
  readonly route: Route;
  clear(): void;
}

/** `path` is the route's folder (e.g. `/api/reports`), `suffix` the links' extension (e.g. `.csv`). */
export function createDownloads(options: {
  path: string;
  suffix: string;
  now: () => number;
  ttlMs?: number;
}): Downloads {
  const { path, suffix, now } = options;
  const ttl = options.ttlMs ?? DOWNLOAD_TTL_MS;
  const pattern = new RegExp(`^${path}/([A-Za-z0-9_-]{43})${suffix.replace('.', '\\.')}$`);
  const links = new Map<string, { content: () => Promise<Download>; expires: number }>();
  const prune = () => {
    for (const [token, link] of links) if (link.expires <= now()) links.delete(token);
    while (links.size >= MAX_LINKS) {
      const oldest = links.keys().next().value;
      if (oldest === undefined) break;
      links.delete(oldest);
    }
  };
  return {
    link(baseUrl, content) {
      prune();
      const token = randomBytes(32).toString('base64url');
      links.set(token, { content, expires: now() + ttl });
      return `${baseUrl}${path}/${token}${suffix}`;
    },
    route: {
      method: 'GET',
      path: `${path}/*`,
      handler: async (_req, res, { url }) => {
        const token = pattern.exec(url.pathname)?.[1];
        const link = token ? links.get(token) : undefined;
        if (!link || link.expires <= now()) {
          res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
          res.end('This link has expired or never existed. Ask the tutor again for a fresh one.\n');
          return;
        }
        const file = await link.content();
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
    clear: () => links.clear(),
  };
}
