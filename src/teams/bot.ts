/**
 * The Teams bot, as a decoder: every activity is validated and its conversation remembered first
 * (daily prompts and nudges reach it later through that), then read as a typed command, a card's
 * action (a submit, or an invoke asking for a dialog) or an install event, and handed to the flows
 * in src/app/chat. What they reply, the presenter shows.
 */
import { type InvokeResponse, TeamsActivityHandler, TurnContext } from 'botbuilder';
import { runAction } from '../app/chat/actions.js';
import { explainMessage } from '../app/chat/explain.js';
import { replyTo } from '../app/chat/router.js';
import { failureOf } from '../app/failure.js';
import { claimWelcome, forgetWelcome, rememberConversation } from '../app/places.js';
import { parseCommand } from '../core/commands/parse.js';
import { storeFaultOf } from '../store/errors.js';
import { SURFACES } from '../views/actions.js';
import { welcomeCard } from '../views/welcome.js';
import { decodeTurn, type Turn } from './activity.js';
import { fitCardsToClient } from './client.js';
import { type TeamsDeps, teamsConversation } from './conversation.js';
import { commandText, messageText } from './message-text.js';
import { cardActivity, dialog, present, presentDialog } from './present.js';
import { readSubmit } from './render/adaptive-card.js';

/** Set by the HTTP route on each turn: the server's address as the member's client reaches it. */
export const BASE_URL_KEY = Symbol('tutor.baseUrl');
const TURN_KEY = Symbol('tutor.turn');
/** Invokes answered with a dialog: dialog buttons (task modules) and the message action. */
const DIALOG_INVOKE = /^(task\/(fetch|submit)|composeExtension\/(fetchTask|submitAction))$/;

/** The turn, with its conversation remembered first: a full or locked database must not stop it. */
async function prepare(ctx: TurnContext, deps: TeamsDeps): Promise<Turn | undefined> {
  const turn = decodeTurn(ctx, (ctx.turnState.get(BASE_URL_KEY) as string | undefined) ?? 'http://localhost');
  if (!turn) return undefined;
  try {
    await rememberConversation(deps.store, turn, TurnContext.getConversationReference(ctx.activity));
  } catch (error) {
    if (!storeFaultOf(error)) throw error;
    deps.log.warn('teams.conversation_not_saved', { fault: storeFaultOf(error) });
  }
  return turn;
}

const turnOf = (ctx: TurnContext): Turn => ctx.turnState.get(TURN_KEY) as Turn;

/**
 * A card's submit as a click: its `value` (or an invoke's `data`) is the button's value merged with
 * the card's inputs. Anything the renderer did not write has no action and is answered "out of date".
 */
function clickOf(value: unknown) {
  const submit = readSubmit(value);
  return submit ? { action: submit.action, value: submit.data, selections: submit.selections } : { action: '', value };
}

/** botbuilder removes the bot's @mention by its entity; a malformed entity (from the network) leaves the text as is. */
function typedText(ctx: TurnContext): string {
  const text = typeof ctx.activity.text === 'string' ? ctx.activity.text : '';
  try {
    return commandText(TurnContext.removeRecipientMention(ctx.activity) ?? text);
  } catch {
    return commandText(text);
  }
}

class TutorBot extends TeamsActivityHandler {
  constructor(private readonly deps: TeamsDeps) {
    super();
  }

  /** A dialog's answer is seen only by the member who asked, even in a channel. */
  protected override async onInvokeActivity(ctx: TurnContext): Promise<InvokeResponse> {
    const turn = ctx.turnState.get(TURN_KEY) as Turn | undefined;
    if (!turn || !DIALOG_INVOKE.test(ctx.activity.name ?? '')) return super.onInvokeActivity(ctx);
    const value = (ctx.activity.value ?? {}) as { data?: unknown; messagePayload?: unknown };
    const conv = teamsConversation(turn, this.deps);
    try {
      const reply =
        ctx.activity.name === 'composeExtension/fetchTask'
          ? await explainMessage(messageText(value.messagePayload), conv, this.deps)
          : await runAction(clickOf(value.data), conv, this.deps);
      return { status: 200, body: await presentDialog(reply) };
    } catch (error) {
      const failure = failureOf(error);
      this.deps.log.error('teams.invoke_failed', { fault: failure.fault, error });
      return { status: 200, body: dialog(failure.card) };
    }
  }
}

export function createBot(deps: TeamsDeps): TeamsActivityHandler {
  const bot = new TutorBot(deps);
  bot.onTurn(async (ctx, next) => {
    const turn = await prepare(ctx, deps);
    const type = String(ctx.activity.type).slice(0, 32);
    // Not a conversation activity we can answer (no sender, no conversation): nothing to do.
    if (!turn) return deps.log.warn('teams.activity_refused', { type });
    ctx.turnState.set(TURN_KEY, turn);
    fitCardsToClient(ctx);
    try {
      await next();
    } catch (error) {
      // One catch for every flow: the member always hears back ("not saved, try again" for a store
      // fault, else a short apology, never a stack trace) and the fault is logged.
      const failure = failureOf(error);
      deps.log.error('teams.handler_failed', { type, fault: failure.fault, error });
      if (type === 'message' || type === 'conversationUpdate' || type === 'installationUpdate')
        await ctx
          .sendActivity(cardActivity(failure.card))
          .catch((e) => deps.log.warn('teams.failure_not_shown', { error: e }));
    }
  });
  bot.onMessage(async (ctx, next) => {
    const turn = turnOf(ctx);
    const conv = teamsConversation(turn, deps);
    // A submit arrives as a message carrying the card's data in `value` and no text; its replyToId
    // is the clicked card. Answers are recorded once per (member, check, card nonce).
    const value: unknown = ctx.activity.value;
    const submitted = value !== undefined && value !== null;
    const reply = submitted
      ? await runAction(clickOf(value), conv, deps)
      : await replyTo(parseCommand(typedText(ctx)), conv, deps);
    await present(ctx, reply, submitted ? turn.activity.replyToId : undefined, turn.scope === 'personal');
    await next();
  });
  /**
   * Installed in a personal chat, a team or a group chat: hello once. Teams announces an install with
   * an installationUpdate and a conversationUpdate (and may repeat either); the claim in the
   * conversation's stored row lets exactly one through. After an uninstall, a new install is new.
   */
  const welcome = async (turn: Turn) => {
    if (!(await claimWelcome(deps.store, turn.conversationId, deps.now()))) return;
    deps.log.info('teams.welcome', { workspaceId: turn.workspaceId, scope: turn.scope });
    await turn.ctx.sendActivity(cardActivity(welcomeCard(SURFACES.teams, 'In a channel, @mention me first.')));
  };
  bot.onMembersAdded(async (ctx, next) => {
    const turn = turnOf(ctx);
    // The bot itself among the members added (it was installed here), rather than a new person.
    if ((turn.activity.membersAdded ?? []).some((m) => m.id === turn.activity.recipient.id)) await welcome(turn);
    await next();
  });
  bot.onInstallationUpdateAdd(async (ctx, next) => {
    await welcome(turnOf(ctx));
    await next();
  });
  bot.onInstallationUpdateRemove(async (ctx, next) => {
    // "remove-upgrade" is half of an app update, not an uninstall.
    if (ctx.activity.action === 'remove') {
      await forgetWelcome(deps.store, turnOf(ctx).conversationId);
      deps.log.info('teams.uninstalled', { workspaceId: turnOf(ctx).workspaceId });
    }
    await next();
  });
  return bot;
}
