/**
 * A body checked before an SDK that parses it itself sees it. Bolt reads `body.ssl_check` from
 * whatever JSON it parsed, in an async function nobody awaits: a signed `null` (or a form
 * `payload=null`) threw there and took the process down. Every payload is a JSON object, so
 * anything else is refused with a 400. The check mirrors how Bolt picks its parser (form only for
 * exactly `application/x-www-form-urlencoded`) and costs one look at the first character.
 */
import type { IncomingMessage } from 'node:http';
import { parse } from 'node:querystring';

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

/** Hands the body already read (within our limit) to Bolt, which then skips reading the stream itself. */
export function attachRawBody(req: IncomingMessage, body: Buffer): void {
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
}
