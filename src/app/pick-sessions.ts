/**
 * The sentences a member is choosing from in an "Explain" picker (a Slack modal, a Teams dialog).
 * Slack's private_metadata holds 3,000 characters and a Teams submit value 2,000: too little for
 * twenty sentences, so they wait in the database under a random key for a while, where whichever
 * instance serves the member's pick finds them.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Store } from '../store/index.js';

const TTL_MS = 30 * 60_000;

export interface PickSession {
  readonly sentences: readonly string[];
  readonly lessonId?: string;
  readonly userId: string;
}

/** What is stored besides the owner; checked when read back, as anything read from outside is. */
const stored = z.object({ sentences: z.array(z.string()), lessonId: z.string().optional() });

export interface PickSessions {
  /** Keeps the session for a while; the key goes into the picker. */
  put(session: PickSession): Promise<string>;
  /** The session, only for the member it was made for and only while fresh. */
  get(key: string, userId: string): Promise<PickSession | undefined>;
}

export function createPickSessions(store: Pick<Store, 'pickSessions'>, now: () => number = Date.now): PickSessions {
  return {
    async put({ userId, sentences, lessonId }) {
      const key = randomUUID();
      const at = now();
      const data = { sentences, ...(lessonId !== undefined ? { lessonId } : {}) };
      await store.pickSessions.put(key, userId, data, { at, expiresAt: at + TTL_MS });
      return key;
    },
    async get(key, userId) {
      const found = stored.safeParse(await store.pickSessions.get(key, userId, now()));
      if (!found.success) return undefined;
      const { sentences, lessonId } = found.data;
      return { sentences, userId, ...(lessonId !== undefined ? { lessonId } : {}) };
    },
  };
}
