/**
 * One process, one port: a small router on node:http in front of every surface (Slack's receiver,
 * Teams' adapter, the cost API, health). Each request gets an id for the logs; failures inside a
 * handler become a 500 with no stack trace for the caller. Nothing a client sends can take the
 * process down: the request target is parsed inside the error handling (400 when unreadable),
 * bodies are read here with a limit on the bytes actually received, and the server's timeouts and
 * connection cap stop slow or piled-up connections from holding it (docs/security.md).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readBody } from './body.js';
import { clientKey } from './client-key.js';
import type { Logger } from './log.js';

export interface RequestContext {
  readonly requestId: string;
  readonly url: URL;
  /** The whole body, already read within the limit (POST and PUT only). */
  readonly body?: Buffer;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, ctx: RequestContext) => void | Promise<void>;

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Exact path, or a prefix ending in `*` (e.g. `/slack/*`). */
  readonly path: string;
  readonly handler: Handler;
  /** A smaller body limit than the server's (Teams activities are a few KB). */
  readonly maxBodyBytes?: number;
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

/** Larger bodies are refused as they arrive: no chat payload we serve comes near this. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface ServerLimits {
  readonly maxBodyBytes: number;
  /** The whole header block must arrive within this (a slow trickle is cut off with a 408). */
  readonly headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this. */
  readonly requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this. */
  readonly keepAliveTimeoutMs: number;
  /** Connections past this are refused at accept, so a flood cannot exhaust file descriptors. */
  readonly maxConnections: number;
  /**
   * Open connections one client address (an IPv6 /64) may hold, so one client cannot take every
   * slot above. Behind a reverse proxy every client shares the proxy's address: its pool stays far
   * below this.
   */
  readonly maxConnectionsPerAddress: number;
  /** How often node checks the two timeouts above (its default, 30 s, would let them overrun). */
  readonly checkIntervalMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxBodyBytes: MAX_BODY_BYTES,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_024,
  maxConnectionsPerAddress: 256,
  checkIntervalMs: 1_000,
};

/** A caller's request id is echoed only when it is a plain token; anything else gets a fresh one. */
const REQUEST_ID = /^[\w.:-]{1,64}$/;

function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** The request target as a URL, or undefined when it cannot be read (`http://[/`, `//[x]/`, `http://%zz/`). */
function parseTarget(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

/** How much of a refused upload is read and thrown away, in body limits, before the connection is cut. */
const DISCARD_FACTOR = 8;

/**
 * Reads and drops the rest of a refused upload. Closing at once would make the kernel reset the
 * connection while the client is still sending, and the client would never see the 413; past
 * `cap` bytes (or the request timeout) the connection is cut anyway. Nothing is kept.
 */
function discardRest(req: IncomingMessage, cap: number): void {
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > cap) req.socket.destroy();
  });
  req.resume();
}

export function createHttpServer(
  routes: readonly Route[],
  log: Logger,
  limits: Partial<ServerLimits> | number = {},
): Server {
  const l: ServerLimits = { ...DEFAULT_LIMITS, ...(typeof limits === 'number' ? { maxBodyBytes: limits } : limits) };

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const started = performance.now();
    const url = parseTarget(req.url);
    res.setHeader('x-request-id', requestId);
    res.on('finish', () =>
      log.info('http.request', {
        requestId,
        method: req.method,
        path: url ? url.pathname.slice(0, 200) : '(unreadable target)',
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
      }),
    );
    if (!url) {
      sendJson(res, 400, { error: 'bad request target' });
      return;
    }
    const method = req.method ?? 'GET';
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > l.maxBodyBytes) {
      log.warn('http.body_too_large', { requestId, path: url.pathname, bytes: declared });
      discardRest(req, l.maxBodyBytes * DISCARD_FACTOR);
      sendJson(res, 413, { error: 'request body too large' });
      return;
    }
    const route = routes.find((r) => matches(r, method, url.pathname));
    if (!route) {
      const known = routes.some((r) => matches({ ...r, method: method as Route['method'] }, method, url.pathname));
      discardRest(req, l.maxBodyBytes);
      sendJson(res, known ? 405 : 404, { error: known ? 'method not allowed' : 'not found' });
      return;
    }
    let body: Buffer | undefined;
    if (method === 'POST' || method === 'PUT') {
      const read = await readBody(req, Math.min(route.maxBodyBytes ?? l.maxBodyBytes, l.maxBodyBytes));
      if (!read.ok) {
        if (read.status === 413) log.warn('http.body_too_large', { requestId, path: url.pathname });
        discardRest(req, l.maxBodyBytes * DISCARD_FACTOR);
        sendJson(res, read.status, { error: read.error });
        return;
      }
      body = read.body;
    }
    await route.handler(req, res, { requestId, url, ...(body ? { body } : {}) });
  }

  const server = createServer(
    {
      requestTimeout: l.requestTimeoutMs,
      headersTimeout: l.headersTimeoutMs,
      connectionsCheckingInterval: l.checkIntervalMs,
    },
    (req, res) => {
      const requestId = requestIdOf(req);
      handle(req, res, requestId).catch((error: unknown) => {
        log.error('http.handler_failed', { requestId, error });
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error', requestId });
        else res.end();
      });
    },
  );
  server.keepAliveTimeout = l.keepAliveTimeoutMs;
  server.maxConnections = l.maxConnections;
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const key = clientKey(socket.remoteAddress);
    const count = (open.get(key) ?? 0) + 1;
    if (count > l.maxConnectionsPerAddress) {
      log.warn('http.too_many_connections', { limit: l.maxConnectionsPerAddress });
      socket.destroy();
      return;
    }
    open.set(key, count);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
  });
  // A malformed request line or header block is answered 400 and closed, never thrown.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE')
      log.debug('http.client_error', { code: error.code ?? 'unknown' });
    if (!socket.writable) return socket.destroy();
    const status =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? '408 Request Timeout'
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? '431 Request Header Fields Too Large'
          : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });
  return server;
}
