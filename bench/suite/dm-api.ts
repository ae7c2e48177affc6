/**
 * A local stand-in for Slack's Web API as personal DMs use it, and a tiny HTTP client for it.
 *
 * The server enforces Slack's per-conversation limit for chat.postMessage (one message per second
 * per channel; a DM is its channel), a workspace-wide limit (Slack publishes no figure: the bench
 * sets one and paces to it), and answers a seeded share of calls 429 with `Retry-After`. It keeps
 * what it accepted and answers conversations.history with it, tagged as the sender tagged it.
 *
 * `slackDmSender` is the server's own Slack DirectSender (src/slack/sender.ts, Slack's WebClient)
 * pointed at it; `httpDmSender` is a tiny HTTP client doing the same, kept for comparison.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Tutor } from '../../src/app/tutor.js';
import { readConfig } from '../../src/config.js';
import type { DirectSender, DirectTarget, SendOutcome } from '../../src/scheduler/types.js';
import { slackSenders } from '../../src/slack/sender.js';
import type { Store } from '../../src/store/index.js';
import { seeded } from './fake-api.js';

export interface DmApiOptions {
  /** Share of posts answered 429 at random (0…1). */
  limitedShare: number;
  /** Minimum gap between accepted posts to one channel. */
  perChannelMs: number;
  /** Workspace-wide: at most `count` posts per second on average, `burst` back to back. */
  workspace?: { count: number; burst: number };
  retryAfterS: number;
  seed?: number;
  /** Answer an accepted post only after this long (it is kept at once): a kill then lands mid-send. */
  delayMs?: number;
}

export interface DmApi {
  readonly url: string;
  /** Accepted posts per channel (member). */
  readonly accepted: Map<string, number>;
  readonly limited: { random: number; perChannel: number; workspace: number };
  /** Every post call, 429s included. */
  calls: number;
  /** conversations.history calls: a sender looking for a DM that may already be there. */
  lookups: number;
  /** When each post call arrived (ms, performance clock), for a timeline. */
  readonly arrivals: number[];
  /** First post call and last accepted post (ms, performance clock). */
  readonly span: { first: number; last: number };
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });

export async function startDmApi(options: DmApiOptions): Promise<DmApi> {
  const random = seeded(options.seed ?? 7);
  const accepted = new Map<string, number>();
  const lastPost = new Map<string, number>();
  const history = new Map<string, string[]>();
  const limited = { random: 0, perChannel: 0, workspace: 0 };
  const span = { first: Number.NaN, last: Number.NaN };
  const ws = options.workspace;
  const spacing = ws ? 1000 / ws.count : 0;
  let tat = 0; // the workspace limit as a cell-rate check, like the runner's gate
  const api: DmApi = { url: '', accepted, limited, calls: 0, lookups: 0, arrivals: [], span, close: async () => {} };

  const post = (channel: string, delivery: string | undefined, at: number): { status: number; body: unknown } => {
    api.calls++;
    api.arrivals.push(at);
    if (Number.isNaN(span.first)) span.first = at;
    const reject = (kind: keyof typeof limited) => {
      limited[kind]++;
      return { status: 429, body: { ok: false, error: 'ratelimited' } };
    };
    if (at - (lastPost.get(channel) ?? Number.NEGATIVE_INFINITY) < options.perChannelMs) return reject('perChannel');
    if (ws) {
      const next = Math.max(tat, at);
      if (next - at > (ws.burst - 1) * spacing) return reject('workspace');
      tat = next + spacing;
    }
    if (random() < options.limitedShare) return reject('random');
    lastPost.set(channel, at);
    accepted.set(channel, (accepted.get(channel) ?? 0) + 1);
    if (delivery) history.set(channel, [...(history.get(channel) ?? []), delivery]);
    span.last = at;
    return { status: 200, body: { ok: true, channel, ts: `${Math.floor(at)}.000100` } };
  };

  const server: Server = createServer(async (req, res) => {
    const method = (req.url ?? '/').replace(/^\/api\//, '').split('?')[0];
    const raw = await readBody(req);
    const at = performance.timeOrigin + performance.now();
    let body: { channel?: string; metadata?: { event_payload?: { delivery?: string } } } = {};
    try {
      // Slack's WebClient sends a form, its nested fields as JSON; the tiny client sends JSON.
      body = String(req.headers['content-type']).includes('urlencoded')
        ? Object.fromEntries(
            [...new URLSearchParams(raw)].map(([k, v]) => [k, k === 'metadata' ? JSON.parse(v) : v] as const),
          )
        : JSON.parse(raw || '{}');
    } catch {
      // an unreadable body is answered as Slack does: invalid_json
    }
    const channel = body.channel ?? '';
    if (method === 'conversations.history') api.lookups++;
    const answer =
      method === 'chat.postMessage'
        ? post(channel, body.metadata?.event_payload?.delivery, at)
        : method === 'conversations.history'
          ? {
              status: 200,
              body: {
                ok: true,
                messages: (history.get(channel) ?? []).map((delivery) => ({
                  metadata: { event_type: 'tutor_personal', event_payload: { delivery } },
                })),
              },
            }
          : { status: 404, body: { ok: false, error: 'unknown_method' } };
    if (options.delayMs && answer.status === 200) await new Promise((r) => setTimeout(r, options.delayMs));
    const text = JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...(answer.status === 429 ? { 'retry-after': String(options.retryAfterS) } : {}),
    });
    res.end(text);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  (api as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return api;
}

async function call(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
}

/** The bench's DirectSender: chat.postMessage to the member's id, tagged with the delivery key. */
export function httpDmSender(baseUrl: string): DirectSender {
  return {
    async send(target: DirectTarget): Promise<SendOutcome> {
      try {
        if (target.mayHaveBeenSent) {
          const res = await call(`${baseUrl}/api/conversations.history`, { channel: target.externalId });
          const found = res.ok
            ? (
                (await res.json()) as { messages?: { metadata?: { event_payload?: { delivery?: string } } }[] }
              ).messages?.some((m) => m.metadata?.event_payload?.delivery === target.deliveryKey)
            : false;
          if (found) return { ok: true };
        }
        const res = await call(`${baseUrl}/api/chat.postMessage`, {
          channel: target.externalId,
          text: target.card.summary,
          blocks: target.card.blocks,
          metadata: { event_type: 'tutor_personal', event_payload: { delivery: target.deliveryKey } },
        });
        if (res.status === 429) {
          await res.body?.cancel();
          return { ok: false, retryAfterMs: Number(res.headers.get('retry-after') ?? 1) * 1000, error: 'ratelimited' };
        }
        const data = (await res.json()) as { ok?: boolean; error?: string };
        return data.ok ? { ok: true } : { ok: false, error: data.error ?? `HTTP ${res.status}` };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

/** The server's Slack DirectSender (WebClient, no retries of its own) with its Web API at `baseUrl`. */
export function slackDmSender(baseUrl: string, store: Store, tutor: Tutor): DirectSender {
  const config = readConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench-signing-secret',
    SLACK_API_URL: `${baseUrl}/api/`,
    LOG_LEVEL: 'error',
  });
  return slackSenders(config, store, tutor).direct;
}
