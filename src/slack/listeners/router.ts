import type { App, Middleware, SlackActionMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';

type CommandListener = Middleware<SlackCommandMiddlewareArgs>;
type ActionListener = Middleware<SlackActionMiddlewareArgs>;

/** What a listener file registers with: Bolt's own methods, with commands and buttons routed here. */
export interface Listeners extends Pick<App, 'event' | 'message' | 'shortcut' | 'view'> {
  command(name: `/${string}`, listener: CommandListener): void;
  action(actionId: RegExp, listener: ActionListener): void;
}

/**
 * Bolt runs every registered listener's middleware chain for every request it receives, copying the
 * arguments object at each step. With a listener per command and per button that was ~20 chains per
 * request, the largest share of a `/cost` acknowledgement's CPU. Commands and buttons (most of the
 * listeners) therefore go through one Bolt listener each and a lookup here; the rest stay with Bolt.
 * A payload nothing here takes is left unacknowledged, as Bolt would leave it.
 */
export function listenerRouter(app: App): Listeners {
  const commands = new Map<string, CommandListener>();
  const actions: [RegExp, ActionListener][] = [];
  app.command(/^\//, async (args) => {
    await commands.get(args.command.command)?.(args);
  });
  app.action({ type: 'block_actions' }, async (args) => {
    const id = args.action.action_id;
    await actions.find(([pattern]) => pattern.test(id))?.[1](args as Parameters<ActionListener>[0]);
  });
  return {
    command(name, listener) {
      if (commands.has(name)) throw new Error(`${name} has two listeners`);
      commands.set(name, listener);
    },
    action(actionId, listener) {
      actions.push([actionId, listener]);
    },
    event: app.event.bind(app),
    message: app.message.bind(app),
    shortcut: app.shortcut.bind(app),
    view: app.view.bind(app),
  };
}
