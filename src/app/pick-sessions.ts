/**
 * The sentences a member is choosing from in an "Explain" picker (a Slack modal, a Teams dialog).
 * Slack's private_metadata holds 3,000 characters and a Teams submit value 2,000: too little for
 * twenty sentences, so they wait here under a random key for a while. Losing them (a restart) only means asking the member to open the picker again.
 */
import { randomUUID } from 'node:crypto';

const TTL_MS = 30 * 60_000;
const MAX_SESSIONS = 5_000;

export interface PickSession {
  readonly sentences: readonly string[];
  readonly lessonId?: string;
  readonly userId: string;
}

export function createPickSessions(now: () => number = Date.now) {
  const sessions = new Map<string, { at: number; session: PickSession }>();
  return {
    put(session: PickSession): string {
      const t = now();
      // Full: forget the oldest (a Map iterates in insertion order).
      while (sessions.size >= MAX_SESSIONS) {
        const oldest = sessions.keys().next().value;
        if (oldest === undefined) break;
        sessions.delete(oldest);
      }
      const key = randomUUID();
      sessions.set(key, { at: t, session });
      return key;
    },
    /** The session, only for the member it was made for and only while fresh. */
    get(key: string, userId: string): PickSession | undefined {
      const found = sessions.get(key);
      if (!found || now() - found.at > TTL_MS || found.session.userId !== userId) return undefined;
      return found.session;
    },
  };
}

export type PickSessions = ReturnType<typeof createPickSessions>;
