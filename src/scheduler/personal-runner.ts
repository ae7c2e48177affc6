/**
 * The personal fan-out runner: each tick finds the members whose daily lesson (or reminder) is due,
 * claims each (member, local day, kind) in the ledger, and sends it by DM through a DirectSender,
 * paced per conversation and per workspace (personal-limits.ts), retried on 429 after the server's
 * Retry-After. Claims are taken in batches just ahead of the sends (one transaction per batch, so
 * 10,000 due at one instant cost a few hundred commits, and no lease runs out in a queue); results
 * are recorded in group commits. Platform calls never run inside a transaction.
 */
import type { Logger } from '../server/log.js';
import type { PersonalKey, RunnableSchedule, Store } from '../store/index.js';
import type { Card } from '../views/card.js';
import { dueLesson, dueReminder, ledgerDays, REMINDER_AFTER_MS, zoneToAdopt } from './personal-due.js';
import { DM_LIMITS, type SendLimits } from './personal-limits.js';
import { createRateGate, type RateGate } from './rate-gate.js';
import { createPacer, type Pacer, realSleep } from './rate-limit.js';
import {
  type DirectSender,
  errorText,
  PERMANENT_PREFIX,
  type PersonalComposer,
  type PersonalTickResult,
  type SendOutcome,
} from './types.js';

export interface PersonalRunnerOptions {
  store: Store;
  sender: DirectSender;
  composer: PersonalComposer;
  log: Logger;
  /** Names this process in the ledger's claims (unique per process, e.g. host:pid). */
  workerId: string;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). */
  random?: () => number;
  tickMs?: number;
  /** How long a claim is exclusive; after it a crashed worker's delivery is claimable again. */
  leaseMs?: number;
  /** Claims per delivery over all ticks and processes before it fails for good. */
  maxAttempts?: number;
  /** Retries of one delivery inside a tick; after them it waits for a later tick. */
  retriesPerTick?: number;
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Per platform; default DM_LIMITS. */
  limits?: Partial<Record<RunnableSchedule['platform'], SendLimits>>;
  /** Sends in flight at once over all members. */
  concurrency?: number;
  /** Claims per transaction. */
  batchSize?: number;
}

export interface PersonalRunner {
  /** One pass: send everything due now. Overlapping calls share the pass in flight. */
  tick(): Promise<PersonalTickResult>;
  start(): void;
  /** Stops ticking, lets the sends in flight finish, and releases claims not yet sent. */
  stop(): Promise<void>;
}

interface Item {
  schedule: RunnableSchedule;
  key: PersonalKey;
  dueAt: number;
  /** For a reminder: what that day's lesson DM was. */
  lesson?: unknown;
}

interface Claimed extends Item {
  /** When our lease was last taken or renewed. */
  leasedAt: number;
  card: Card;
  content: unknown;
  mayHaveBeenSent: boolean;
  attempts: number;
}

type Result = 'sent' | 'failed' | 'deferred' | 'skipped';

const RETRY_AFTER_JITTER_MS = 250;
const STOPPED = 'stopped before sending';
const LOST = 'the claim was lost';
const keyText = (k: PersonalKey) => `${k.memberId}:${k.localDay}:${k.kind}`;

