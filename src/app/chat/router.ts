/**
 * One router from a typed command to a reply, for every surface: a slash command, a mention, a DM,
 * a Teams message, the terminal. The platform parses nothing but its own envelope.
 */
import type { Intent } from '../../core/commands/parse.js';
import { Actions } from '../../views/actions.js';
import type { Card } from '../../views/card.js';
import { button } from '../../views/card.js';
import type { Conversation } from './conversation.js';
import { costReply } from './cost.js';
import { dailyReply } from './daily.js';
import type { ChatDeps } from './deps.js';
import { explainTyped } from './explain.js';
import { helpFor } from './help.js';
import { managerReply, reportFor } from './manager.js';
import { enrollReply, myDailyHome, myDailyReply } from './personal.js';
import { outcome, type Reply, toMember } from './reply.js';

export async function replyTo(intent: Intent, conv: Conversation, deps: ChatDeps): Promise<Reply> {
  const { tutor } = deps;
  switch (intent.kind) {
    case 'cost':
      return costReply(intent.scenario, conv, deps);
    case 'help':
      return toMember(helpFor(conv, intent.unknown));
    case 'explain':
      return explainTyped(intent.sentence, conv, deps);
    case 'report':
      return managerReply('report', conv, deps);
    case 'daily':
      return dailyReply(intent.args, conv, deps);
    case 'my-daily':
      return myDailyReply(intent.args, conv, deps);
    case 'enroll':
      return enrollReply(intent.args, conv, deps, conv.roster ?? (async () => undefined));
    case 'lesson': {
      const request = { ...(intent.lessonId ? { lessonId: intent.lessonId } : {}), mode: intent.mode };
      return outcome(await tutor.lesson(await conv.member(), request));
    }
    case 'quiz':
      return outcome(
        await tutor.quiz(await conv.member(), intent.number !== undefined ? { number: intent.number } : {}),
      );
    case 'review':
      return outcome(await tutor.review(await conv.member()));
    case 'progress':
      return outcome(await tutor.progress(await conv.member()));
  }
}

/** A member's home page (Slack's App Home): their progress; a manager also sees the team at a glance. */
export async function homeCards(conv: Conversation, deps: ChatDeps): Promise<Card[]> {
  const me = await conv.member();
  const cards = [(await deps.tutor.progress(me)).card, await myDailyHome(deps, (await deps.tutor.member(me)).id)];
  if (!(await conv.isManager())) return cards;
  const team = await reportFor(conv, deps, 10);
  cards.push({
    ...team,
    blocks: [
      ...team.blocks.filter((b) => b.kind !== 'actions'),
      { kind: 'actions', buttons: [button(Actions.showReport, 'Full report', {}, 'primary')] },
    ],
  });
  return cards;
}
