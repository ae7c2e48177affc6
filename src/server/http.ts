/**
 * One process, one port: a small router on node:http in front of every surface (Slack's receiver,
 * Teams' adapter, the cost API, health). Each request gets an id for the logs; failures inside a
 * handler become a 500 with no stack trace for the caller.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from './log.js';

export type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  ctx: { requestId: string; url: URL },
) => void | Promise<void>;

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Exact path, or a prefix ending in `*` (e.g. `/slack/*`). */
  readonly path: string;
  readonly handler: Handler;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

const matches = (route: Route, method: string, path: string) =>
  route.method === method &&
  (route.path.endsWith('*') ? path.startsWith(route.path.slice(0, -1)) : route.path === path);

/** Larger bodies are refused before anyone reads them: no chat payload we serve comes near this. */
export const MAX_BODY_BYTES = 1024 * 1024;

export function createHttpServer(routes: readonly Route[], log: Logger, maxBodyBytes = MAX_BODY_BYTES): Server {
  return createServer(async (req, res) => {
    const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID();
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.setHeader('x-request-id', requestId);
    res.on('finish', () =>
      log.info('http.request', {
        requestId,
        method: req.method,
        path: url.pathname,
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
      }),
    );
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBodyBytes) {
      log.warn('http.body_too_large', { requestId, path: url.pathname, bytes: declared });
      res.setHeader('connection', 'close');
      sendJson(res, 413, { error: 'request body too large' });
      req.resume();
      return;
    }
    const route = routes.find((r) => matches(r, req.method ?? 'GET', url.pathname));
    if (!route) {
      const known = routes.some((r) =>
        matches({ ...r, method: req.method as Route['method'] }, req.method ?? '', url.pathname),
      );
      sendJson(res, known ? 405 : 404, { error: known ? 'method not allowed' : 'not found' });
      return;
    }
    try {
      await route.handler(req, res, { requestId, url });
    } catch (error) {
      log.error('http.handler_failed', { requestId, path: url.pathname, error });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error', requestId });
      else res.end();
    }
  });
}
