/**
 * The Teams bot: every activity is validated and its conversation remembered first (so daily
 * prompts and nudges can reach it later), then routed to one small handler per concern.
 */
import {
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type TaskModuleRequest,
  type TaskModuleResponse,
  TeamsActivityHandler,
  TurnContext,
} from 'botbuilder';
import { failureOf } from '../app/failure.js';
import { storeFaultOf } from '../store/errors.js';
import type { Card } from '../views/card.js';
import { noticeCard } from '../views/notice.js';
import { fitCardsToClient } from './client.js';
import {
  baseConversationId,
  memberRefOf,
  scopeOf,
  type TeamsRuntimeDeps,
  type Turn,
  workspaceIdOf,
} from './context.js';
import { rememberConversation } from './conversations.js';
import { dialog, dialogFor, messageActionPicker } from './handlers/explain.js';
import { botWasAdded, uninstalled, welcome } from './handlers/install.js';
import { onText } from './handlers/messages.js';
import { onSubmit } from './handlers/submits.js';
import { activitySchema } from './payloads.js';
import { sendCard } from './reply.js';

/** Set by the HTTP route on each turn: the server's address as the member's client reaches it. */
export const BASE_URL_KEY = Symbol('tutor.baseUrl');
const TURN_KEY = Symbol('tutor.turn');

function prepare(ctx: TurnContext, deps: TeamsRuntimeDeps): Turn | undefined {
  const parsed = activitySchema.safeParse(ctx.activity);
  if (!parsed.success) return undefined;
  const activity = parsed.data;
  const workspaceId = workspaceIdOf(activity);
  const conversationId = baseConversationId(activity.conversation.id);
  try {
    rememberConversation(deps.store, workspaceId, conversationId, TurnContext.getConversationReference(ctx.activity));
  } catch (error) {
    // Only needed for later proactive sends: a full or locked database must not stop this turn.
    if (!storeFaultOf(error)) throw error;
    deps.log.warn('teams.conversation_not_saved', { fault: storeFaultOf(error) });
  }
  return {
    ctx,
    activity,
    me: memberRefOf(activity),
    workspaceId,
    conversationId,
    scope: scopeOf(activity),
    baseUrl: (ctx.turnState.get(BASE_URL_KEY) as string | undefined) ?? 'http://localhost',
  };
}

const turnOf = (ctx: TurnContext): Turn => ctx.turnState.get(TURN_KEY) as Turn;

/**
 * Invokes that open dialogs (task modules): the Explain and Why? buttons and the message action
 * "Explain in plain English". Their answers are seen only by the member who asked.
 */
class TutorBot extends TeamsActivityHandler {
  constructor(private readonly deps: TeamsRuntimeDeps) {
    super();
  }

  private async answer(ctx: TurnContext, make: (turn: Turn) => Promise<Card> | Card): Promise<TaskModuleResponse> {
    const turn = ctx.turnState.get(TURN_KEY) as Turn | undefined;
    if (!turn) return dialog(noticeCard('Explain', 'I could not read that request.'));
    try {
      return dialog(await make(turn));
    } catch (error) {
      const failure = failureOf(error);
      this.deps.log.error('teams.invoke_failed', { fault: failure.fault, error });
      return dialog(failure.card);
    }
  }

  protected override handleTeamsTaskModuleFetch(
    ctx: TurnContext,
    request: TaskModuleRequest,
  ): Promise<TaskModuleResponse> {
    return this.answer(ctx, (turn) => dialogFor(turn, this.deps, request.data));
  }

  protected override handleTeamsTaskModuleSubmit(
    ctx: TurnContext,
    request: TaskModuleRequest,
  ): Promise<TaskModuleResponse> {
    return this.answer(ctx, (turn) => dialogFor(turn, this.deps, request.data));
  }

  protected override handleTeamsMessagingExtensionFetchTask(
    ctx: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    return this.answer(ctx, (turn) => messageActionPicker(turn, this.deps, action?.messagePayload));
  }

  protected override handleTeamsMessagingExtensionSubmitAction(
    ctx: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    return this.answer(ctx, (turn) => dialogFor(turn, this.deps, action.data));
  }
}

export function createBot(deps: TeamsRuntimeDeps): TeamsActivityHandler {
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
      // Every handler behind one catch: the member always hears back ("not saved, try again" for a
      // store fault, else a short apology, never a stack trace) and the fault is logged.
      const failure = failureOf(error);
      deps.log.error('teams.handler_failed', {
        type: String(ctx.activity.type).slice(0, 32),
        fault: failure.fault,
        error,
      });
      if (
        ctx.activity.type === 'message' ||
        ctx.activity.type === 'conversationUpdate' ||
        ctx.activity.type === 'installationUpdate'
      )
        await sendCard(ctx, failure.card).catch((e: unknown) => deps.log.warn('teams.failure_not_shown', { error: e }));
    }
  });
  bot.onMessage(async (ctx, next) => {
    const turn = turnOf(ctx);
    // An Action.Submit arrives as a message carrying the card's data in `value` and no text.
    if (ctx.activity.value !== undefined && ctx.activity.value !== null) await onSubmit(turn, deps);
    else await onText(turn, deps);
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
