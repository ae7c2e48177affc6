import type {
  AllMiddlewareArgs,
  AnyMiddlewareArgs,
  App,
  Middleware,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';
import { failureOf } from '../../app/failure.js';
import type { Logger } from '../../server/log.js';

type CommandListener = Middleware<SlackCommandMiddlewareArgs>;
type ActionListener = Middleware<SlackActionMiddlewareArgs>;
type EventListener = Middleware<SlackEventMiddlewareArgs<string>>;
type ShortcutListener = Middleware<SlackShortcutMiddlewareArgs>;
type ViewListener = Middleware<SlackViewMiddlewareArgs>;

/** What a listener file registers with: the subset of Bolt's methods we use, same signatures. */
export interface Listeners {
  command(name: `/${string}`, listener: CommandListener): void;
  /** A button (block_actions) whose action_id matches. */
  action(actionId: RegExp, listener: ActionListener): void;
  event<E extends string>(type: E, listener: Middleware<SlackEventMiddlewareArgs<E>>): void;
  /** A global or message shortcut with this callback_id. */
  shortcut(callbackId: string, listener: ShortcutListener): void;
  /** A modal submitted (view_submission) with this callback_id. */
  view(callbackId: string, listener: ViewListener): void;
}

/** The context property the HTTP receiver sets from `x-slack-signature` (see server/replay.ts). */
export const SIGNATURE_PROPERTY = 'requestSignature';

/** Wraps every listener, e.g. to count the work still running after an ack. */
export type Around = <A>(listener: (args: A) => Promise<void>) => (args: A) => Promise<void>;

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;

interface Replies {
  ack?: (...args: unknown[]) => Promise<void>;
  respond?: (message: Record<string, unknown>) => Promise<unknown>;
  say?: (message: string) => Promise<unknown>;
}

/**
 * Every listener behind one catch: whatever fails inside (a damaged row, a full disk, a bug), the
 * member still gets an answer ("not saved, try again" for a store fault, else a short apology,
 * never a stack trace) and the fault is logged. Acknowledged here if the listener had not.
 */
function guarded(listener: (args: Args) => Promise<void>, log: Logger, kind: string) {
  return async (args: Args) => {
    const replies = args as unknown as Replies;
    const slackAck = replies.ack;
    let acked = false;
    if (slackAck)
      // Once only: a listener may acknowledge after its write and again on its way out.
      replies.ack = async (...a) => {
        if (acked) return;
        acked = true;
        await slackAck(...a);
      };
    try {
      await listener(args);
      // A listener that turned the payload away (unreadable, not for us) still acknowledges it.
      if (slackAck && !acked) await slackAck();
    } catch (error) {
      const failure = failureOf(error);
      log.error('slack.listener_failed', { kind, fault: failure.fault, error });
      if (slackAck && !acked) await slackAck().catch(() => {});
      const answered = replies.respond
        ? replies.respond({ response_type: 'ephemeral', replace_original: false, text: failure.text })
        : replies.say?.(failure.text);
      await answered?.catch((e: unknown) => log.warn('slack.failure_not_shown', { error: e }));
    }
  };
}

/**
 * Bolt runs every registered listener's middleware chain for every request, copying the arguments
 * at each step (once the largest share of a `/cost` ack's CPU). So Bolt gets one middleware, which
 * finds the one listener a payload is for by its kind and id. Slack delivers an event again when
 * the first delivery was not acknowledged in time: `firstDelivery(eventId)` says whether this
 * event_id is new, so a mention or DM is answered once however often it arrives.
 */
export function mountListeners(
  app: App,
  around: Around,
  log: Logger,
  firstDelivery: (eventId: string) => boolean = () => true,
): Listeners {
  const commands = new Map<string, CommandListener>();
  const actions: [RegExp, ActionListener][] = [];
  const events = new Map<string, EventListener>();
  const shortcuts = new Map<string, ShortcutListener>();
  const views = new Map<string, ViewListener>();
  const once = <L>(map: Map<string, L>, key: string, listener: L) => {
    if (map.has(key)) throw new Error(`two listeners for ${key}`);
    map.set(key, listener);
  };

  const route = (args: Args): ((args: Args) => Promise<void>) | undefined => {
    if ('command' in args && args.command) return commands.get(args.command.command) as never;
    if (
      'action' in args &&
      typeof args.action === 'object' &&
      args.action !== null &&
      args.body.type === 'block_actions' &&
      'action_id' in args.action
    ) {
      const id = args.action.action_id;
      return actions.find(([pattern]) => pattern.test(id))?.[1] as never;
    }
    if ('event' in args && args.event) {
      const listener = events.get(args.event.type);
      const eventId = (args.body as { event_id?: unknown }).event_id;
      if (!listener || typeof eventId !== 'string' || eventId === '') return listener as never;
      return firstDelivery(eventId) ? (listener as never) : undefined;
    }
    if ('shortcut' in args && args.shortcut) return shortcuts.get(args.shortcut.callback_id) as never;
    if ('view' in args && args.view && args.body.type === 'view_submission')
      return views.get(args.view.callback_id) as never;
    return undefined;
  };
  app.use(async (args) => {
    const listener = route(args);
    if (listener) await listener(args);
    // A payload no listener takes (an event we did not subscribe to, a stale button) is acknowledged
    // at once: left alone it would hold its connection for 3 s and Slack would send events again.
    else await (args as unknown as Replies).ack?.().catch(() => {});
  });

  const wrap = <L>(kind: string, listener: L): L =>
    guarded(around(listener as (args: Args) => Promise<void>), log, kind) as L;
  return {
    command: (name, listener) => once(commands, name, wrap('command', listener)),
    action: (actionId, listener) => {
      actions.push([actionId, wrap('action', listener)]);
    },
    event: (type, listener) => once(events, type, wrap('event', listener) as EventListener),
    shortcut: (callbackId, listener) => once(shortcuts, callbackId, wrap('shortcut', listener)),
    view: (callbackId, listener) => once(views, callbackId, wrap('view', listener)),
  };
}
