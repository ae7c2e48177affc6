import type { Clock } from './clock.js';
import type { Db } from './database.js';

/** A check card as the server issued it: whose it is and which check it asks. */
export interface IssuedCard {
  readonly nonce: string;
  readonly memberId: number;
  readonly checkId: string;
  readonly issuedAt: number;
}

/** Cards older than this are forgotten; a click on one gets a fresh card instead. */
export const CARD_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export interface CheckCardRepository {
  /** Remembers a card's nonce for the member and check it was shown for. */
  issue(card: { nonce: string; memberId: number; checkId: string }): void;
  /** The card the server issued with this nonce, if it did (and it has not expired). */
  find(nonce: string): IssuedCard | undefined;
  /**
   * The member's newest card for this check that no attempt answered yet: asked for again, the
   * same card comes back, so the order printed once is the order answered (`tutor quiz 3`, then
   * `tutor quiz 3 --answer b`). `attemptPrefix` is the attempt key up to the nonce (attemptKey).
   */
  open(memberId: number, checkId: string, attemptPrefix: string): IssuedCard | undefined;
}

type Row = { nonce: string; member_id: number; check_id: string; issued_at: number };

export function checkCardRepository(db: Db, now: Clock): CheckCardRepository {
  const insert = db.prepare('INSERT INTO check_cards (nonce, member_id, check_id, issued_at) VALUES (?, ?, ?, ?)');
  const byNonce = db.prepare<[string], Row>('SELECT * FROM check_cards WHERE nonce = ?');
  // Bounded clean-up on each issue (indexed on issued_at), so the table never grows without end.
  const prune = db.prepare(
    'DELETE FROM check_cards WHERE nonce IN (SELECT nonce FROM check_cards WHERE issued_at < ? ORDER BY issued_at LIMIT 20)',
  );
  const newestOpen = db.prepare<[number, string, number, string], Row>(
    `SELECT * FROM check_cards c WHERE c.member_id = ? AND c.check_id = ? AND c.issued_at >= ?
       AND NOT EXISTS (SELECT 1 FROM quiz_attempts a WHERE a.idempotency_key = ? || c.nonce)
     ORDER BY c.issued_at DESC LIMIT 1`,
  );
  const asCard = (row: Row): IssuedCard => ({
    nonce: row.nonce,
    memberId: row.member_id,
    checkId: row.check_id,
    issuedAt: row.issued_at,
  });
  return {
    issue({ nonce, memberId, checkId }) {
      const at = now();
      prune.run(at - CARD_LIFETIME_MS);
      insert.run(nonce, memberId, checkId, at);
    },
    find(nonce) {
      const row = byNonce.get(nonce);
      if (!row || row.issued_at < now() - CARD_LIFETIME_MS) return undefined;
      return asCard(row);
    },
    open(memberId, checkId, attemptPrefix) {
      const row = newestOpen.get(memberId, checkId, now() - CARD_LIFETIME_MS, attemptPrefix);
      return row && asCard(row);
    },
  };
}
