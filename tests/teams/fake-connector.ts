/**
 * A local HTTP server that plays the Bot Connector service in end-to-end tests: the `serviceUrl`
 * of every activity the tests post points here, so the bot's replies, card updates and proactive
 * sends arrive as recorded calls. A test can override any answer (a 429 with Retry-After, a 403).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type CallKind = 'send' | 'reply' | 'update' | 'member' | 'roster' | 'other';

export interface ConnectorCall {
  readonly kind: CallKind;
  readonly method: string;
  readonly conversationId: string;
  /** replyToId (reply), activityId (update) or userId (member). */
  readonly id?: string;
  readonly body: Record<string, unknown>;
  readonly headers: IncomingMessage['headers'];
  readonly at: number;
  /** The activity id the connector answered with (sends and replies): what a later submit's replyToId is. */
  responseId?: string;
}

export type Answer = { status?: number; headers?: Record<string, string>; body?: unknown };
export type Override = (call: ConnectorCall, calls: readonly ConnectorCall[]) => Answer | undefined;

export interface Member {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
  readonly email?: string;
}

export interface FakeConnector {
  readonly url: string;
  readonly calls: ConnectorCall[];
  /** Profiles answered by GET …/members/{userId}, by user id; all of them by GET …/pagedmembers. */
  readonly members: Map<string, Member>;
  override(kind: CallKind, fn: Override): void;
  waitFor(predicate: (c: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  /** Calls that carry an activity (send, reply, update). */
  activities(): ConnectorCall[];
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c) => {
      data += c;
    });
    req.on('end', () => resolve(data));
  });

function classify(method: string, path: string): { kind: CallKind; conversationId: string; id?: string } {
  // The Agents Playground's connector lives under /_connector: a serviceUrl ending so is answered too.
  const m =
    /^(?:\/_connector)?\/v3\/conversations\/([^/]+)(?:\/(activities|members|pagedmembers)(?:\/([^/]+))?)?$/.exec(path);
  if (!m) return { kind: 'other', conversationId: '' };
  const conversationId = decodeURIComponent(m[1] ?? '');
  const id = m[3] === undefined ? undefined : decodeURIComponent(m[3]);
  if (m[2] === 'members' && method === 'GET' && id) return { kind: 'member', conversationId, id };
  if (m[2] === 'pagedmembers' && method === 'GET') return { kind: 'roster', conversationId };
  if (m[2] === 'activities' && method === 'POST')
    return id ? { kind: 'reply', conversationId, id } : { kind: 'send', conversationId };
  if (m[2] === 'activities' && method === 'PUT' && id) return { kind: 'update', conversationId, id };
  return { kind: 'other', conversationId };
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const overrides = new Map<CallKind, Override>();
  const members = new Map<string, Member>();
  let sequence = 0;
  const defaults = (call: ConnectorCall): Answer => {
    switch (call.kind) {
      case 'send':
      case 'reply':
        return { body: { id: `activity-${++sequence}` } };
      case 'update':
        return { body: { id: call.id } };
      case 'member': {
        const m = members.get(call.id ?? '');
        return m
          ? { body: { ...m, givenName: m.name, userPrincipalName: m.email, tenantId: 'tenant-1' } }
          : { status: 404, body: { error: { code: 'MemberNotFoundInConversation', message: 'not found' } } };
      }
      case 'roster':
        // Every member in one page (a team's roster, for a channel).
        return { body: { members: [...members.values()].map((m) => ({ ...m, userPrincipalName: m.email })) } };
      default:
        return { status: 404, body: { error: { code: 'NotFound', message: 'not a connector route' } } };
    }
  };
  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const method = req.method ?? 'GET';
    const where = classify(method, path);
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      body = { raw };
    }
    const call: ConnectorCall = { ...where, method, body, headers: req.headers, at: Date.now() };
    calls.push(call);
    const answer = overrides.get(call.kind)?.(call, calls) ?? defaults(call);
    const answeredId = (answer.body as { id?: unknown } | undefined)?.id;
    if ((answer.status ?? 200) < 300 && typeof answeredId === 'string') call.responseId = answeredId;
    const text = JSON.stringify(answer.body ?? {});
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    calls,
    members,
    override: (kind, fn) => overrides.set(kind, fn),
    activities: () => calls.filter((c) => c.kind === 'send' || c.kind === 'reply' || c.kind === 'update'),
    async waitFor(predicate, timeoutMs = 5_000) {
      const started = Date.now();
      for (;;) {
        const found = calls.find(predicate);
        if (found) return found;
        if (Date.now() - started > timeoutMs)
          throw new Error(
            `no matching connector call within ${timeoutMs} ms; calls: ${calls.map((c) => c.kind).join(', ')}`,
          );
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
