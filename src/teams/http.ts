/**
 * The bridge between our node:http server and botbuilder's `CloudAdapter.process`, which was made
 * for Express and Restify: it wants the JSON body already parsed on `req.body` and a response with
 * `status`, `header`, `send` and `end`. The body is read here, with a size limit, so a huge or
 * endless upload is cut off before anything parses it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { Request as BotRequest, Response as BotResponse } from 'botbuilder';
import { sendJson } from '../server/http.js';

/** Teams activities are a few KB; a card submit with every input stays far below this. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

export type BodyResult =
  | { readonly ok: true; readonly body: Record<string, unknown> }
  | { readonly ok: false; readonly status: 400 | 413; readonly error: string };

const tooLarge = { ok: false, status: 413, error: 'activity too large' } as const;

/** Reads and parses a JSON object body of at most `limit` bytes. */
export function readJsonBody(req: IncomingMessage, limit = MAX_ACTIVITY_BYTES): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    // Drain rather than destroy, so the client still receives the 413.
    req.resume();
    return Promise.resolve(tooLarge);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult) => {
      if (done) return;
      done = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        finish(tooLarge);
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => finish({ ok: false, status: 400, error: 'request aborted' }));
    req.on('end', () => {
      try {
        const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (typeof body === 'object' && body !== null && !Array.isArray(body))
          finish({ ok: true, body: body as Record<string, unknown> });
        else finish({ ok: false, status: 400, error: 'the body must be a JSON object (an activity)' });
      } catch {
        finish({ ok: false, status: 400, error: 'the body is not JSON' });
      }
    });
  });
}

export function botRequest(req: IncomingMessage, body: Record<string, unknown>): BotRequest {
  return { body, headers: req.headers, method: req.method ?? 'POST' };
}

/**
 * A response object CloudAdapter can drive. It answers with its own short message for errors:
 * the adapter would otherwise send an exception's message (internal detail) to the caller.
 */
export function botResponse(res: ServerResponse): BotResponse {
  let status = 200;
  let body: unknown;
  const shim: BotResponse = {
    socket: res.socket,
    status(code: unknown) {
      if (typeof code === 'number') status = code;
      return shim;
    },
    header(name: unknown, value: unknown) {
      if (typeof name === 'string' && !res.headersSent) res.setHeader(name, String(value));
      return shim;
    },
    send(value: unknown) {
      body = value;
      return shim;
    },
    end() {
      if (res.writableEnded || res.headersSent) return shim;
      if (status === 401) sendJson(res, 401, { error: 'unauthorized' });
      else if (status >= 500) sendJson(res, status, { error: 'internal error' });
      else if (body === undefined || body === null || body === '') {
        res.writeHead(status);
        res.end();
      } else if (typeof body === 'string') {
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(body);
      } else sendJson(res, status, body);
      return shim;
    },
  };
  return shim;
}

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.replace(/^::ffff:/, '');
  return plain === '::1' || (isIP(plain) === 4 && plain.startsWith('127.'));
}

/** A service URL on this machine (the Emulator's or the Agents Playground's mock connector). */
export function isLocalServiceUrl(serviceUrl: unknown): boolean {
  if (typeof serviceUrl !== 'string') return false;
  try {
    const host = new URL(serviceUrl).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || isLoopbackAddress(host);
  } catch {
    return false;
  }
}

const HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/**
 * The address Teams used to reach this server, for links back to it (the CSV download). A tunnel
 * or proxy in front (dev tunnels, ngrok, App Service) names the public host in X-Forwarded-Host.
 */
export function publicBaseUrl(req: IncomingMessage): string {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim();
  const forwarded = first(req.headers['x-forwarded-host']);
  const host = forwarded && HOST.test(forwarded) ? forwarded : first(req.headers.host);
  const safeHost = host && HOST.test(host) ? host : 'localhost';
  const proto = first(req.headers['x-forwarded-proto']);
  const local = /^(localhost|127\.[\d.]+|\[::1\])(:\d+)?$/.test(safeHost);
  const scheme = proto === 'http' || proto === 'https' ? proto : local ? 'http' : 'https';
  return `${scheme}://${safeHost}`;
}
