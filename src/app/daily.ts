/**
 * Starting, changing or stopping a conversation's daily lessons, once for every platform: the
 * ownership rule and the cap (schedule-rules.ts) are checked and the change written in one
 * transaction, so two requests at once cannot pass the cap together. The outcome is a value; each
 * platform words it (a Slack channel link, "this chat" in Teams).
 */
import type { DailyRequest } from '../scheduler/parse.js';
import type { Platform, Schedule, Store } from '../store/index.js';
import { mayChange, overCap, type ScheduleAsker } from './schedule-rules.js';

export type DailyChange =
  | { readonly kind: 'not-yours' }
  | { readonly kind: 'cap-reached' }
  | { readonly kind: 'off'; readonly stopped: boolean }
  | { readonly kind: 'on'; readonly schedule: Schedule };

export interface DailyChangeInput {
  readonly workspaceId: string;
  readonly platform: Platform;
  readonly target: string;
  readonly asker: ScheduleAsker;
  readonly request: Exclude<DailyRequest, { kind: 'list' }>;
}

export function changeDaily(store: Store, input: DailyChangeInput): DailyChange {
  const { workspaceId, platform, target, asker, request } = input;
  return store.transaction((): DailyChange => {
    const all = store.schedules.list(workspaceId);
    const existing = all.find((s) => s.target === target);
    if (!mayChange(existing, asker)) return { kind: 'not-yours' };
    if (request.kind === 'off') return { kind: 'off', stopped: store.schedules.deactivate(workspaceId, target) };
    if (overCap(all, target)) return { kind: 'cap-reached' };
    const schedule = store.schedules.upsert({
      workspaceId,
      platform,
      target,
      timeOfDay: request.time,
      timeZone: request.timeZone,
      weekdays: request.weekdays,
      // A manager changing a member's schedule leaves it theirs.
      createdBy: existing?.active && asker.manager ? existing.createdBy : asker.externalId,
    });
    return { kind: 'on', schedule };
  });
}
