/**
 * The bridge between our node:http server and botbuilder's `CloudAdapter.process`, which was made
 * for Express and Restify: it wants the JSON body already parsed on `req.body` and a response with
 * `status`, `header`, `send` and `end`. The router reads the body with a size limit (src/server/body.ts),
 * so a huge or endless upload is cut off before anything parses it; here it becomes an activity.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request as BotRequest, Response as BotResponse } from 'botbuilder';
import { sendJson } from '../server/http.js';

/** A body the router has already read (within its size limit) as one activity, or why it is not one (a 400). */
export function parseActivityBody(raw: Buffer | undefined): Record<string, unknown> | string {
  let body: unknown;
  try {
    body = JSON.parse((raw ?? Buffer.alloc(0)).toString('utf8'));
  } catch {
    return 'the body is not JSON';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return 'the body must be a JSON object (an activity)';
  // botbuilder throws on an activity without a type (a 500), and fails to serialize its reply when
  // channelId is not a string (found by the fuzz run): both are the sender's mistake.
  const { type, channelId } = body as { type?: unknown; channelId?: unknown };
  if (typeof type !== 'string' || type === '') return 'the activity has no type';
  if (channelId !== undefined && typeof channelId !== 'string') return 'the activity’s channelId must be a string';
  return body as Record<string, unknown>;
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
      // botbuilder's answer to an invoke this bot does not offer: the caller asked for something
      // that is not here, so a 4xx, not a server fault.
      else if (status === 501) sendJson(res, 400, { error: 'this bot does not handle that invoke' });
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
