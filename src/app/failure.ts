/**
 * What a member is told when a request fails inside the tutor. A store fault means nothing was
 * recorded, and saying so plainly is the point: an answer that could not be written must never look
 * saved. Anything else is a bug; the member gets a short apology and the log gets the fault.
 */
import { type StoreFault, storeFaultOf } from '../store/errors.js';
import type { Card } from '../views/card.js';
import { noticeCard } from '../views/notice.js';

export const NOT_SAVED = "I couldn't save that — please try again in a moment.";
export const BUSY = "I'm busy right now and couldn't save that — please try again in a moment.";
export const SOMETHING_WENT_WRONG = 'Something went wrong: I could not finish that. Please try again in a moment.';

export interface Failure {
  /** Set when the database refused the work: nothing of it was stored. */
  readonly fault?: StoreFault;
  /** One line for the member, no details of the fault. */
  readonly text: string;
  readonly card: Card;
}

export function failureOf(error: unknown): Failure {
  const fault = storeFaultOf(error);
  if (fault === 'locked') return { fault, text: BUSY, card: noticeCard('Busy — not saved', BUSY, 'bad') };
  if (fault) return { fault, text: NOT_SAVED, card: noticeCard('Not saved', NOT_SAVED, 'bad') };
  return {
    text: SOMETHING_WENT_WRONG,
    card: noticeCard('Something went wrong', 'I could not finish that. Please try again in a moment.', 'bad'),
  };
}
