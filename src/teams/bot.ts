/**
 * The Teams bot, as a decoder: every activity is validated and its conversation remembered first
 * (daily prompts and nudges reach it later through that), then read as a typed command, a card's
 * action (a submit, or an invoke asking for a dialog) or an install event, and handed to the flows
 * in src/app/chat. What they reply, the presenter shows.
 */
import {
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type TaskModuleRequest,
  type TaskModuleResponse,
  TeamsActivityHandler,
  TurnContext,
} from 'botbuilder';
import { runAction } from '../app/chat/actions.js';
import { explainMessage } from '../app/chat/explain.js';
import type { Reply } from '../app/chat/reply.js';
import { replyTo } from '../app/chat/router.js';
import { failureOf } from '../app/failure.js';
import { parseCommand } from '../core/commands/parse.js';
import { storeFaultOf } from '../store/errors.js';
import { noticeCard } from '../views/notice.js';
import {
  activitySchema,
  baseConversationId,
  commandText,
  conversationNameOf,
  scopeOf,
  type Turn,
  workspaceIdOf,
} from './activity.js';
import { fitCardsToClient } from './client.js';
import { type TeamsDeps, teamsConversation } from './conversation.js';
import { rememberConversation } from './conversations.js';
import { messageText } from './message-text.js';
import { cardActivity, dialog, present, presentDialog } from './present.js';
import { readSubmit } from './render/adaptive-card.js';
import { botWasAdded, uninstalled, welcome } from './welcome.js';

/** Set by the HTTP route on each turn: the server's address as the member's client reaches it. */
export const BASE_URL_KEY = Symbol('tutor.baseUrl');
const TURN_KEY = Symbol('tutor.turn');

function prepare(ctx: TurnContext, deps: TeamsDeps): Turn | undefined {
  const parsed = activitySchema.safeParse(ctx.activity);
  if (!parsed.success) return undefined;
  const activity = parsed.data;
  const workspaceId = workspaceIdOf(activity);
  const conversationId = baseConversationId(activity.conversation.id);
  try {
    const reference = TurnContext.getConversationReference(ctx.activity);
    rememberConversation(deps.store, workspaceId, conversationId, reference, conversationNameOf(activity));
  } catch (error) {
    // Only needed for later proactive sends: a full or locked database must not stop this turn.
    if (!storeFaultOf(error)) throw error;
    deps.log.warn('teams.conversation_not_saved', { fault: storeFaultOf(error) });
  }
  return {
    ctx,
    activity,
    workspaceId,
    conversationId,
    scope: scopeOf(activity),
    baseUrl: (ctx.turnState.get(BASE_URL_KEY) as string | undefined) ?? 'http://localhost',
  };
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

/**
 * botbuilder removes the bot's own @mention by its mention entity; commandText then tidies whatever
 * markup is left. Entities come from the network, so a malformed one falls back to the plain text.
 */
function typedText(ctx: TurnContext): string {
  const text = typeof ctx.activity.text === 'string' ? ctx.activity.text : '';
  try {
    return commandText(TurnContext.removeRecipientMention(ctx.activity) ?? text);
  } catch {
    return commandText(text);
  }
}

/** Invokes: dialog buttons (task modules) and the message action, answered in a dialog only the member sees. */
class TutorBot extends TeamsActivityHandler {
  constructor(private readonly deps: TeamsDeps) {
    super();
  }

  private async answer(ctx: TurnContext, make: (turn: Turn) => Promise<Reply> | Reply): Promise<TaskModuleResponse> {
    const turn = ctx.turnState.get(TURN_KEY) as Turn | undefined;
    if (!turn) return dialog(noticeCard('Explain', 'I could not read that request.'));
    try {
      return await presentDialog(await make(turn));
    } catch (error) {
      const failure = failureOf(error);
      this.deps.log.error('teams.invoke_failed', { fault: failure.fault, error });
      return dialog(failure.card);
    }
  }

  private click = (value: unknown) => (turn: Turn) =>
    runAction(clickOf(value), teamsConversation(turn, this.deps), this.deps);

  protected override handleTeamsTaskModuleFetch(ctx: TurnContext, request: TaskModuleRequest) {
    return this.answer(ctx, this.click(request.data));
  }

  protected override handleTeamsTaskModuleSubmit(ctx: TurnContext, request: TaskModuleRequest) {
    return this.answer(ctx, this.click(request.data));
  }

  protected override handleTeamsMessagingExtensionFetchTask(
    ctx: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    return this.answer(ctx, (turn) =>
      explainMessage(messageText(action?.messagePayload), teamsConversation(turn, this.deps), this.deps),
    );
  }

  protected override handleTeamsMessagingExtensionSubmitAction(
    ctx: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    return this.answer(ctx, this.click(action?.data));
  }
}

export function createBot(deps: TeamsDeps): TeamsActivityHandler {
  const bot = new TutorBot(deps);
  bot.onTurn(async (ctx, next) => {
    const turn = prepare(ctx, deps);
    if (!turn) {
      // Not a conversation activity we can answer (no sender, no conversation): nothing to do.
      deps.log.warn('teams.activity_refused', { type: String(ctx.activity.type).slice(0, 32) });
      return;
    }
    ctx.turnState.set(TURN_KEY, turn);
    fitCardsToClient(ctx);
    try {
      await next();
    } catch (error) {
      // One catch for every flow: the member always hears back ("not saved, try again" for a store
      // fault, else a short apology, never a stack trace) and the fault is logged.
      const failure = failureOf(error);
      const type = String(ctx.activity.type).slice(0, 32);
      deps.log.error('teams.handler_failed', { type, fault: failure.fault, error });
      if (type === 'message' || type === 'conversationUpdate' || type === 'installationUpdate')
        await ctx
          .sendActivity(cardActivity(failure.card))
          .catch((e: unknown) => deps.log.warn('teams.failure_not_shown', { error: e }));
    }
  });
  bot.onMessage(async (ctx, next) => {
    const turn = turnOf(ctx);
    const conv = teamsConversation(turn, deps);
    // An Action.Submit arrives as a message carrying the card's data in `value` and no text; its
    // replyToId is the clicked card. Answers are recorded once per (member, check, card nonce).
    const value: unknown = ctx.activity.value;
    const submitted = value !== undefined && value !== null;
    const reply = submitted
      ? await runAction(clickOf(value), conv, deps)
      : await replyTo(parseCommand(typedText(ctx)), conv, deps);
    const clicked = submitted ? turn.activity.replyToId : undefined;
    await present(ctx, reply, { clicked, personal: turn.scope === 'personal' });
    await next();
  });
  bot.onMembersAdded(async (ctx, next) => {
    const turn = turnOf(ctx);
    if (botWasAdded(turn)) await welcome(turn, deps);
    await next();
  });
  bot.onInstallationUpdateAdd(async (ctx, next) => {
    await welcome(turnOf(ctx), deps);
    await next();
  });
  bot.onInstallationUpdateRemove(async (ctx, next) => {
    // "remove-upgrade" is half of an app update, not an uninstall.
    if (ctx.activity.action === 'remove') uninstalled(turnOf(ctx), deps);
    await next();
  });
  return bot;
}
