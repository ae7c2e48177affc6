import { createHash } from 'node:crypto';
import type { ReplayRepository } from '../store/index.js';

/**
 * A signed request is accepted for five minutes after its timestamp (Slack's rule), so a captured
 * manager request could be sent again inside that window. Each one's signature is remembered as a
 * hash, in the database so a restart does not forget it, a little longer than that.
 */
export const REPLAY_WINDOW_MS = 6 * 60_000;

/** True when this exact signed request was served before; the first call for a request claims it. */
export async function isReplay(replays: ReplayRepository, signature: unknown): Promise<boolean> {
  // No signature (Socket Mode) means no replay window to worry about.
  if (typeof signature !== 'string' || signature === '') return false;
  return !(await replays.firstSeen(createHash('sha256').update(signature).digest('hex'), REPLAY_WINDOW_MS));
}

/** A platform delivers an event again when the first delivery was not acknowledged in time; an hour covers its retries. */
const REDELIVERY_MS = 60 * 60 * 1000;

/** True the first time an event id arrives; when the store cannot tell (a full disk), answering twice beats not answering. */
export async function firstDelivery(replays: ReplayRepository, eventId: string): Promise<boolean> {
  try {
    return await replays.firstSeen(`event:${eventId}`, REDELIVERY_MS);
  } catch {
    return true;
  }
}
