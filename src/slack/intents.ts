import type { WebClient } from '@slack/web-api';
import { slowDown } from '../app/limits.js';
import { teamReportCard } from '../app/reports.js';
import type { Intent } from '../core/commands/parse.js';
import { estimate } from '../core/cost/index.js';
import { SURFACES } from '../views/actions.js';
import { type Card, userText } from '../views/card.js';
import { costCard, costErrorCard } from '../views/cost.js';
import { helpCard, noticeCard } from '../views/notice.js';
import { isManager, memberRef, type SlackDeps } from './context.js';
import { dailyCommand } from './daily.js';

export interface Turn {
  readonly client: WebClient;
  readonly teamId: string;
  readonly userId: string;
  readonly channelId?: string;
}

/** A card and who sees it: only the member, or the whole channel (a shared cost estimate). */
export interface Reply {
  readonly card: Card;
  readonly visibility: 'member' | 'channel';
}

const toMember = (card: Card): Reply => ({ card, visibility: 'member' });

export const refusalForReport = (): Card =>
  noticeCard(
    'The team report is for managers',
    'Ask a workspace admin to add you to TUTOR_MANAGERS. Your own progress is always here: `/tutor progress`.',
  );

/** The "one moment" note when a member has asked for too many estimates this minute. */
export function costLimited(who: { key: string; deps: SlackDeps }): Reply | undefined {
  const limited = who.deps.costLimiter?.take(who.key);
  return limited && !limited.ok
    ? toMember(noticeCard('One moment', slowDown(limited.retryInMs), 'attention'))
    : undefined;
}

export function costReply(scenario: string, who?: { key: string; deps: SlackDeps }): Reply {
  const limited = who && costLimited(who);
  if (limited) return limited;
  const result = estimate(scenario);
  return result.ok
    ? { card: costCard(result.breakdown), visibility: 'channel' }
    : toMember(costErrorCard(result.error));
}

/** What the tutor answers to one command, wherever it was typed (slash command, mention, DM). */
export async function replyTo(intent: Intent, turn: Turn, deps: SlackDeps): Promise<Reply> {
  const { tutor } = deps;
  if (intent.kind === 'cost') return costReply(intent.scenario, { key: `${turn.teamId}:${turn.userId}`, deps });
  if (intent.kind === 'help' || intent.kind === 'explain') {
    const help = helpCard(SURFACES.slack);
    const unknown = intent.kind === 'help' ? intent.unknown : undefined;
    if (!unknown) return toMember(help);
    const note = `I didn't understand “${userText(unknown.slice(0, 80))}”. Here is what I can do:`;
    return toMember({ ...help, blocks: [{ kind: 'text', text: note }, ...help.blocks] });
  }
  const me = await memberRef(turn.client, turn.teamId, turn.userId, deps);
  switch (intent.kind) {
    case 'lesson':
      return toMember(
        tutor.lesson(me, { ...(intent.lessonId ? { lessonId: intent.lessonId } : {}), mode: intent.mode }).card,
      );
    case 'quiz':
      return toMember(tutor.quiz(me, intent.number !== undefined ? { number: intent.number } : {}).card);
    case 'review':
      return toMember(tutor.review(me).card);
    case 'progress':
      return toMember(tutor.progress(me).card);
    case 'report':
      if (!(await isManager(turn.client, turn.teamId, turn.userId, deps))) return toMember(refusalForReport());
      tutor.member(me);
      return toMember(
        teamReportCard(deps.store, deps.catalog, {
          workspaceId: me.workspaceId,
          now: deps.now(),
          explanations: deps.explainer.stats(me.workspaceId),
        }),
      );
    case 'daily':
      return toMember(await dailyCommand(intent.args, me, turn, deps));
  }
}
