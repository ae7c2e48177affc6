/**
 * Posts daily prompts to Teams conversations for the scheduler, through the conversation
 * reference stored when the bot last heard from that conversation.
 */
import type { BotAdapter } from 'botbuilder';
import type { ChatDeps } from '../app/chat/deps.js';
import { type PlaceAddress, personalChats, referenceOf } from '../app/places.js';
import type { DirectSender, PromptSender, SendOutcome, SendTarget } from '../scheduler/index.js';
import { retryAfterMs } from '../server/retry-after.js';
import type { Card } from '../views/card.js';
import { cardActivity } from './present.js';
import { sendProactively } from './proactive.js';
import { replaceRetries } from './retry.js';

/** Teams asks bots to retry these with backoff: throttled, a precondition race, a gateway hiccup. */
const RETRY = new Set([412, 429, 500, 502, 503, 504]);
/** The bot was removed from the team or chat, or the conversation is gone: no retry helps. */
export const PERMANENT = new Set([403, 404]);
/** One send gives up well inside the scheduler's lease (2 minutes). */
export const SEND_TIMEOUT_MS = 15_000;

interface HttpError {
  statusCode?: number;
  code?: string;
  response?: { status?: number; headers?: { get?(name: string): string | undefined } };
}

export const statusOf = (error: unknown): number | undefined => {
  const e = (error ?? {}) as HttpError;
  return e.statusCode ?? e.response?.status;
};

/** A failed send as the scheduler's outcome: retry later (when Teams says), or never. */
export function outcomeOf(error: unknown): SendOutcome {
  const e = (error ?? {}) as HttpError;
  const status = statusOf(error);
  const code = typeof e.code === 'string' ? ` ${e.code.slice(0, 60)}` : '';
  if (status === undefined) return { ok: false, error: `send failed${code || `: ${String(error).slice(0, 120)}`}` };
  const text = `HTTP ${status}${code}`;
  if (PERMANENT.has(status)) return { ok: false, permanent: true, error: text };
  const wait = RETRY.has(status) ? retryAfterMs(e.response?.headers?.get?.('retry-after')) : undefined;
  return wait === undefined ? { ok: false, error: text } : { ok: false, retryAfterMs: wait, error: text };
}

const NO_REFERENCE = 'no stored conversation reference (say something to the bot there)';

/** No personal chat stored: the app is not installed for the member, so Teams lets no bot write to them. */
export const NOT_INSTALLED = 'the app is not installed for this member (personal scope)';

/** Daily prompts to stored conversations, and personal lessons to members' personal chats. */
export function teamsSenders(
  adapter: BotAdapter,
  deps: Pick<ChatDeps, 'store' | 'tutor' | 'log' | 'now'> & { appId: string },
) {
  const send = async (reference: PlaceAddress, card: Card): Promise<SendOutcome> => {
    try {
      await sendProactively(adapter, deps.appId, reference, cardActivity(card), (ctx) => {
        // The client would retry 429s and 5xx by itself, waiting out any Retry-After: inside a claim
        // that could outlast the lease and let a second worker send the same prompt. The scheduler
        // retries instead (with backoff, jitter and the ledger); the client only gets a timeout.
        const replaced = replaceRetries(ctx, {
          name: 'tutorSendTimeout',
          sendRequest: (request, next) => {
            request.timeout = SEND_TIMEOUT_MS;
            return next(request);
          },
        });
        if (!replaced) deps.log.warn('teams.sender_pipeline_missing', { message: 'the client retries by itself' });
      });
      return { ok: true };
    } catch (error) {
      return outcomeOf(error);
    }
  };
  const prompts: PromptSender = {
    send: async (target: SendTarget) => {
      const reference = referenceOf(deps.store, target.target);
      if (!reference) return { ok: false, permanent: true, error: NO_REFERENCE };
      return send(reference, deps.tutor.dailyPrompt(target.sequence));
    },
  };
  // Teams keeps no history a bot may read, so a take-over cannot look: a rare repeat beats a miss.
  const chatOf = personalChats(deps.store, deps.now);
  const direct: DirectSender = {
    send: async (target) => {
      const reference = chatOf(target.workspaceId, target.externalId);
      return reference ? send(reference, target.card) : { ok: false, permanent: true, error: NOT_INSTALLED };
    },
  };
  return { prompts, direct };
}
