/**
 * Starting, changing or stopping a conversation's daily lessons, once for every platform: the
 * ownership rule and the cap (schedule-rules.ts) are checked and the change written in one
 * transaction, so two requests at once cannot pass the cap together. The outcome is a value; each
 * platform words it (a Slack channel link, "this chat" in Teams).
 */
import { describeSchedule } from '../scheduler/days.js';
import type { DailyRequest } from '../scheduler/parse.js';
import type { Platform, Schedule, Store } from '../store/index.js';
import type { Card } from '../views/card.js';
import { noticeCard } from '../views/notice.js';
import { CAP_REACHED, mayChange, NOT_YOURS, overCap, type ScheduleAsker } from './schedule-rules.js';

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

export function changeDaily(store: Store, input: DailyChangeInput): Promise<DailyChange> {
  const { workspaceId, platform, target, asker, request } = input;
  return store.transaction(async (): Promise<DailyChange> => {
    const all = await store.schedules.list(workspaceId);
    const existing = all.find((s) => s.target === target);
    if (!mayChange(existing, asker)) return { kind: 'not-yours' };
    if (request.kind === 'off') return { kind: 'off', stopped: await store.schedules.deactivate(workspaceId, target) };
    if (overCap(all, target)) return { kind: 'cap-reached' };
    const schedule = await store.schedules.upsert({
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

/** How a platform names the place in the outcome: the words are its own, the refusals are shared. */
export interface DailyWording {
  off(stopped: boolean): string;
  /** `when` is the schedule described, e.g. "09:00 Europe/Berlin on weekdays". */
  on(when: string): string;
}

/** The outcome of changeDaily as the card the member sees. */
export function dailyCard(change: DailyChange, words: DailyWording): Card {
  switch (change.kind) {
    case 'not-yours':
      return noticeCard('Daily lessons', NOT_YOURS, 'bad');
    case 'cap-reached':
      return noticeCard('Daily lessons', CAP_REACHED, 'bad');
    case 'off':
      return noticeCard('Daily lessons', words.off(change.stopped));
    case 'on':
      return noticeCard('Daily lessons are on', words.on(describeSchedule(change.schedule)), 'good');
  }
}
