import { TurnContext } from 'botbuilder';
import { type Intent, parseCommand } from '../../core/commands/parse.js';
import { SURFACES } from '../../views/actions.js';
import { type Card, userText } from '../../views/card.js';
import { helpCard } from '../../views/notice.js';
import { commandText, type TeamsRuntimeDeps, type Turn } from '../context.js';
import { sendCard } from '../reply.js';
import { costReply } from './cost.js';
import { dailyCommand } from './daily.js';
import { explainCommand } from './explain.js';
import { managerAction } from './manager.js';

function help(unknown?: string): Card {
  const card = helpCard(SURFACES.teams);
  if (!unknown) return card;
  const note = `I didn't understand “${userText(unknown.slice(0, 80))}”. Here is what I can do:`;
  return { ...card, blocks: [{ kind: 'text', text: note }, ...card.blocks] };
}

/** What the tutor answers to one command, in a personal chat or after an @mention. */
export async function replyTo(intent: Intent, turn: Turn, deps: TeamsRuntimeDeps): Promise<Card> {
  const { tutor } = deps;
  const { me } = turn;
  switch (intent.kind) {
    case 'cost':
      return costReply(intent.scenario);
    case 'help':
      return help(intent.unknown);
    case 'explain':
      // Typed explanations are answered by explainCommand (a placeholder, then the answer).
      return help();
    case 'lesson':
      return tutor.lesson(me, { ...(intent.lessonId ? { lessonId: intent.lessonId } : {}), mode: intent.mode }).card;
    case 'quiz':
      return tutor.quiz(me, intent.number !== undefined ? { number: intent.number } : {}).card;
    case 'review':
      return tutor.review(me).card;
    case 'progress':
      return tutor.progress(me).card;
    case 'report':
      return managerAction('report', turn, deps);
    case 'daily':
      return dailyCommand(intent.args, turn, deps);
  }
}

/**
 * botbuilder removes the bot's own @mention by its mention entity; commandText then tidies whatever
 * markup is left. Entities come from the network, so a malformed one falls back to the plain text.
 */
function withoutBotMention(turn: Turn): string {
  const text = turn.activity.text ?? '';
  try {
    return typeof turn.ctx.activity.text === 'string'
      ? (TurnContext.removeRecipientMention(turn.ctx.activity) ?? text)
      : text;
  } catch {
    return text;
  }
}

/** A typed message: strip the @mention, read the command words, answer with a card. */
export async function onText(turn: Turn, deps: TeamsRuntimeDeps): Promise<void> {
  const text = commandText(withoutBotMention(turn));
  const intent = parseCommand(text);
  if (intent.kind === 'explain') return explainCommand(turn, deps, intent.sentence);
  await sendCard(turn.ctx, await replyTo(intent, turn, deps));
}
