/**
 * A pacer for platform sends: at most `count` starts per `intervalMs` for each key (a Slack channel:
 * about 1 per second; a Teams conversation: about 7 per second), keys in parallel, and at most
 * `concurrency` sends in flight overall. Clock and sleep are injected so tests run on virtual time.
 */

export interface PacerOptions {
  count: number;
  intervalMs: number;
  concurrency: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface Pacer {
  /** Runs `fn` once its key's window and a global slot allow; resolves with its result. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /**
   * Holds a key back until `until`: a 429's Retry-After applies to the whole channel, not only to
   * the message that got it.
   */
  holdOff(key: string, until: number): void;
  /** Sends running now (for tests and shutdown logs). */
  readonly inFlight: number;
}

interface KeyState {
  /** Start times of the last `count` sends, oldest first. */
  starts: number[];
  holdUntil: number;
  /** Settles when the previous send of this key has started: keeps a key's sends in order. */
  gate: Promise<void>;
  waiting: number;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Keys are forgotten once idle past their window, so a long-running process does not grow. */
const PRUNE_ABOVE = 1024;

export function createPacer(options: PacerOptions): Pacer {
  const { count, intervalMs, concurrency } = options;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a whole number ≥ 1, got ${count}`);
  if (!(intervalMs >= 0)) throw new RangeError(`intervalMs must be ≥ 0, got ${intervalMs}`);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a whole number ≥ 1, got ${concurrency}`);
  }
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const keys = new Map<string, KeyState>();
  let inFlight = 0;
  const slotQueue: (() => void)[] = [];

  const state = (key: string): KeyState => {
    let s = keys.get(key);
    if (!s) {
      if (keys.size >= PRUNE_ABOVE) prune();
      s = { starts: [], holdUntil: 0, gate: Promise.resolve(), waiting: 0 };
      keys.set(key, s);
    }
    return s;
  };

  function prune(): void {
    const t = now();
    for (const [key, s] of keys) {
      const last = s.starts.at(-1) ?? Number.NEGATIVE_INFINITY;
      if (s.waiting === 0 && s.holdUntil <= t && last + intervalMs <= t) keys.delete(key);
    }
  }

  /** When this key may start its next send. */
  const readyAt = (s: KeyState): number => {
    const oldest = s.starts.length >= count ? (s.starts[s.starts.length - count] ?? 0) + intervalMs : 0;
    return Math.max(oldest, s.holdUntil);
  };

  // A freed slot goes straight to the next waiter, so a newcomer cannot overtake the queue.
  const acquire = (): Promise<void> => {
    if (inFlight < concurrency) {
      inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve) => slotQueue.push(resolve));
  };
  const release = (): void => {
    const next = slotQueue.shift();
    if (next) next();
    else inFlight--;
  };

  async function admit(s: KeyState): Promise<void> {
    for (;;) {
      // Wait for the key's window before taking a global slot, so a throttled channel never
      // holds a slot that another channel could use.
      for (let wait = readyAt(s) - now(); wait > 0; wait = readyAt(s) - now()) await sleep(wait);
      await acquire();
      if (readyAt(s) <= now()) break;
      release(); // a holdOff arrived while we queued for the slot: wait again
    }
    s.starts.push(now());
    if (s.starts.length > count) s.starts.shift();
  }

  return {
    async run(key, fn) {
      const s = state(key);
      s.waiting++;
      const admitted = s.gate.then(() => admit(s));
      s.gate = admitted.catch(() => undefined);
      try {
        await admitted;
      } finally {
        s.waiting--;
      }
      try {
        return await fn();
      } finally {
        release();
      }
    },
    holdOff(key, until) {
      const s = state(key);
      s.holdUntil = Math.max(s.holdUntil, until);
    },
    get inFlight() {
      return inFlight;
    },
  };
}
