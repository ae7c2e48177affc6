/**
 * What the terminal tutor may touch of the outside world, passed in so tests drive it in-process
 * with their own streams, environment, nonces and clock.
 */
import type { Readable, Writable } from 'node:stream';

export interface Io {
  readonly stdin: Readable & { isTTY?: boolean };
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where check-card nonces come from (default: random UUIDs); tests pass a fixed sequence. */
  readonly nonce?: () => string;
  /** The time in ms since the epoch (default: Date.now); tests fix it. */
  readonly now?: () => number;
}
