import type { Activity, Attachment, TurnContext } from 'botbuilder';

/**
 * What the member's client can do, read from the activity it sent (or the stored conversation
 * reference for a proactive send). Teams opens dialogs (task modules); the Bot Framework Emulator
 * and the Microsoft 365 Agents Playground do not, and show a `task/fetch` button as dead. There
 * the same flows run in the conversation instead (see handlers/explain.ts), with no setting to know.
 */
export interface ClientOrigin {
  readonly channelId?: string | undefined;
  readonly serviceUrl?: string | undefined;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
/** The Playground's mocked connector answers under this path of its own local server. */
const PLAYGROUND_CONNECTOR = '/_connector';

function isPlayground(serviceUrl: string | undefined): boolean {
  if (!serviceUrl) return false;
  try {
    const url = new URL(serviceUrl);
    return LOOPBACK.has(url.hostname) && url.pathname.replace(/\/+$/, '') === PLAYGROUND_CONNECTOR;
  } catch {
    return false;
  }
}

/** False for the Emulator and the Agents Playground; Teams itself (any other client) opens dialogs. */
export function canOpenDialogs(origin: ClientOrigin): boolean {
  if (origin.channelId === 'emulator') return false;
  return !isPlayground(origin.serviceUrl);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A copy of an Adaptive Card's JSON whose submits post to the chat instead of asking for a dialog. */
function withoutTaskFetch(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutTaskFetch);
  if (!isRecord(node)) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'msteams' && isRecord(value) && value.type === 'task/fetch') continue;
    copy[key] = withoutTaskFetch(value);
  }
  return copy;
}

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

function adapt(activity: Partial<Activity>): void {
  if (!activity.attachments) return;
  activity.attachments = activity.attachments.map(
    (a: Attachment): Attachment => (a.contentType === ADAPTIVE ? { ...a, content: withoutTaskFetch(a.content) } : a),
  );
}

/**
 * For a client that cannot open dialogs, every card this turn sends or updates has its dialog
 * buttons turned into plain submits, which the bot answers in the conversation.
 */
export function fitCardsToClient(ctx: TurnContext): void {
  if (canOpenDialogs(ctx.activity)) return;
  ctx.onSendActivities(async (_ctx, activities, next) => {
    for (const a of activities) adapt(a);
    return next();
  });
  ctx.onUpdateActivity(async (_ctx, activity, next) => {
    adapt(activity);
    return next();
  });
}
