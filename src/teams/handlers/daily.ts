import { changeDaily, dailyCard } from '../../app/daily.js';
import { type ScheduleAsker, visibleTo } from '../../app/schedule-rules.js';
import { describeSchedule, parseDaily } from '../../scheduler/index.js';
import { type Card, userText } from '../../views/card.js';
import { noticeCard } from '../../views/notice.js';
import type { TeamsRuntimeDeps, Turn } from '../context.js';
import { conversationLabel } from '../conversations.js';
import { isManager } from './manager.js';

/**
 * `daily 09:00 Europe/Berlin weekdays`, `daily list`, `daily off`, typed in the channel, group
 * chat or personal chat that should get the lessons: the schedule's target is that conversation,
 * whose stored reference lets the scheduler post there later. The time zone defaults to the one
 * the member's Teams client reports. Who may change what is in app/schedule-rules.ts; typing in
 * the conversation is what shows the member is in it.
 */
export async function dailyCommand(args: string, turn: Turn, deps: TeamsRuntimeDeps): Promise<Card> {
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
  const asker: ScheduleAsker = { externalId: me.externalId, manager: await isManager(turn, deps) };
  if (request.kind === 'list') {
    const teams = store.schedules.list(me.workspaceId).filter((s) => s.platform === 'teams');
    const shown = visibleTo(teams, asker, target);
    // A channel's or chat's name is whatever its members called it: data, not markup.
    const where = (t: string) => (t === target ? 'Here' : userText(conversationLabel(store, t)));
    return noticeCard(
      asker.manager ? 'Daily lessons in this organisation' : 'Daily lessons you can change or see here',
      shown.length > 0
        ? shown.map((s) => `• ${where(s.target)}: ${describeSchedule(s)}`).join('\n')
        : 'None yet. Start one here with `daily 09:00 Europe/Berlin weekdays`.',
    );
  }
  const change = changeDaily(store, { workspaceId: me.workspaceId, platform: 'teams', target, asker, request });
  return dailyCard(change, {
    off: (stopped) => (stopped ? 'Daily lessons here are off.' : 'There were no daily lessons here.'),
    on: (when) =>
      `This ${turn.scope === 'channel' ? 'channel' : 'chat'} gets the next lesson and its check at ${when}. Turn it off with \`daily off\`.`,
  });
}
