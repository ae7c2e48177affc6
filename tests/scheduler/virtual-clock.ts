/**
 * Virtual time for the scheduler's injected clock and sleep: a sleep resolves when the clock is
 * driven past it, and the clock only moves once every promise that can make progress has run. So
 * "five channels in parallel" and "one channel, five sends" are told apart by the clock alone.
 */
interface Timer {
  at: number;
  seq: number;
  wake: () => void;
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

export class VirtualClock {
  private timers: Timer[] = [];
  private seq = 0;
  /** Every sleep requested, in ms (to assert waits such as Retry-After). */
  readonly sleeps: number[] = [];

  constructor(public now: number) {}

  readonly read = (): number => this.now;

  readonly sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    return new Promise((wake) => {
      this.timers.push({ at: this.now + Math.max(0, ms), seq: this.seq++, wake });
    });
  };

  /** Drives virtual time until `work` settles; throws if it waits on something other than time. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    work.then(
      () => {
        settled = true;
      },
      () => {
        settled = true;
      },
    );
    await this.until(() => settled);
    return work;
  }

  /** Drives virtual time until `done()` holds. */
  async until(done: () => boolean, maxSteps = 1_000_000): Promise<void> {
    for (let step = 0, idle = 0; ; step++) {
      await flush();
      if (done()) return;
      if (step > maxSteps) throw new Error('virtual clock: too many steps');
      if (this.timers.length === 0) {
        // Nothing scheduled yet progress is expected: give real I/O a few turns, then give up.
        if (++idle > 50) throw new Error('virtual clock: stuck with no timers');
        continue;
      }
      idle = 0;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const at = this.timers[0]?.at ?? this.now;
      this.now = Math.max(this.now, at);
      // Wake everything due at this instant together: they are simultaneous.
      const due = this.timers.filter((t) => t.at <= this.now);
      this.timers = this.timers.filter((t) => t.at > this.now);
      for (const t of due) t.wake();
    }
  }

  /** Moves time forward with no waiters woken early (time passing between ticks). */
  advance(ms: number): void {
    this.now += ms;
  }
}

/** A deterministic [0, 1) source (mulberry32), so "10% get a 429" is the same every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
