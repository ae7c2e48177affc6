/**
 * One reply type for every flow and every platform: the card, who sees it, and where it goes. Each
 * platform's presenter turns a Reply into its own calls (an ack body, `respond`, `chat.update`,
 * `sendActivity`, `updateActivity`, a modal or a dialog); no flow knows which.
 */
import type { Card } from '../../views/card.js';

export interface Reply {
  readonly card: Card;
  /** `member`: only the member who asked (where the platform can whisper); `place`: everyone there. */
  readonly audience: 'member' | 'place';
  /**
   * Replace the clicked card instead of sending a new one: `own` when that card was made for this
   * member (their check), `private` only where nobody else sees it (a shared lesson stays for others).
   */
  readonly replace?: 'own' | 'private';
  /** Show it in a modal or dialog where the platform has one (the Explain picker). */
  readonly dialog?: boolean;
  /** A slow answer: `card` is a placeholder, replaced by this card when it is ready. */
  readonly later?: () => Promise<Card>;
  /**
   * An expected refusal (no such lesson, a scenario that cannot be read): chat platforms show it
   * like any reply; the terminal exits non-zero.
   */
  readonly refused?: boolean;
}

export const toMember = (card: Card): Reply => ({ card, audience: 'member' });
export const toPlace = (card: Card): Reply => ({ card, audience: 'place' });
export const refusal = (card: Card): Reply => ({ card, audience: 'member', refused: true });
/** A tutor use case's outcome for the member: its card, a refusal when it was not ok. */
export const outcome = (r: { readonly ok: boolean; readonly card: Card }): Reply =>
  r.ok ? toMember(r.card) : refusal(r.card);
export const inPlace = (card: Card, replace: 'own' | 'private' = 'own'): Reply => ({
  card,
  audience: 'member',
  replace,
});
