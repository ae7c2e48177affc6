import type { Check } from '../core/content/schema.js';
import { splitSentences } from '../core/explain/sentences.js';
import type { Platform } from '../store/index.js';
import type { Card } from '../views/card.js';
import { explanationCard } from '../views/explain.js';
import type { SurfaceDeps } from './surface.js';

/** The sentences of a lesson a member can pick from: its takeaway, why it matters, and its story. */
export function lessonSentences(deps: Pick<SurfaceDeps, 'catalog'>, lessonId: string): string[] {
  const l = deps.catalog.lesson(lessonId);
  return l ? splitSentences([l.keyTakeaway, l.whyItMatters, l.story].join('\n')) : [];
}

/** What "Why?" under a result explains: the idea behind the right answer. */
export const whySentence = (check: Check): string =>
  (check.kind === 'choice' ? check.explanation : check.items.map((i) => i.feedback).join(' ')).slice(0, 500);

/**
 * One member's explanation of one sentence, as a card. The workspace is made sure of first:
 * the explainer keeps each workspace's spend against its daily budget.
 */
export async function explainForMember(
  deps: Pick<SurfaceDeps, 'explainer' | 'store'>,
  who: { workspaceId: string; platform: Platform; memberId: string },
  sentence: string,
  lessonId?: string,
): Promise<Card> {
  await deps.store.workspaces.ensure({ id: who.workspaceId, platform: who.platform });
  const e = await deps.explainer.explain({
    sentence,
    workspaceId: who.workspaceId,
    memberKey: `${who.workspaceId}:${who.memberId}`,
    ...(lessonId ? { lessonId } : {}),
  });
  return explanationCard(e, sentence);
}
