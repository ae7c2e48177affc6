/**
 * Posts for the scheduler through stored conversation references: daily prompts to the conversation
 * they were set up in, personal lessons to the member's personal chat with the bot.
 */
import type { BotAdapter } from 'botbuilder';
import type { ChatDeps } from '../app/chat/deps.js';
import { schedulerSenders } from '../app/chat/senders.js';
import { personalChats, referenceOf } from '../app/places.js';
import { outcomeOf } from '../scheduler/http-outcome.js';
import type { SendOutcome } from '../scheduler/index.js';
import { cardActivity } from './present.js';
import { sendProactively } from './proactive.js';
import { replaceRetries } from './retry.js';

/** One send gives up well inside the scheduler's lease (2 minutes). */
export const SEND_TIMEOUT_MS = 15_000;

const NO_REFERENCE = 'no stored conversation reference (say something to the bot there)';

/** No personal chat stored: the app is not installed for the member, so Teams lets no bot write to them. */
export const NOT_INSTALLED = 'the app is not installed for this member (personal scope)';

/** Daily prompts to stored conversations, and personal lessons to members' personal chats. */
export function teamsSenders(
  adapter: BotAdapter,
  deps: Pick<ChatDeps, 'store' | 'tutor' | 'log' | 'now'> & { appId: string },
) {
  const chatOf = personalChats(deps.store, deps.now);
  // Teams keeps no history a bot may read, so a take-over cannot look: a rare repeat beats a miss.
  return schedulerSenders(deps.tutor, async (to, card): Promise<SendOutcome> => {
    const reference = to.kind === 'place' ? await referenceOf(deps.store, to.id) : await chatOf(to.workspaceId, to.id);
    if (!reference) return { ok: false, permanent: true, error: to.kind === 'place' ? NO_REFERENCE : NOT_INSTALLED };
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
  });
}
