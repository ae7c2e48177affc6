import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  App,
  Middleware as M,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';
import { failureOf } from '../../app/failure.js';
import type { Logger } from '../../server/log.js';

/** What a listener file registers with: the subset of Bolt's methods we use, same signatures. */
export interface Listeners {
  command(name: `/${string}`, listener: M<SlackCommandMiddlewareArgs>): void;
  /** A block_actions click whose action_id matches (the first registered that does). */
  action(actionId: RegExp, listener: M<SlackActionMiddlewareArgs>): void;
  event<E extends string>(type: E, listener: M<SlackEventMiddlewareArgs<E>>): void;
  /** A global or message shortcut with this callback_id. */
  shortcut(callbackId: string, listener: M<SlackShortcutMiddlewareArgs>): void;
  /** A modal submitted (view_submission) with this callback_id. */
  view(callbackId: string, listener: M<SlackViewMiddlewareArgs>): void;
}

/** The context property the HTTP receiver sets from `x-slack-signature` (see server/replay.ts). */
export const SIGNATURE_PROPERTY = 'requestSignature';

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;
type Listener = (args: Args) => Promise<void>;
type Replies = {
  ack?: (...args: unknown[]) => Promise<void>;
  respond?: (message: Record<string, unknown>) => Promise<unknown>;
  say?: (message: string) => Promise<unknown>;
};

/**
 * Every listener behind one catch: whatever fails inside (a damaged row, a full disk, a bug), the
 * member still gets an answer ("not saved, try again" for a store fault, else a short apology,
 * never a stack trace) and the fault is logged. Acknowledged once only, here if the listener had not.
 */
const guarded = (listener: Listener, log: Logger, kind: string) => async (args: Args) => {
  const replies = args as unknown as Replies;
  const slackAck = replies.ack;
  let acked = false;
  const ack = async (...a: unknown[]) => {
    if (acked || !slackAck) return;
    acked = true;
    await slackAck(...a);
  };
  if (slackAck) replies.ack = ack;
  try {
    await listener(args);
    await ack(); // a listener that turned the payload away still acknowledges it
  } catch (error) {
    const failure = failureOf(error);
    log.error('slack.listener_failed', { kind, fault: failure.fault, error });
    await ack().catch(() => {});
    const answered = replies.respond
      ? replies.respond({ response_type: 'ephemeral', replace_original: false, text: failure.text })
      : replies.say?.(failure.text);
    await answered?.catch((e: unknown) => log.warn('slack.failure_not_shown', { error: e }));
  }
};

/**
 * Bolt runs every registered listener's middleware chain for every request, copying the arguments
 * at each step (once the largest share of a `/cost` ack's CPU). So Bolt gets one middleware, which
 * finds the one listener a payload is for by its kind and id, and acknowledges at once a payload
 * none takes. Slack delivers an event again when the first delivery was not acknowledged in time:
 * `firstDelivery(eventId)` says whether this event_id is new, so a mention or DM is answered once.
 * `around` wraps every listener (to count the work still running after an ack).
 */
export function mountListeners(
  app: App,
  around: (listener: Listener) => Listener,
  log: Logger,
  firstDelivery: (eventId: string) => Promise<boolean> = async () => true,
): Listeners {
  const table = () => new Map<string, Listener>();
  const tables = { command: table(), event: table(), shortcut: table(), view: table() };
  const actions: [RegExp, Listener][] = [];
  const add = (kind: keyof typeof tables, key: string, listener: unknown) => {
    if (tables[kind].has(key)) throw new Error(`two listeners for ${key}`);
    tables[kind].set(key, guarded(around(listener as Listener), log, kind));
  };
  const route = async (args: Args): Promise<Listener | undefined> => {
    if ('command' in args && args.command) return tables.command.get(args.command.command);
    if ('action' in args && args.body.type === 'block_actions' && args.action && 'action_id' in args.action) {
      const id = args.action.action_id;
      return actions.find(([pattern]) => pattern.test(id))?.[1];
    }
    if ('event' in args && args.event) {
      const listener = tables.event.get(args.event.type);
      const eventId = (args.body as { event_id?: unknown }).event_id;
      if (!listener || typeof eventId !== 'string' || eventId === '') return listener;
      return (await firstDelivery(eventId)) ? listener : undefined;
    }
    if ('shortcut' in args && args.shortcut) return tables.shortcut.get(args.shortcut.callback_id);
    if ('view' in args && args.view && args.body.type === 'view_submission')
      return tables.view.get(args.view.callback_id);
    return undefined;
  };
  // Left alone, an unrouted payload would hold its connection for 3 s and Slack would send it again.
  app.use(async (args) => {
    const listener = await route(args);
    if (listener) await listener(args);
    else await (args as unknown as Replies).ack?.().catch(() => {});
  });
  return {
    command: (name, listener) => add('command', name, listener),
    action: (pattern, listener) => {
      actions.push([pattern, guarded(around(listener as unknown as Listener), log, 'action')]);
    },
    event: (type, listener) => add('event', type, listener),
    shortcut: (callbackId, listener) => add('shortcut', callbackId, listener),
    view: (callbackId, listener) => add('view', callbackId, listener),
  };
}
