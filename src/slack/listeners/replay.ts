import { createHash } from 'node:crypto';
import type { SlackDeps } from '../context.js';

/**
 * Slack accepts a signed request for five minutes after its timestamp, so a captured manager
 * request (report, CSV, nudge) could be sent again inside that window. Each one's signature is
 * remembered (as a hash, in the database so a restart does not forget it) a little longer than
 * that, and a replay is acknowledged and otherwise ignored.
 */
export const REPLAY_WINDOW_MS = 6 * 60_000;

/** The context property the HTTP receiver sets from the request's `x-slack-signature`. */
export const SIGNATURE_PROPERTY = 'requestSignature';

/** True when this exact signed request was served before; the first call for a request claims it. */
export function isReplay(deps: Pick<SlackDeps, 'store'>, context: unknown): boolean {
  const signature = (context as Record<string, unknown> | undefined)?.[SIGNATURE_PROPERTY];
  // Socket Mode has no signature (and no replay window to worry about).
  if (typeof signature !== 'string' || signature === '') return false;
  const digest = createHash('sha256').update(signature).digest('hex');
  return !deps.store.replays.firstSeen(digest, REPLAY_WINDOW_MS);
}

/** Wraps a manager listener so a replayed request is acknowledged with no action. */
export function servedOnce<A extends { context: unknown; ack: () => Promise<void> }>(
  deps: Pick<SlackDeps, 'store' | 'log'>,
  listener: (args: A) => Promise<void>,
): (args: A) => Promise<void> {
  return async (args) => {
    if (isReplay(deps, args.context)) {
      await args.ack();
      deps.log.warn('slack.replay_ignored', { reason: 'a manager request seen before' });
      return;
    }
    await listener(args);
  };
}
