/**
 * One Chat Completions call with structured output, turned into a value: a validated reply, or the
 * reason it failed. Nothing here throws; the explainer decides what a failure means for the member.
 */
import type OpenAI from 'openai';
import { z } from 'zod';
import type { Usage } from './budget.js';
import { MAX_COMPLETION_TOKENS, RESPONSE_FORMAT, type Reply, replySchema } from './prompt.js';

export type CallResult =
  | { readonly ok: true; readonly reply: Reply; readonly usage?: Usage }
  | {
      readonly ok: false;
      readonly reason: 'timeout' | 'error' | 'malformed';
      /** True when the API answered (so the call is billed), even if the answer was unusable. */
      readonly billed: boolean;
      readonly usage?: Usage;
      /** For the log: an HTTP status or a short cause, never the sentence or the key. */
      readonly detail: string;
    };

const count = z.number().int().nonnegative();
/** Only what we read from a completion; a compatible server may send more, or less. */
const completionSchema = z.object({
  choices: z
    .array(
      z.object({
        finish_reason: z.string().nullish(),
        message: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }),
      }),
    )
    .min(1),
  usage: z
    .object({
      prompt_tokens: count,
      completion_tokens: count,
      prompt_tokens_details: z.object({ cached_tokens: count.nullish() }).nullish(),
    })
    .nullish(),
});

/** Reasoning models take an effort; others reject the parameter, so it is sent only to them. */
const isReasoningModel = (model: string) => /^(?:[a-z-]+[/:])?(?:o\d|gpt-5)(?!.*chat)/i.test(model);

/** The first call's promise, kept unless it fails: a failed load is tried again on the next call. */
function keptUnlessFailed<T>(make: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= make().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

/** The SDK is loaded with the first explanation: a server that never calls a model stays ~11 MB smaller. */
const loadSdk = keptUnlessFailed(() => import('openai'));

/** A client made on first use (see loadSdk). */
export type ModelClient = () => Promise<OpenAI>;

export function createClient(options: { apiKey: string; baseUrl?: string; timeoutMs: number }): ModelClient {
  return keptUnlessFailed(async () => {
    const { default: OpenAI } = await loadSdk();
    return new OpenAI({
      apiKey: options.apiKey,
      ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
      timeout: options.timeoutMs,
      // A retry would double the wait past what a chat member tolerates; the glossary answers instead.
      maxRetries: 0,
    });
  });
}

export async function callModel(
  modelClient: ModelClient,
  request: { model: string; messages: OpenAI.Chat.ChatCompletionMessageParam[]; timeoutMs: number },
): Promise<CallResult> {
  let loaded: [OpenAI, typeof import('openai')];
  try {
    loaded = await Promise.all([modelClient(), loadSdk()]);
  } catch (e) {
    return { ok: false, reason: 'error', billed: false, detail: `client did not load: ${(e as Error)?.name}` };
  }
  const [client, { APIConnectionTimeoutError, APIError }] = loaded;
  // The client's timeout stops waiting for headers; this one also bounds a body that trickles in.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  let raw: unknown;
  try {
    raw = await client.chat.completions.create(
      {
        model: request.model,
        messages: request.messages,
        response_format: RESPONSE_FORMAT,
        max_completion_tokens: MAX_COMPLETION_TOKENS,
        ...(isReasoningModel(request.model) ? { reasoning_effort: 'low' as const } : {}),
      },
      { signal: controller.signal, timeout: request.timeoutMs, maxRetries: 0 },
    );
  } catch (e) {
    const timeout = timedOut || e instanceof APIConnectionTimeoutError;
    const detail = e instanceof APIError && e.status !== undefined ? `HTTP ${e.status}` : (e as Error)?.name;
    return { ok: false, reason: timeout ? 'timeout' : 'error', billed: false, detail: String(detail) };
  } finally {
    clearTimeout(timer);
  }
  const completion = completionSchema.safeParse(raw);
  if (!completion.success) return { ok: false, reason: 'malformed', billed: true, detail: 'not a chat completion' };
  const usage = completion.data.usage ?? undefined;
  const malformed = (detail: string): CallResult => ({
    ok: false,
    reason: 'malformed',
    billed: true,
    detail,
    ...(usage ? { usage } : {}),
  });
  const choice = completion.data.choices[0];
  if (!choice || choice.message.refusal) return malformed('refusal');
  // Cut off at the token ceiling: the JSON is incomplete even if it happens to parse.
  if (choice.finish_reason && choice.finish_reason !== 'stop')
    return malformed(`finish_reason ${choice.finish_reason}`);
  let json: unknown;
  try {
    json = JSON.parse(choice.message.content ?? '');
  } catch {
    return malformed('not JSON');
  }
  const reply = replySchema.safeParse(json);
  if (!reply.success) return malformed('schema');
  return { ok: true, reply: reply.data, ...(usage ? { usage } : {}) };
}
