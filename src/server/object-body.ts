/**
 * A body checked before an SDK that parses it itself sees it. Bolt reads `body.ssl_check` from
 * whatever JSON it parsed, in an async function nobody awaits: a signed `null` (or a form
 * `payload=null`) threw there and took the process down. Every payload is a JSON object, so
 * anything else is refused with a 400. The check mirrors how Bolt picks its parser (form only for
 * exactly `application/x-www-form-urlencoded`) and costs one look at the first character.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse } from 'node:querystring';
import { type Route, sendJson } from './http.js';
import type { Logger } from './log.js';

/** JSON's own whitespace, which may precede the opening brace. */
const LEADING_SPACE = /^[ \t\n\r]*/;

const isJsonObjectText = (text: string) => text.replace(LEADING_SPACE, '').startsWith('{');

/** True when Bolt would parse this body into an object (what every Slack payload is). */
export function isObjectBody(req: IncomingMessage, body: Buffer): boolean {
  const text = body.toString();
  if (req.headers['content-type'] !== 'application/x-www-form-urlencoded') return isJsonObjectText(text);
  const { payload } = parse(text);
  // No `payload` field: a slash command or ssl_check, which Bolt takes as the form's fields (an object).
  return typeof payload !== 'string' || isJsonObjectText(payload);
}

/**
 * Routes for an SDK's request listener under `prefix` (e.g. `/slack/*`): a POST body has been read
 * within the server's limit, is refused unless an object, and is handed over ready-made as
 * `rawBody` (Bolt then skips reading the stream itself); a GET (an OAuth page) goes straight on.
 */
export function objectBodyRoutes(
  prefix: string,
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  log: Logger,
): Route[] {
  const post: Route['handler'] = (req, res, { body }) => {
    const raw = body ?? Buffer.alloc(0);
    if (!isObjectBody(req, raw)) {
      log.warn('server.payload_refused', { path: prefix, reason: 'not a JSON object' });
      return sendJson(res, 400, { error: 'the body must be a payload (a JSON object)' });
    }
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
    listener(req, res);
  };
  return [
    { method: 'POST', path: prefix, handler: post },
    { method: 'GET', path: prefix, handler: (req, res) => listener(req, res) },
  ];
}
