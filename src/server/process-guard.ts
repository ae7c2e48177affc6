/**
 * Last-resort handlers for the process. A promise nobody awaited that rejects, or an exception
 * thrown from a callback, would otherwise end the server for every member because of one request.
 * They are logged (name, message and code only: the logger masks tokens, and no request data is
 * included) and the server keeps serving. Should they come in a burst, something is broken beyond
 * one request, so the process exits non-zero for its supervisor to restart it cleanly.
 */
import type { Logger } from './log.js';

export interface GuardOptions {
  /** More uncaught exceptions than this within `windowMs` end the process. */
  readonly burst?: number;
  readonly windowMs?: number;
  readonly exit?: (code: number) => void;
  readonly now?: () => number;
}

const describe = (fault: unknown) =>
  fault instanceof Error ? fault : { name: typeof fault, message: String(fault).slice(0, 200) };

export function installProcessGuards(log: Logger, options: GuardOptions = {}): () => void {
  const { burst = 10, windowMs = 60_000, exit = (code) => process.exit(code), now = Date.now } = options;
  const recent: number[] = [];
  const onRejection = (reason: unknown) => {
    log.error('process.unhandled_rejection', { error: describe(reason), action: 'kept serving' });
  };
  const onException = (error: unknown, origin: string) => {
    const t = now();
    recent.push(t);
    while ((recent[0] ?? t) <= t - windowMs) recent.shift();
    const giveUp = recent.length > burst;
    log.error('process.uncaught_exception', {
      error: describe(error),
      origin,
      action: giveUp ? `exiting: ${recent.length} in ${windowMs / 1000} s` : 'kept serving',
    });
    if (giveUp) exit(1);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