export function createPersonalRunner(options: PersonalRunnerOptions): PersonalRunner {
  const { store, log, workerId, composer, sender } = options;
  const clock = options.now ?? Date.now;
  const now = () => Math.floor(clock()); // the ledger's columns are whole milliseconds
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const tickMs = options.tickMs ?? 30_000;
  const leaseMs = options.leaseMs ?? 120_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const retriesPerTick = options.retriesPerTick ?? 3;
  const backoffMs = options.backoffMs ?? 1_000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const concurrency = options.concurrency ?? 64;
  const batchSize = options.batchSize ?? 100;
  const limits = { ...DM_LIMITS, ...options.limits };

  let stopping = false;
  let wake = () => {};
  let woken = new Promise<void>((resolve) => {
    wake = resolve;
  });
  const pause = (ms: number) => Promise.race([sleep(ms), woken]);

  const pacers = new Map<string, Pacer>();
  const gates = new Map<string, RateGate>();
  const pacerFor = (platform: RunnableSchedule['platform']): Pacer => {
    let p = pacers.get(platform);
    if (!p) {
      p = createPacer({ ...limits[platform].perConversation, concurrency, now, sleep });
      pacers.set(platform, p);
    }
    return p;
  };
  const gateFor = (platform: RunnableSchedule['platform']): RateGate => {
    let g = gates.get(platform);
    if (!g) {
      g = createRateGate({ ...limits[platform].perWorkspace, now, sleep });
      gates.set(platform, g);
    }
    return g;
  };
  /** Retry times handed to later ticks (a hint; the ledger is the truth). */
  const notBefore = new Map<string, number>();

  // Results are written in group commits: every result that arrived in one turn of the event loop
  // goes in one transaction. A crash before the commit leaves the claim, which a later worker takes
  // over with mayHaveBeenSent, so the sender looks before sending again.
  let pendingSent: { item: Claimed; at: number }[] = [];
  let flushing: Promise<void> | undefined;
  const flushSent = async (): Promise<void> => {
    const batch = pendingSent;
    pendingSent = [];
    flushing = undefined;
    if (batch.length === 0) return;
    try {
      await store.transaction(async () => {
        for (const { item, at } of batch) {
          if (!(await store.personalDeliveries.markSent(item.key, at))) {
            log.warn('personal.already_sent', { ...item.key });
            continue;
          }
          await composer.sent(item.schedule, item.content, at);
          if (item.schedule.unreachable !== null)
            await store.personalSchedules.markUnreachable(item.key.memberId, null);
        }
      });
    } catch (cause) {
      // The DMs went out; their claims run out and a later worker checks before sending again.
      log.error('personal.record_failed', { count: batch.length, error: errorText(cause) });
    }
  };
  const recordSent = (item: Claimed): Promise<void> => {
    pendingSent.push({ item, at: now() });
    flushing ??= new Promise((resolve) =>
      setImmediate(() => {
        void flushSent().then(resolve);
      }),
    );
    return flushing;
  };

  async function candidates(t: number): Promise<{ items: Item[]; due: number; adopted: number }> {
    let schedules = await store.personalSchedules.runnable();
    const moves = schedules.flatMap((s) => {
      const zone = zoneToAdopt(s, s.memberTimeZone);
      return zone ? [{ s, zone }] : [];
    });
    if (moves.length > 0) {
      await store.transaction(async () => {
        for (const { s, zone } of moves) await store.personalSchedules.adoptZone(s.memberId, zone);
      });
      for (const { s, zone } of moves)
        log.info('personal.zone_adopted', { memberId: s.memberId, from: s.timeZone, to: zone });
      const moved = new Map(moves.map(({ s, zone }) => [s.memberId, zone]));
      schedules = schedules.map((s) => {
        const zone = moved.get(s.memberId);
        return zone ? { ...s, timeZone: zone, zoneSince: t } : s;
      });
    }
    const bySchedule = new Map(schedules.map((s) => [s.memberId, s]));
    const items: Item[] = [];
    for (const s of schedules) {
      const due = dueLesson(s, t);
      if (due)
        items.push({
          schedule: s,
          key: { memberId: s.memberId, localDay: due.localDay, kind: 'lesson' },
          dueAt: due.dueAt,
        });
    }
    const days = ledgerDays(t);
    for (const lesson of await store.personalDeliveries.awaitingReminder(days, t - REMINDER_AFTER_MS)) {
      const s = bySchedule.get(lesson.memberId);
      if (!s) continue; // off, opted out or finished since the lesson: no reminder
      const at = dueReminder(s, lesson, lesson.answeredSince, t);
      if (at !== undefined)
        items.push({
          schedule: s,
          key: { memberId: s.memberId, localDay: lesson.localDay, kind: 'reminder' },
          dueAt: at,
          lesson: lesson.content,
        });
    }
    // Skip what is settled or held elsewhere before touching the write lock.
    const ledger = new Map((await store.personalDeliveries.onDays(days)).map((d) => [keyText(d), d]));
    const open = items.filter((i) => {
      const d = ledger.get(keyText(i.key));
      if ((notBefore.get(keyText(i.key)) ?? 0) > t) return false;
      if (!d) return true;
      if (d.status === 'sent') return false;
      if (d.status === 'claimed') return d.leaseUntil <= t;
      return !(d.lastError ?? '').startsWith(PERMANENT_PREFIX) && d.attempts < maxAttempts;
    });
    // Oldest moment first; members in a stable order after that.
    open.sort((a, b) => a.dueAt - b.dueAt || a.key.memberId - b.key.memberId || a.key.kind.localeCompare(b.key.kind));
    return { items: open, due: items.length, adopted: moves.length };
  }

  /** Claims a batch in one transaction and fixes each one's content and card. */
  function claimBatch(batch: Item[], t: number): Promise<Claimed[]> {
    return store.transaction(async () => {
      const won: Claimed[] = [];
      for (const item of batch) {
        const claim = await store.personalDeliveries.claim(item.key, workerId, t, leaseMs);
        if (!claim) continue;
        if (claim.attempts > maxAttempts) {
          // A crashed worker used the last attempt; whether it sent is unknown, so we stop here.
          await store.personalDeliveries.markFailed(
            item.key,
            `${PERMANENT_PREFIX}no result after ${maxAttempts} attempts (the last worker stopped mid-send)`,
            t,
            workerId,
          );
          continue;
        }
        const content =
          claim.content ??
          (await store.personalDeliveries.decide(
            item.key,
            item.key.kind === 'lesson'
              ? await composer.decideLesson(item.schedule)
              : composer.decideReminder(item.schedule, item.lesson),
          ));
        won.push({
          ...item,
          leasedAt: t,
          content,
          card: await composer.render(item.schedule, content),
          mayHaveBeenSent: claim.mayHaveBeenSent,
          attempts: claim.attempts,
        });
      }
      return won;
    });
  }

  async function send(item: Claimed): Promise<Result> {
    const { schedule: s, key } = item;
    const fields = { ...key, workspaceId: s.workspaceId };
    const convKey = `${s.workspaceId}:${s.externalId}`;
    for (let inTick = 0; ; inTick++) {
      await gateFor(s.platform).take(s.workspaceId);
      let outcome: SendOutcome;
      try {
        outcome = await pacerFor(s.platform).run(convKey, async (): Promise<SendOutcome> => {
          // Not started yet: on shutdown the claim goes back at once (not after its lease), and the
          // next process knows nothing went out.
          if (stopping) return { ok: false, error: STOPPED };
          // A long wait in the queues: renew before sending, so no other worker can take it meanwhile.
          if (now() - item.leasedAt > leaseMs / 4) {
            if (!(await store.personalDeliveries.renew(key, workerId, now(), leaseMs)))
              return { ok: false, error: LOST };
            item.leasedAt = now();
          }
          return sender.send({
            workspaceId: s.workspaceId,
            platform: s.platform,
            memberId: s.memberId,
            externalId: s.externalId,
            localDay: key.localDay,
            kind: key.kind,
            card: item.card,
            deliveryKey: keyText(key),
            // A retry after our own failed call knows nothing went out; only a takeover may have.
            mayHaveBeenSent: inTick === 0 && item.mayHaveBeenSent,
          });
        });
      } catch (cause) {
        outcome = { ok: false, error: errorText(cause) };
      }
      if (!outcome.ok && outcome.error === LOST) return 'skipped';
      if (!outcome.ok && outcome.error === STOPPED) {
        await store.personalDeliveries.markFailed(key, STOPPED, now(), workerId);
        return 'deferred';
      }
      if (outcome.ok) {
        notBefore.delete(keyText(key));
        await recordSent(item);
        return 'sent';
      }
      const attempt = item.attempts + inTick;
      if (outcome.permanent || attempt >= maxAttempts) {
        const error = outcome.permanent ? `${PERMANENT_PREFIX}${outcome.error}` : outcome.error;
        await store.transaction(async () => {
          await store.personalDeliveries.markFailed(key, error, now(), workerId);
          if (outcome.permanent) await store.personalSchedules.markUnreachable(key.memberId, outcome.error);
        });
        log.error('personal.failed', { ...fields, attempt, permanent: outcome.permanent === true, error });
        return 'failed';
      }
      const retryAfter = outcome.retryAfterMs;
      // A 429 holds back this member's conversation, not the whole workspace: Slack answers 429 per
      // channel for chat.postMessage, and holding everyone for one member would stall the fan-out.
      if (retryAfter !== undefined) pacerFor(s.platform).holdOff(convKey, now() + retryAfter);
      const waitMs = Math.round(
        retryAfter !== undefined
          ? Math.max(0, retryAfter) + random() * RETRY_AFTER_JITTER_MS
          : Math.min(maxBackoffMs, backoffMs * 2 ** inTick) * (0.5 + random() / 2),
      );
      if (inTick >= retriesPerTick || waitMs > leaseMs / 2 || stopping) {
        await store.personalDeliveries.markFailed(key, outcome.error, now(), workerId);
        notBefore.set(keyText(key), now() + waitMs);
        log.warn('personal.deferred', { ...fields, attempt, retryInMs: waitMs, error: outcome.error });
        return 'deferred';
      }
      // The wait and the next send must fit in the lease, or another worker could send it too.
      if (!(await store.personalDeliveries.renew(key, workerId, now(), leaseMs))) return 'skipped';
      item.leasedAt = now();
      await pause(waitMs);
      if (stopping) {
        await store.personalDeliveries.markFailed(key, 'stopped before a retry', now(), workerId);
        return 'deferred';
      }
    }
  }

  async function runTick(): Promise<PersonalTickResult> {
    const t = now();
    for (const [k, at] of notBefore) if (at < t - 86_400_000) notBefore.delete(k);
    const { items, due, adopted } = await candidates(t);
    const tally: PersonalTickResult = {
      due,
      sent: 0,
      failed: 0,
      deferred: 0,
      // Sent, failed for good, waiting to retry, or held by another worker: seen in the ledger.
      skipped: due - items.length,
      zonesAdopted: adopted,
    };
    const running = new Set<Promise<void>>();
    const track = (p: Promise<Result>) => {
      const done: Promise<void> = p
        .catch((cause): Result => {
          log.error('personal.deliver_error', { error: errorText(cause) });
          return 'deferred';
        })
        .then((r) => {
          tally[r]++;
          running.delete(done);
        });
      running.add(done);
    };
    for (let i = 0; i < items.length && !stopping; i += batchSize) {
      // Claim the next batch only when the sends in hand are down to one batch: claims stay just
      // ahead of the sends, so a lease never runs out while its delivery waits in a queue.
      while (running.size > batchSize) await Promise.race(running);
      if (stopping) break;
      const batch = items.slice(i, i + batchSize);
      let claimed: Claimed[];
      try {
        claimed = await claimBatch(batch, now());
      } catch (cause) {
        // A database fault: nothing of the batch was claimed; a later tick tries again.
        log.error('personal.claim_failed', { count: batch.length, error: errorText(cause) });
        tally.deferred += batch.length;
        continue;
      }
      tally.skipped += batch.length - claimed.length;
      for (const item of claimed) track(send(item));
    }
    await Promise.all(running);
    // Not reached before a shutdown: the next process finds them due.
    if (stopping) tally.skipped = Math.max(tally.skipped, due - tally.sent - tally.failed - tally.deferred);
    return tally;
  }

  let current: Promise<PersonalTickResult> | undefined;
  let loop: Promise<void> | undefined;
  const tick = (): Promise<PersonalTickResult> => {
    current ??= runTick().finally(() => {
      current = undefined;
    });
    return current;
  };

  return {
    tick,
    start() {
      if (loop) return;
      if (stopping) {
        stopping = false;
        woken = new Promise((resolve) => {
          wake = resolve;
        });
      }
      loop = (async () => {
        while (!stopping) {
          try {
            await tick();
          } catch (cause) {
            log.error('personal.tick_failed', { error: errorText(cause) });
          }
          if (!stopping) await pause(tickMs);
        }
      })();
    },
    async stop() {
      stopping = true;
      wake();
      await loop;
      await current?.catch(() => undefined);
      loop = undefined;
    },
  };
}
