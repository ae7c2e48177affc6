/**
 * Who may change which daily schedule, and who sees which. One rule for Slack and Teams:
 * - a manager may start, change or stop any schedule;
 * - any other member may start one for a conversation they are in that has none running, and
 *   then change or stop it while they are still in that conversation; a schedule someone else
 *   started is theirs (or a manager's) to change;
 * - a workspace runs at most MAX_SCHEDULES_PER_WORKSPACE schedules at once;
 * - `daily list` shows a manager every schedule, and a member the ones they started plus the one
 *   for the conversation they ask in.
 */
import type { Schedule } from '../store/index.js';

export const MAX_SCHEDULES_PER_WORKSPACE = 50;

export interface ScheduleAsker {
  readonly externalId: string;
  readonly manager: boolean;
}

/** Whether the asker may start, change or stop the schedule now on a target (undefined: none yet). */
export function mayChange(existing: Schedule | undefined, asker: ScheduleAsker): boolean {
  if (asker.manager || !existing || !existing.active) return true;
  return existing.createdBy === asker.externalId;
}

/** The active schedules the asker may see, from all of the workspace's. */
export function visibleTo(all: readonly Schedule[], asker: ScheduleAsker, here: string | undefined): Schedule[] {
  const active = all.filter((s) => s.active);
  return asker.manager ? active : active.filter((s) => s.createdBy === asker.externalId || s.target === here);
}

/** Whether starting a schedule on `target` would go past the workspace's cap. */
export function overCap(all: readonly Schedule[], target: string): boolean {
  const active = all.filter((s) => s.active);
  return !active.some((s) => s.target === target) && active.length >= MAX_SCHEDULES_PER_WORKSPACE;
}

export const NOT_YOURS =
  'Someone else started the daily lessons here, so only they or a manager can change or stop them.';
export const CAP_REACHED = `This workspace already has ${MAX_SCHEDULES_PER_WORKSPACE} daily schedules, the most it may run. Stop one first, or ask a manager.`;
