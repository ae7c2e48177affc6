/**
 * Counts work still running after its request was acknowledged (a platform answers later, on its
 * own calls), so a shutdown can wait for it before the database closes.
 */
export function inFlight() {
  let running = 0;
  let idle: (() => void) | undefined;
  return {
    around:
      <A>(work: (args: A) => Promise<void>) =>
      async (args: A): Promise<void> => {
        running += 1;
        try {
          await work(args);
        } finally {
          running -= 1;
          if (running === 0) idle?.();
        }
      },
    /** Resolves when nothing is running (or after timeoutMs). */
    drain: (timeoutMs = 10_000) =>
      new Promise<void>((resolve) => {
        if (running === 0) return resolve();
        const timer = setTimeout(resolve, timeoutMs);
        idle = () => {
          clearTimeout(timer);
          resolve();
        };
      }),
  };
}
