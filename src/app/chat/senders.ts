/**
 * The scheduler's two senders from one platform post: a daily prompt to a place, a personal lesson
 * to a member. What the prompt says is decided here; where it goes and how, by the platform.
 */
import type { DirectSender, PromptSender, SendOutcome } from '../../scheduler/index.js';
import type { Card } from '../../views/card.js';
import type { Tutor } from '../tutor.js';

export interface Destination {
  readonly kind: 'place' | 'member';
  readonly workspaceId: string;
  /** The place's id, or the member's platform id. */
  readonly id: string;
  /** The delivery's key: the post is tagged with it where the platform can, for a take-over to look. */
  readonly delivery: string;
  /** A worker stopped mid-send before: look for the post first where the platform lets us. */
  readonly mayHaveBeenSent: boolean;
}

export type CardPost = (to: Destination, card: Card) => Promise<SendOutcome>;

export function schedulerSenders(tutor: Tutor, post: CardPost): { prompts: PromptSender; direct: DirectSender } {
  return {
    prompts: {
      send: (t) =>
        post(
          {
            kind: 'place',
            workspaceId: t.workspaceId,
            id: t.target,
            delivery: `${t.scheduleId}:${t.localDay}`,
            mayHaveBeenSent: t.mayHaveBeenSent,
          },
          tutor.dailyPrompt(t.sequence),
        ),
    },
    direct: {
      send: (t) =>
        post(
          {
            kind: 'member',
            workspaceId: t.workspaceId,
            id: t.externalId,
            delivery: t.deliveryKey,
            mayHaveBeenSent: t.mayHaveBeenSent,
          },
          t.card,
        ),
    },
  };
}
