/**
 * A local HTTP server that plays Slack's side in end-to-end tests: the Web API (`/api/<method>`),
 * response URLs (`/response/<id>`) and the file upload URL. It records every call so tests assert
 * what a user would see; a test can override any method's answer (a 429, a 500, a user profile).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  readonly method: string;
  readonly body: Record<string, unknown>;
  readonly at: number;
  /** The request path, e.g. `/response/7`: tells one response URL from another. */
  readonly path: string;
}

export type Answer = { status?: number; headers?: Record<string, string>; body: unknown; delayMs?: number };
export type Override = (call: ApiCall, calls: readonly ApiCall[]) => Answer | undefined;

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c) => {
      data += c;
    });
    req.on('end', () => resolve(data));
  });

function parse(raw: string, type: string | undefined): Record<string, unknown> {
  if (type?.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

export interface FakeSlack {
  readonly url: string;
  readonly calls: ApiCall[];
  /** Profiles returned by users.info, by user id. */
  readonly users: Map<string, { tz?: string; is_admin?: boolean; is_bot?: boolean; name?: string; email?: string }>;
  /** Members by channel id, for conversations.members (a channel not here is one the bot cannot see). */
  readonly channels: Map<string, string[]>;
  override(method: string, fn: Override): void;
  waitFor(method: string, predicate?: (c: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
  called(method: string): ApiCall[];
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: ApiCall[] = [];
  const overrides = new Map<string, Override>();
  const users = new Map<string, { tz?: string; is_admin?: boolean; is_bot?: boolean; name?: string; email?: string }>();
  const channels = new Map<string, string[]>();
  let ts = 1_700_000_000;
  let server: Server | undefined;
  let url = '';
  const defaults = (call: ApiCall): unknown => {
    const b = call.body;
    switch (call.method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'tutor' };
      case 'chat.postMessage':
        ts += 1;
        return { ok: true, channel: b.channel, ts: `${ts}.000100`, message: { text: b.text } };
      case 'chat.update':
        return { ok: true, channel: b.channel, ts: b.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${++ts}.000200` };
      case 'users.info': {
        const id = String(b.user);
        const u = users.get(id) ?? {};
        return {
          ok: true,
          user: {
            id,
            name: u.name ?? id.toLowerCase(),
            tz: u.tz ?? 'Europe/Berlin',
            is_admin: u.is_admin ?? false,
            is_bot: u.is_bot ?? false,
            profile: { display_name: u.name ?? id, ...(u.email ? { email: u.email } : {}) },
          },
        };
      }
      case 'conversations.members': {
        const members = channels.get(String(b.channel));
        return members
          ? { ok: true, members, response_metadata: { next_cursor: '' } }
          : { ok: false, error: 'channel_not_found' };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(b.users).replace(/^U/, '')}` } };
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `${url}/upload/F1`, file_id: 'F1' };
      case 'files.completeUploadExternal':
        return { ok: true, files: [{ id: 'F1', title: 'report' }] };
      default:
        return { ok: true };
    }
  };
  server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const method = path.startsWith('/api/')
      ? path.slice(5)
      : path.startsWith('/response/')
        ? 'response_url'
        : path.startsWith('/upload/')
          ? 'upload'
          : path;
    const body = method === 'upload' ? { size: raw.length, content: raw } : parse(raw, req.headers['content-type']);
    const call: ApiCall = { method, body, at: Date.now(), path };
    calls.push(call);
    const answer = overrides.get(method)?.(call, calls) ?? {
      body: method === 'response_url' || method === 'upload' ? 'ok' : defaults(call),
    };
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    res.writeHead(answer.status ?? 200, {
      'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json',
      ...answer.headers,
    });
    res.end(text);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    users,
    channels,
    override: (method, fn) => overrides.set(method, fn),
    called: (method) => calls.filter((c) => c.method === method),
    async waitFor(method, predicate = () => true, timeoutMs = 5_000) {
      const started = Date.now();
      for (;;) {
        const found = calls.find((c) => c.method === method && predicate(c));
        if (found) return found;
        if (Date.now() - started > timeoutMs)
          throw new Error(`no ${method} call within ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(', ')}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () => new Promise<void>((resolve) => server?.close(() => resolve())),
  };
}
