import type { WebClient } from '@slack/web-api';
import { changeDaily, dailyCard } from '../app/daily.js';
import { type ScheduleAsker, visibleTo } from '../app/schedule-rules.js';
import type { MemberRef } from '../app/tutor.js';
import { describeSchedule, parseDaily } from '../scheduler/index.js';
import { type Card, userText } from '../views/card.js';
import { noticeCard } from '../views/notice.js';
import { isManager, type SlackDeps } from './context.js';
import type { Turn } from './intents.js';

/** Pages of conversations.members read at most (1,000 members each) before giving up. */
const MEMBER_PAGES = 20;

/**
 * Whether Slack lists the user as a member of the channel. A channel the bot cannot see (a private
 * one it was not invited to, or a missing scope) counts as "not shown to be a member".
 */
async function inChannel(client: WebClient, channel: string, userId: string, deps: SlackDeps): Promise<boolean> {
  try {
    let cursor: string | undefined;
    for (let page = 0; page < MEMBER_PAGES; page++) {
      const res = await client.conversations.members({ channel, limit: 1000, ...(cursor ? { cursor } : {}) });
      if (res.members?.includes(userId)) return true;
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) return false;
    }
  } catch (error) {
    deps.log.warn('slack.channel_members_failed', { channel, error });
  }
  return false;
}

/**
 * `/tutor daily #channel 09:00 Europe/Berlin weekdays`, `/tutor daily list`, `/tutor daily off #channel`.
 * Without a channel it means the channel the command was typed in; the time zone defaults to the
 * member's own Slack time zone. Who may change what is in app/schedule-rules.ts; a member who is
 * not a manager may only name a channel Slack lists them in (where they type is one by definition).
 */
export async function dailyCommand(args: string, me: MemberRef, turn: Turn, deps: SlackDeps): Promise<Card> {
  const parsed = parseDaily(args, me.timeZone ?? 'UTC');
  if (!parsed.ok)
    return noticeCard('Daily lessons', `${userText(parsed.message)}\nFor example: \`/tutor ${parsed.example}\``, 'bad');
  const { store } = deps;
  deps.tutor.member(me);
  const target = parsed.channel?.id ?? turn.channelId;
  const request = parsed.request;
  const asker: ScheduleAsker = {
    externalId: me.externalId,
    manager: await isManager(turn.client, turn.teamId, turn.userId, deps),
  };
  if (request.kind === 'list') {
    const shown = visibleTo(store.schedules.list(me.workspaceId), asker, turn.channelId);
    const none = asker.manager
      ? 'None yet. Start one with `/tutor daily #channel 09:00 Europe/Berlin weekdays`.'
      : 'None that you started or for this channel. Start one with `/tutor daily 09:00 Europe/Berlin weekdays`.';
    return noticeCard(
      asker.manager ? 'Daily lessons in this workspace' : 'Daily lessons you can change or see here',
      shown.length > 0 ? shown.map((s) => `• <#${s.target}>: ${describeSchedule(s)}`).join('\n') : none,
    );
  }
  if (!target)
    return noticeCard('Daily lessons', 'Name the channel, e.g. `/tutor daily #general 09:00 weekdays`.', 'bad');
  if (!asker.manager && target !== turn.channelId && !(await inChannel(turn.client, target, turn.userId, deps)))
    return noticeCard(
      'Daily lessons',
      `You can only set daily lessons for a channel you are in. Type the command in <#${target}> itself.`,
      'bad',
    );
  const change = changeDaily(store, { workspaceId: me.workspaceId, platform: 'slack', target, asker, request });
  return dailyCard(change, {
    off: (stopped) => (stopped ? `Daily lessons in <#${target}> are off.` : `<#${target}> had no daily lessons.`),
    on: (when) =>
      `<#${target}> gets the next lesson and its check at ${when}. Invite me to the channel (\`/invite @Tutor\`) if I am not there yet.`,
  });
}
