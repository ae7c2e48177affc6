/**
 * A lean local Slack Web API for benchmarks (the test suite's FakeSlack keeps every call, which
 * would grow without bound under load). It counts calls, parses a body only for the methods that
 * need it, and can play Slack's rate limits: one message per second per channel, and a share of
 * calls answered 429 with `Retry-After` (drawn from a seeded generator, so runs are comparable).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeApiOptions {
  /** Share of chat.postMessage calls answered 429 (0…1). */
  limitedShare?: number;
  /** Minimum gap between accepted posts to one channel; a post sooner gets a 429. */
  perChannelMs?: number;
  retryAfterS?: number;
  seed?: number;
  /** Sees each call as it arrives (after the answer is decided). */
  onCall?: (method: string, fields: URLSearchParams, at: number, accepted: boolean) => void;
}

export interface FakeApi {
  readonly url: string;
  readonly port: number;
  /** Calls per method (429s included). */
  readonly counts: Map<string, number>;
  /** 429s given: drawn at random, or for a post sooner than the channel's limit allows. */
  readonly limited: { random: number; perChannel: number };
  /** Accepted chat.postMessage calls per channel. */
  readonly posts: Map<string, number>;
  /** 429s given per channel. */
  readonly rejected: Map<string, number>;
  close(): Promise<void>;
}

/** mulberry32: a tiny seeded PRNG. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });

const parseOr = (text: string, fallback: unknown): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
};

/** Form fields of a Web API call, or the top-level fields of a JSON body (response URLs), as strings. */
function parseFields(raw: string, type: string | undefined): URLSearchParams {
  if (!type?.includes('json')) return new URLSearchParams(raw);
  const fields = new URLSearchParams();
  // A body we cannot read is recorded as empty: the benchmark that needs it will say so.
  const parsed = parseOr(raw || '{}', {});
  const body = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries(body)) fields.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  return fields;
}

const NEEDS_BODY = new Set([
  'response_url',
  'chat.postMessage',
  'chat.update',
  'users.info',
  'conversations.history',
  'conversations.open',
]);

export async function startFakeApi(options: FakeApiOptions = {}): Promise<FakeApi> {
  const random = seeded(options.seed ?? 7);
  const counts = new Map<string, number>();
  const limited = { random: 0, perChannel: 0 };
  const posts = new Map<string, number>();
  const rejected = new Map<string, number>();
  const lastPost = new Map<string, number>();
  /** Metadata of accepted posts per channel, for conversations.history (the scheduler's takeover check). */
  const history = new Map<string, unknown[]>();
  let ts = 1_700_000_000;

  const answer = (method: string, f: URLSearchParams, at: number): { status: number; body: unknown } => {
    const channel = f.get('channel') ?? '';
    switch (method) {
      case 'chat.postMessage': {
        const early =
          options.perChannelMs !== undefined && at - (lastPost.get(channel) ?? -Infinity) < options.perChannelMs;
        const unlucky = (options.limitedShare ?? 0) > 0 && random() < (options.limitedShare ?? 0);
        if (early || unlucky) {
          if (early) limited.perChannel++;
          else limited.random++;
          rejected.set(channel, (rejected.get(channel) ?? 0) + 1);
          return { status: 429, body: { ok: false, error: 'ratelimited' } };
        }
        lastPost.set(channel, at);
        posts.set(channel, (posts.get(channel) ?? 0) + 1);
        const metadata = f.get('metadata');
        if (metadata) history.set(channel, [...(history.get(channel) ?? []), { metadata: parseOr(metadata, {}) }]);
        return { status: 200, body: { ok: true, channel, ts: `${++ts}.000100` } };
      }
      case 'chat.update':
        return { status: 200, body: { ok: true, channel, ts: f.get('ts') } };
      case 'auth.test':
        return { status: 200, body: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'tutor' } };
      case 'users.info': {
        const id = f.get('user') ?? 'U0';
        const profile = { display_name: id };
        return { status: 200, body: { ok: true, user: { id, name: id.toLowerCase(), tz: 'UTC', profile } } };
      }
      case 'conversations.history':
        return { status: 200, body: { ok: true, messages: history.get(channel) ?? [] } };
      case 'conversations.open':
        return { status: 200, body: { ok: true, channel: { id: `D${f.get('users') ?? ''}` } } };
      default:
        return { status: 200, body: { ok: true } };
    }
  };

  const server: Server = createServer(async (req, res) => {
    const path = req.url ?? '/';
    const method = path.startsWith('/api/') ? (path.slice(5).split('?')[0] ?? '') : 'response_url';
    const raw = await readBody(req);
    const at = performance.timeOrigin + performance.now();
    const fields = NEEDS_BODY.has(method) ? parseFields(raw, req.headers['content-type']) : new URLSearchParams();
    counts.set(method, (counts.get(method) ?? 0) + 1);
    const { status, body } = answer(method, fields, at);
    options.onCall?.(method, fields, at, status === 200);
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...(status === 429 ? { 'retry-after': String(options.retryAfterS ?? 1) } : {}),
    });
    res.end(text);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    counts,
    limited,
    posts,
    rejected,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
