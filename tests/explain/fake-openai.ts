/**
 * A local HTTP server that plays the OpenAI API for the real `openai` client: it records every
 * request and answers from a queue of scripted replies (the last one repeats).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: {
    model?: string;
    messages?: { role: string; content: string }[];
    response_format?: {
      type: string;
      json_schema?: { name: string; strict: boolean; schema: Record<string, unknown> };
    };
    max_completion_tokens?: number;
    reasoning_effort?: string;
    [k: string]: unknown;
  };
}

export type Reply =
  | { readonly status: number; readonly json: unknown; readonly delayMs?: number }
  /** Headers at once, then a body that never finishes (a stalled stream). */
  | { readonly stall: true };

export interface FakeOpenAI {
  readonly baseUrl: string;
  readonly requests: Recorded[];
  /** Replies for the next requests, in order; the last one repeats. */
  reply(...replies: Reply[]): void;
  close(): Promise<void>;
}

export const usage = (prompt = 1_000, completion = 200) => ({
  prompt_tokens: prompt,
  completion_tokens: completion,
  total_tokens: prompt + completion,
});

/** A chat completion whose message content is `content` (a string, or an object sent as JSON). */
export function completion(
  content: unknown,
  extra: { finish_reason?: string; refusal?: string; usage?: unknown } = {},
) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-5.4-mini',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: typeof content === 'string' ? content : JSON.stringify(content),
          refusal: extra.refusal ?? null,
        },
        finish_reason: extra.finish_reason ?? 'stop',
        logprobs: null,
      },
    ],
    usage: extra.usage === undefined ? usage() : extra.usage,
  };
}

export const apiError = (status: number, message: string) => ({
  status,
  json: { error: { message, type: status === 429 ? 'rate_limit_exceeded' : 'server_error', code: null } },
});

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const requests: Recorded[] = [];
  let queue: Reply[] = [{ status: 500, json: { error: { message: 'no reply scripted' } } }];
  const timers = new Set<NodeJS.Timeout>();

  const send = (res: ServerResponse, reply: Reply) => {
    if ('stall' in reply) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":"chatcmpl-stalled",');
      return;
    }
    const go = () => {
      if (res.destroyed) return;
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.json));
    };
    if (!reply.delayMs) return go();
    const t = setTimeout(() => {
      timers.delete(t);
      go();
    }, reply.delayMs);
    timers.add(t);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: text ? JSON.parse(text) : {},
      });
      const reply = queue.length > 1 ? (queue.shift() as Reply) : (queue[0] as Reply);
      send(res, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    reply: (...replies) => {
      queue = replies;
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
