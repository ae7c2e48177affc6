/**
 * The daily-prompt runner: every tick it finds the due (schedule, day) pairs and delivers each
 * through the pacer. Claims in the deliveries ledger make it exactly-once across restarts and
 * processes sharing the database; platform calls never run inside a transaction.
 */
import { isValidTimeZone } from '../core/time/zoned.js';
import type { Logger } from '../server/log.js';
import type { Store } from '../store/index.js';
import { type DeliverContext, type DeliverResult, deliver } from './deliver.js';
import { dueDeliveries } from './due.js';
import { createPacer, realSleep } from './rate-limit.js';
import { errorText, type PromptSender, type TickResult } from './types.js';

export interface SchedulerOptions {
  store: Store;
  sender: PromptSender;
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
  /** Send attempts per (schedule, day) over all ticks and processes before it fails for good. */
  maxAttempts?: number;
  /** Retries inside one tick; after them the delivery waits for a later tick. */
  retriesPerTick?: number;
  /** First backoff after a transient failure; it doubles per attempt up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Per channel / conversation: Slack { count: 1, intervalMs: 1000 }, Teams { count: 7, intervalMs: 1000 }. */
  perKey: { count: number; intervalMs: number };
  /** Sends in flight at once over all channels. */
  concurrency: number;
}

export interface Scheduler {
  /** One pass: deliver everything due now. Overlapping calls share the pass in flight. */
  tick(): Promise<TickResult>;
  /** Ticks now and then every tickMs. */
  start(): void;
  /** Stops ticking, lets the sends in flight finish and hands pending retries back to the ledger. */
  stop(): Promise<void>;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { store, log } = options;
  // The ledger's columns are whole milliseconds (STRICT INTEGER): never hand them a fraction.
  const clock = options.now ?? Date.now;
  const now = () => Math.floor(clock());
  const sleep = options.sleep ?? realSleep;
  const tickMs = options.tickMs ?? 30_000;
  let stopping = false;
  let wake = () => {};
  /** Settles when stop() is called: cuts the wait between ticks and retry waits short. */
  let woken = new Promise<void>((resolve) => {
    wake = resolve;
  });
  const pause = (ms: number) => Promise.race([sleep(ms), woken]);

  const ctx: DeliverContext = {
    store,
    sender: options.sender,
    log,
    workerId: options.workerId,
    now,
    pause,
    random: options.random ?? Math.random,
    stopping: () => stopping,
    pacer: createPacer({ ...options.perKey, concurrency: options.concurrency, now, sleep }),
    leaseMs: options.leaseMs ?? 120_000,
    maxAttempts: options.maxAttempts ?? 8,
    retriesPerTick: options.retriesPerTick ?? 3,
    backoffMs: options.backoffMs ?? 1_000,
    maxBackoffMs: options.maxBackoffMs ?? 60_000,
    notBefore: new Map(),
  };
  const badZones = new Set<number>();
  let current: Promise<TickResult> | undefined;
  let loop: Promise<void> | undefined;

  async function runTick(): Promise<TickResult> {
    const t = now();
    const schedules = await store.schedules.active();
    for (const s of schedules) {
      // dueDeliveries skips a zone this runtime does not know; say so once per process, not every tick.
      if (badZones.has(s.id) || isValidTimeZone(s.timeZone)) continue;
      badZones.add(s.id);
      log.error('daily.bad_time_zone', { scheduleId: s.id, timeZone: s.timeZone });
    }
    for (const [k, at] of ctx.notBefore) if (at < t - 86_400_000) ctx.notBefore.delete(k);
    const due = dueDeliveries(schedules, t);
    const results = await Promise.all(
      due.map((d) =>
        deliver(ctx, d).catch((cause): DeliverResult => {
          // A database fault: the claim (if taken) runs out and a later tick picks it up.
          log.error('daily.deliver_error', {
            scheduleId: d.schedule.id,
            localDay: d.localDay,
            error: errorText(cause),
          });
          return 'deferred';
        }),
      ),
    );
    const tally: TickResult = { due: due.length, sent: 0, failed: 0, deferred: 0, skipped: 0 };
    for (const r of results) tally[r]++;
    return tally;
  }

  const tick = (): Promise<TickResult> => {
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
        stopping = false; // started again after a stop
        woken = new Promise((resolve) => {
          wake = resolve;
        });
      }
      loop = (async () => {
        while (!stopping) {
          try {
            await tick();
          } catch (cause) {
            log.error('daily.tick_failed', { error: errorText(cause) });
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
