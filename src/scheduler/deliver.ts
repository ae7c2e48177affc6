/**
 * One (schedule, day): claim, send through the pacer, retry, and record the result in the ledger.
 * The claim is taken inside the pacer slot, right before the send, so a long queue cannot outlive
 * its leases; each retry takes a fresh claim, so the ledger's `attempts` counts sends.
 */
import type { Logger } from '../server/log.js';
import type { Store } from '../store/index.js';
import type { DueDelivery } from './due.js';
import type { Pacer } from './rate-limit.js';
import { errorText, isSettled, PERMANENT_PREFIX, type PromptSender, type SendOutcome } from './types.js';

export type DeliverResult = 'sent' | 'failed' | 'deferred' | 'skipped';

export interface DeliverContext {
  store: Store;
  sender: PromptSender;
  pacer: Pacer;
  log: Logger;
  workerId: string;
  now: () => number;
  random: () => number;
  /** Sleeps, returning early on shutdown. */
  pause: (ms: number) => Promise<unknown>;
  stopping: () => boolean;
  leaseMs: number;
  maxAttempts: number;
  retriesPerTick: number;
  backoffMs: number;
  maxBackoffMs: number;
  /** Retry times handed to later ticks, per `${scheduleId}:${day}` (a hint; the ledger is the truth). */
  notBefore: Map<string, number>;
}

type Attempt = { kind: 'lost' } | { kind: 'done'; attempt: number; outcome: SendOutcome; claimedAt: number };

const RETRY_AFTER_JITTER_MS = 250;

export async function deliver(ctx: DeliverContext, { schedule, localDay: day }: DueDelivery): Promise<DeliverResult> {
  const { store, log, workerId, now, leaseMs, maxAttempts } = ctx;
  const { deliveries } = store;
  const id = schedule.id;
  const ledgerKey = `${id}:${day}`;
  // Slack paces per channel and workspace, Teams per conversation.
  const key = `${schedule.platform}:${schedule.workspaceId}:${schedule.target}`;
  const fields = { scheduleId: id, workspaceId: schedule.workspaceId, target: schedule.target, localDay: day };

  // Cheap checks before queueing for the pacer; the claim below is what decides.
  const before = await deliveries.get(id, day);
  const t0 = now();
  if ((ctx.notBefore.get(ledgerKey) ?? 0) > t0) return 'skipped';
  if (before && (isSettled(before, maxAttempts) || (before.status === 'claimed' && before.claimedAt > t0 - leaseMs))) {
    return 'skipped';
  }

  let held = false;
  let lastError = '';
  const release = async (waitMs: number) => {
    await deliveries.markFailed(id, day, lastError, now(), workerId);
    ctx.notBefore.set(ledgerKey, now() + waitMs);
  };

  const attemptOnce = async (): Promise<Attempt> => {
    // Not started yet: a shutdown, or an `off` since the tick began, means it is not ours to send.
    if (!held && (ctx.stopping() || !(await store.schedules.get(id))?.active)) return { kind: 'lost' };
    const claimedAt = now();
    const won = held
      ? await store.transaction(
          async () =>
            (await deliveries.markFailed(id, day, lastError, claimedAt, workerId)) &&
            (await deliveries.claim(id, day, workerId, claimedAt, leaseMs)),
        )
      : await deliveries.claim(id, day, workerId, claimedAt, leaseMs);
    if (!won) return { kind: 'lost' }; // another worker has it (or took over our expired lease)
    const attempt = (await deliveries.get(id, day))?.attempts ?? 1;
    if (attempt > maxAttempts) {
      // A crashed worker used up the last attempt; whether it sent is unknown, so we stop here.
      const error = `no result after ${maxAttempts} attempts (the last worker stopped mid-send)`;
      return { kind: 'done', attempt, claimedAt, outcome: { ok: false, error } };
    }
    const mayHaveBeenSent = !held && before?.status === 'claimed';
    const target = {
      ...fields,
      platform: schedule.platform,
      sequence: await deliveries.countSent(id),
      mayHaveBeenSent,
    };
    try {
      return { kind: 'done', attempt, claimedAt, outcome: await ctx.sender.send(target) };
    } catch (cause) {
      return { kind: 'done', attempt, claimedAt, outcome: { ok: false, error: errorText(cause) } };
    }
  };

  for (let inTick = 0; ; inTick++) {
    const result = await ctx.pacer.run(key, attemptOnce);
    if (result.kind === 'lost') return 'skipped';
    held = true;
    const { attempt, outcome } = result;
    if (outcome.ok) {
      ctx.notBefore.delete(ledgerKey);
      if (!(await deliveries.markSent(id, day, now()))) log.warn('daily.already_sent', fields);
      if (now() - result.claimedAt > leaseMs) log.warn('daily.sent_after_lease', { ...fields, attempt });
      log.info('daily.sent', { ...fields, attempt });
      return 'sent';
    }
    lastError = outcome.error;
    if (outcome.permanent || attempt >= maxAttempts) {
      const error = outcome.permanent ? `${PERMANENT_PREFIX}${outcome.error}` : outcome.error;
      await deliveries.markFailed(id, day, error, now(), workerId);
      log.error('daily.failed', { ...fields, attempt, permanent: outcome.permanent === true, error });
      return 'failed';
    }
    const retryAfter = outcome.retryAfterMs;
    // A 429 throttles the whole channel, not just this message.
    if (retryAfter !== undefined) ctx.pacer.holdOff(key, now() + retryAfter);
    const waitMs = Math.round(
      retryAfter !== undefined
        ? Math.max(0, retryAfter) + ctx.random() * RETRY_AFTER_JITTER_MS
        : Math.min(ctx.maxBackoffMs, ctx.backoffMs * 2 ** (attempt - 1)) * (0.5 + ctx.random() / 2),
    );
    // After a few retries, or before a wait that could outlast the lease, the ledger keeps it for later.
    if (inTick >= ctx.retriesPerTick || waitMs > leaseMs / 2 || ctx.stopping()) {
      await release(waitMs);
      log.warn('daily.deferred', { ...fields, attempt, retryInMs: waitMs, error: lastError });
      return 'deferred';
    }
    log.warn('daily.retry', { ...fields, attempt, waitMs, error: lastError });
    await ctx.pause(waitMs);
    if (ctx.stopping()) {
      await release(0); // shutting down: the next process retries it
      return 'deferred';
    }
  }
}
