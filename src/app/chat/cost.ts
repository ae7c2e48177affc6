/**
 * `/cost …`, `cost …`, `@Tutor cost …` and the what-if buttons under an answer. An estimate is for
 * everyone in the place (it is arithmetic, nothing personal); a scenario that cannot be read, and
 * the "one moment" of the per-member limit, only for the member.
 */
import { estimate } from '../../core/cost/index.js';
import type { Card } from '../../views/card.js';
import { costCard, costErrorCard } from '../../views/cost.js';
import { noticeCard } from '../../views/notice.js';
import { slowDown, type Taken } from '../limits.js';
import { memoize } from '../memo.js';
import type { Conversation } from './conversation.js';
import { type ChatDeps, memberKey } from './deps.js';
import { type Reply, refusal, toMember, toPlace } from './reply.js';

/**
 * The answer to a scenario is a pure function of its words, and a cohort pastes the lessons' own
 * examples word for word, so the last few hundred answers are kept.
 */
const answerTo = memoize(256, (scenario: string): Reply => {
  const result = estimate(scenario);
  return result.ok ? toPlace(costCard(result.breakdown)) : refusal(costErrorCard(result.error));
});

/**
 * The "one moment" reply when the member has asked for too many estimates this minute. The limit
 * is counted in the database; while it cannot be (the database locked or unreachable), estimates
 * are served uncounted: they are arithmetic that needs no database, and the limit only guards
 * against loops. (The explainer's limit guards money and refuses instead.)
 */
export async function costLimited(
  who: Pick<Conversation, 'workspaceId' | 'memberId'>,
  deps: ChatDeps,
): Promise<Reply | undefined> {
  let taken: Taken;
  try {
    taken = await deps.costLimiter.take(memberKey(who));
  } catch (error) {
    deps.log.warn('cost.limit_unavailable', { error });
    return undefined;
  }
  return taken.ok ? undefined : toMember(noticeCard('One moment', slowDown(taken.retryInMs), 'attention'));
}

export async function costReply(
  scenario: string,
  who: Pick<Conversation, 'workspaceId' | 'memberId'>,
  deps: ChatDeps,
): Promise<Reply> {
  return (await costLimited(who, deps)) ?? answerTo(scenario.trim());
}

/** An estimate's card alone (the HTTP API and the terminal have no limiter). */
export const costAnswer = (scenario: string): Card => answerTo(scenario.trim()).card;
