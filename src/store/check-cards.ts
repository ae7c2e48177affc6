import type { Clock } from './clock.js';
import type { Sql } from './sql/sql.js';

/** A check card as the server issued it: whose it is and which check it asks. */
export interface IssuedCard {
  readonly nonce: string;
  readonly memberId: number;
  readonly checkId: string;
  readonly issuedAt: number;
  /** Where a choice card shows its right option (server-side only; see openKeySlots). */
  readonly keySlot?: number;
}

/** Cards older than this are forgotten; a click on one gets a fresh card instead. */
export const CARD_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export interface CheckCardRepository {
  /**
   * Remembers a card's nonce for the member and check it was shown for, with where it shows the
   * right option; `balanced` marks a first attempt's slot, counted by firstKeySlots.
   */
  issue(card: {
    nonce: string;
    memberId: number;
    checkId: string;
    keySlot?: number;
    balanced?: boolean;
  }): Promise<void>;
  /** The key slots of the member's first-attempt cards, one per check. */
  firstKeySlots(memberId: number): Promise<number[]>;
  /** The card the server issued with this nonce, if it did (and it has not expired). */
  find(nonce: string): Promise<IssuedCard | undefined>;
  /**
   * The member's newest card for this check that no attempt answered yet: asked for again, the
   * same card comes back, so the order printed once is the order answered (`tutor quiz 3`, then
   * `tutor quiz 3 --answer b`). `attemptPrefix` is the attempt key up to the nonce (attemptKey).
   */
  open(memberId: number, checkId: string, attemptPrefix: string): Promise<IssuedCard | undefined>;
}

type Row = { nonce: string; member_id: number; check_id: string; issued_at: number; key_slot: number | null };

const INSERT =
  'INSERT INTO check_cards (nonce, member_id, check_id, issued_at, key_slot, balanced) VALUES (?, ?, ?, ?, ?, ?)';
const FIRST_SLOTS = `SELECT min(key_slot) AS slot FROM check_cards
  WHERE member_id = ? AND balanced = 1 AND key_slot IS NOT NULL GROUP BY check_id`;
// Bounded clean-up on each issue (indexed on issued_at), so the table never grows without end.
const PRUNE =
  'DELETE FROM check_cards WHERE nonce IN (SELECT nonce FROM check_cards WHERE issued_at < ? ORDER BY issued_at LIMIT 20)';
const NEWEST_OPEN = `SELECT * FROM check_cards c WHERE c.member_id = ? AND c.check_id = ? AND c.issued_at >= ?
    AND NOT EXISTS (SELECT 1 FROM quiz_attempts a WHERE a.idempotency_key = ? || c.nonce)
  ORDER BY c.issued_at DESC LIMIT 1`;

const asCard = (row: Row): IssuedCard => ({
  nonce: row.nonce,
  memberId: row.member_id,
  checkId: row.check_id,
  issuedAt: row.issued_at,
  ...(row.key_slot === null ? {} : { keySlot: row.key_slot }),
});

export function checkCardRepository(sql: Sql, now: Clock): CheckCardRepository {
  return {
    async issue({ nonce, memberId, checkId, keySlot, balanced }) {
      const at = now();
      await sql.run(PRUNE, [at - CARD_LIFETIME_MS]);
      await sql.run(INSERT, [nonce, memberId, checkId, at, keySlot ?? null, balanced ? 1 : 0]);
    },
    async firstKeySlots(memberId) {
      return (await sql.all<{ slot: number }>(FIRST_SLOTS, [memberId])).map((r) => r.slot);
    },
    async find(nonce) {
      const row = await sql.get<Row>('SELECT * FROM check_cards WHERE nonce = ?', [nonce]);
      if (!row || row.issued_at < now() - CARD_LIFETIME_MS) return undefined;
      return asCard(row);
    },
    async open(memberId, checkId, attemptPrefix) {
      const row = await sql.get<Row>(NEWEST_OPEN, [memberId, checkId, now() - CARD_LIFETIME_MS, attemptPrefix]);
      return row && asCard(row);
    },
  };
}
