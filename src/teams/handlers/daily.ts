import { describeSchedule, parseDaily } from '../../scheduler/index.js';
import { type Card, userText } from '../../views/card.js';
import { noticeCard } from '../../views/notice.js';
import type { TeamsDeps, Turn } from '../context.js';
import { conversationLabel } from '../conversations.js';

/**
 * `daily 09:00 Europe/Berlin weekdays`, `daily list`, `daily off`, typed in the channel, group
 * chat or personal chat that should get the lessons: the schedule's target is that conversation,
 * whose stored reference lets the scheduler post there later. The time zone defaults to the one
 * the member's Teams client reports.
 */
export function dailyCommand(args: string, turn: Turn, deps: TeamsDeps): Card {
  const { me } = turn;
  const parsed = parseDaily(args, me.timeZone ?? 'UTC');
  if (!parsed.ok)
    return noticeCard('Daily lessons', `${userText(parsed.message)}\nFor example: \`${parsed.example}\``, 'bad');
  if (parsed.channel)
    return noticeCard(
      'Daily lessons',
      'In Teams, type the command in the channel or chat that should get the lessons, e.g. `daily 09:00 Europe/Berlin weekdays`.',
      'bad',
    );
  const { store } = deps;
  deps.tutor.member(me);
  const target = turn.conversationId;
  const request = parsed.request;
  if (request.kind === 'list') {
    const active = store.schedules.list(me.workspaceId).filter((s) => s.active && s.platform === 'teams');
    // A channel's or chat's name is whatever its members called it: data, not markup.
    const where = (t: string) => (t === target ? 'Here' : userText(conversationLabel(store, t)));
    return noticeCard(
      'Daily lessons in this organisation',
      active.length > 0
        ? active.map((s) => `• ${where(s.target)}: ${describeSchedule(s)}`).join('\n')
        : 'None yet. Start one here with `daily 09:00 Europe/Berlin weekdays`.',
    );
  }
  if (request.kind === 'off') {
    const stopped = store.schedules.deactivate(me.workspaceId, target);
    return noticeCard('Daily lessons', stopped ? 'Daily lessons here are off.' : 'There were no daily lessons here.');
  }
  const schedule = store.schedules.upsert({
    workspaceId: me.workspaceId,
    platform: 'teams',
    target,
    timeOfDay: request.time,
    timeZone: request.timeZone,
    weekdays: request.weekdays,
    createdBy: me.externalId,
  });
  return noticeCard(
    'Daily lessons are on',
    `This ${turn.scope === 'channel' ? 'channel' : 'chat'} gets the next lesson and its check at ${describeSchedule(schedule)}. Turn it off with \`daily off\`.`,
    'good',
  );
}
