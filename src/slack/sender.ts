import type { InstallationStore } from '@slack/bolt';
import { ErrorCode, WebClient } from '@slack/web-api';
import { schedulerSenders } from '../app/chat/senders.js';
import type { Tutor } from '../app/tutor.js';
import type { Config } from '../config.js';
import type { SendOutcome } from '../scheduler/index.js';
import type { Store } from '../store/index.js';
import { dmChannel } from './conversation.js';
import { installationQueryOf } from './installation-store.js';
import { cardToMessage } from './render/blocks.js';

/** Errors no retry can fix: the channel is gone or the bot cannot post there. */
const PERMANENT = new Set(
  'channel_not_found not_in_channel is_archived account_inactive invalid_auth token_revoked restricted_action cannot_dm_bot user_not_found'.split(
    ' ',
  ),
);
const PROMPT_EVENT = 'tutor_daily_prompt';
const DM_EVENT = 'tutor_personal';

/**
 * Whether the channel already has this delivery's post (a previous worker sent it, then died before
 * recording it). If the history cannot be read, we post: a rare repeat beats a missed lesson.
 */
async function alreadyPosted(client: WebClient, channel: string, delivery: string, event = PROMPT_EVENT) {
  const oldest = String(Math.floor(Date.now() / 1000) - 2 * 86_400);
  const history = await client.conversations
    .history({ channel, oldest, limit: 100, include_all_metadata: true })
    .catch(() => undefined);
  return (history?.messages ?? []).some(
    (m) =>
      m.metadata?.event_type === event &&
      (m.metadata.event_payload as { delivery?: string } | undefined)?.delivery === delivery,
  );
}

/** A failed call as the scheduler's outcome: wait out a 429, give up on what no retry fixes. */
function outcomeOf(error: unknown): SendOutcome {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string }; message?: string };
  if (e.code === ErrorCode.RateLimitedError)
    return { ok: false, retryAfterMs: (e.retryAfter ?? 1) * 1000, error: 'rate limited' };
  const code = e.data?.error;
  if (code && PERMANENT.has(code)) return { ok: false, permanent: true, error: code };
  return { ok: false, error: code ?? e.message ?? 'unknown error' };
}

/**
 * Posts for the scheduler, with the one workspace's token or the workspace's installation (an
 * org-wide one for an Enterprise Grid workspace): daily prompts to channels, personal lessons by DM.
 * Its client neither retries nor waits out rate limits: the scheduler paces, honours Retry-After and
 * retries, so a slow channel never holds a claim past its lease.
 */
export function slackSenders(config: Config, store: Store, tutor: Tutor, installations?: InstallationStore) {
  const clients = new Map<string, WebClient>();
  const options = {
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
  };
  const clientFor = async (workspaceId: string): Promise<WebClient | undefined> => {
    const token =
      config.SLACK_BOT_TOKEN ??
      (await installations?.fetchInstallation(await installationQueryOf(store, workspaceId)).catch(() => undefined))
        ?.bot?.token;
    if (!token) return undefined;
    const client = clients.get(token) ?? new WebClient(token, options);
    clients.set(token, client);
    return client;
  };
  return schedulerSenders(tutor, async (to, card): Promise<SendOutcome> => {
    const client = await clientFor(to.workspaceId);
    if (!client) return { ok: false, permanent: true, error: `no Slack token for ${to.workspaceId}` };
    const event = to.kind === 'place' ? PROMPT_EVENT : DM_EVENT;
    try {
      // Only a take-over looks; for a member it opens the DM for its history (a call rarely made).
      if (to.mayHaveBeenSent) {
        const looked = to.kind === 'place' ? to.id : await dmChannel(client, to.id).catch(() => to.id);
        if (await alreadyPosted(client, looked, to.delivery, event)) return { ok: true };
      }
      // A member's user id as the channel posts to their DM with the app: one call per lesson. The
      // tag lets a worker that takes over after a crash see that it went out.
      const metadata = { event_type: event, event_payload: { delivery: to.delivery } };
      await client.chat.postMessage({ channel: to.id, ...cardToMessage(card), metadata });
      return { ok: true };
    } catch (error) {
      return outcomeOf(error);
    }
  });
}
