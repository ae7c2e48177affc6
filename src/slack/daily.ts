import type { MemberRef } from '../app/tutor.js';
import { describeSchedule, parseDaily } from '../scheduler/index.js';
import { type Card, userText } from '../views/card.js';
import { noticeCard } from '../views/notice.js';
import type { SlackDeps } from './context.js';
import type { Turn } from './intents.js';

/**
 * `/tutor daily #channel 09:00 Europe/Berlin weekdays`, `/tutor daily list`, `/tutor daily off #channel`.
 * Without a channel it means the channel the command was typed in; the time zone defaults to the
 * member's own Slack time zone.
 */
export function dailyCommand(args: string, me: MemberRef, turn: Turn, deps: SlackDeps): Card {
  const parsed = parseDaily(args, me.timeZone ?? 'UTC');
  if (!parsed.ok)
    return noticeCard('Daily lessons', `${userText(parsed.message)}\nFor example: \`/tutor ${parsed.example}\``, 'bad');
  const { store } = deps;
  deps.tutor.member(me);
  const target = parsed.channel?.id ?? turn.channelId;
  const request = parsed.request;
  if (request.kind === 'list') {
    const active = store.schedules.list(me.workspaceId).filter((s) => s.active);
    return noticeCard(
      'Daily lessons in this workspace',
      active.length > 0
        ? active.map((s) => `• <#${s.target}>: ${describeSchedule(s)}`).join('\n')
        : 'None yet. Start one with `/tutor daily #channel 09:00 Europe/Berlin weekdays`.',
    );
  }
  if (!target)
    return noticeCard('Daily lessons', 'Name the channel, e.g. `/tutor daily #general 09:00 weekdays`.', 'bad');
  if (request.kind === 'off') {
    const stopped = store.schedules.deactivate(me.workspaceId, target);
    return noticeCard(
      'Daily lessons',
      stopped ? `Daily lessons in <#${target}> are off.` : `<#${target}> had no daily lessons.`,
    );
  }
  const schedule = store.schedules.upsert({
    workspaceId: me.workspaceId,
    platform: 'slack',
    target,
    timeOfDay: request.time,
    timeZone: request.timeZone,
    weekdays: request.weekdays,
    createdBy: me.externalId,
  });
  return noticeCard(
    'Daily lessons are on',
    `<#${target}> gets the next lesson and its check at ${describeSchedule(schedule)}. Invite me to the channel (\`/invite @Tutor\`) if I am not there yet.`,
    'good',
  );
}
