import type {
  App,
  BlockAction,
  Middleware,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';

type CommandListener = Middleware<SlackCommandMiddlewareArgs>;
type ActionListener = Middleware<SlackActionMiddlewareArgs>;

/** What a listener file registers with: Bolt's own methods, with commands and buttons routed here. */
export interface Listeners {
  event<E extends string>(name: E, listener: Middleware<SlackEventMiddlewareArgs<E>>): void;
  message(listener: Middleware<SlackEventMiddlewareArgs<'message'>>): void;
  shortcut(callbackId: string, listener: Middleware<SlackShortcutMiddlewareArgs>): void;
  view(callbackId: string, listener: Middleware<SlackViewMiddlewareArgs>): void;
  command(name: `/${string}`, listener: CommandListener): void;
  action(actionId: RegExp, listener: ActionListener): void;
}

/** Wraps every listener, e.g. to count the work still running after an ack. */
export type Around = <A>(listener: (args: A) => Promise<void>) => (args: A) => Promise<void>;

/**
 * Bolt runs every registered listener's middleware chain for every request it receives, copying the
 * arguments object at each step. With a listener per command and per button that was ~20 chains per
 * request, the largest share of a `/cost` acknowledgement's CPU. Commands and buttons (most of the
 * listeners) therefore go through one Bolt listener each and a lookup here; the rest stay with Bolt.
 * A payload nothing here takes is left unacknowledged, as Bolt would leave it.
 */
export function listenerRouter(app: App, around: Around): Listeners {
  const commands = new Map<string, CommandListener>();
  const actions: [RegExp, ActionListener][] = [];
  app.command(
    /^\//,
    around(async (args: Parameters<CommandListener>[0]) => {
      await commands.get(args.command.command)?.(args);
    }),
  );
  app.action(
    { type: 'block_actions' },
    around(async (args: Parameters<Middleware<SlackActionMiddlewareArgs<BlockAction>>>[0]) => {
      const id = args.action.action_id;
      await actions.find(([pattern]) => pattern.test(id))?.[1](args as Parameters<ActionListener>[0]);
    }),
  );
  return {
    command(name, listener) {
      if (commands.has(name)) throw new Error(`${name} has two listeners`);
      commands.set(name, listener);
    },
    action(actionId, listener) {
      actions.push([actionId, listener]);
    },
    event: (name, listener) => app.event(name, around(listener)),
    message: (listener) => app.message(around(listener)),
    shortcut: (callbackId, listener) => app.shortcut(callbackId, around(listener)),
    view: (callbackId, listener) => app.view(callbackId, around(listener)),
  };
}
