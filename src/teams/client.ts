/**
 * What the member's client can do, read from the activity it sent (or the stored conversation
 * reference for a proactive send). Teams opens dialogs (task modules); the Bot Framework Emulator
 * and the Microsoft 365 Agents Playground do not, and show a `task/fetch` button as dead. There
 * the same flows run in the conversation instead, with no setting to know.
 */
import type { Activity, TurnContext } from 'botbuilder';
import { isLocalUrl } from '../server/local-client.js';

/** False for the Emulator and the Agents Playground (its mock connector is under /_connector on this machine). */
export function canOpenDialogs(origin: { channelId?: string | undefined; serviceUrl?: string | undefined }): boolean {
  if (origin.channelId === 'emulator') return false;
  const url = origin.serviceUrl;
  return !(url && isLocalUrl(url) && new URL(url).pathname.replace(/\/+$/, '') === '/_connector');
}

/** Cards whose dialog buttons post to the chat instead of asking for a dialog. */
function adapt(activity: Partial<Activity>): void {
  const drop = (key: string, value: { type?: unknown } | undefined) =>
    key === 'msteams' && value?.type === 'task/fetch' ? undefined : value;
  activity.attachments = activity.attachments?.map((a) =>
    a.content === undefined ? a : { ...a, content: JSON.parse(JSON.stringify(a.content, drop)) },
  );
}

/** For a client that cannot open dialogs, every card this turn sends or updates is adapted. */
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
