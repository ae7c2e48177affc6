/**
 * `daily 09:00 Europe/Berlin weekdays`, `daily list`, `daily off` (and in Slack `daily #channel …`):
 * parsed, checked and worded once. Without a named place the target is the conversation typed in;
 * the time zone defaults to the member's own. Who may change what is in ../schedule-rules.ts; a
 * member who is not a manager may name only a place the platform lists them in.
 */
import { describeSchedule, parseDaily } from '../../scheduler/index.js';
import { userText } from '../../views/card.js';
import { noticeCard } from '../../views/notice.js';
import { changeDaily, dailyCard } from '../daily.js';
import { type ScheduleAsker, visibleTo } from '../schedule-rules.js';
import type { Conversation } from './conversation.js';
import type { ChatDeps } from './deps.js';
import { type Reply, toMember } from './reply.js';

const TITLE = 'Daily lessons';

export async function dailyReply(args: string, conv: Conversation, deps: ChatDeps): Promise<Reply> {
  const me = await conv.member();
  const tutor = conv.surface.tutor;
  if (conv.platform === 'cli' || conv.dailyTargets === 'none')
    return toMember(noticeCard(TITLE, 'Daily lessons are posted in Slack or Teams: set them up there.'));
  const parsed = parseDaily(args, me.timeZone ?? 'UTC');
  if (!parsed.ok)
    return toMember(
      noticeCard(TITLE, `${userText(parsed.message)}\nFor example: \`${tutor}${parsed.example}\``, 'bad'),
    );
  if (parsed.channel && conv.dailyTargets === 'here')
    return toMember(
      noticeCard(
        TITLE,
        `Type the command in the channel or chat that should get the lessons, e.g. \`${tutor}daily 09:00 Europe/Berlin weekdays\`.`,
        'bad',
      ),
    );
  await deps.tutor.member(me);
  const here = conv.place.id;
  const asker: ScheduleAsker = { externalId: conv.memberId, manager: await conv.isManager() };
  const request = parsed.request;
  if (request.kind === 'list') {
    const mine = (await deps.store.schedules.list(conv.workspaceId)).filter((s) => s.platform === conv.platform);
    const shown = visibleTo(mine, asker, here);
    const none = `None yet. Start one with \`${tutor}daily 09:00 Europe/Berlin weekdays\`.`;
    return toMember(
      noticeCard(
        asker.manager ? 'Daily lessons in this workspace' : 'Daily lessons you can change or see here',
        shown.length > 0
          ? (
              await Promise.all(shown.map(async (s) => `• ${await conv.placeName(s.target)}: ${describeSchedule(s)}`))
            ).join('\n')
          : none,
      ),
    );
  }
  // A bare `#general` (typed, not picked from Slack's list) has no id: never guess, and never
  // fall back to the channel the command was typed in.
  if (parsed.channel && !parsed.channel.id)
    return toMember(
      noticeCard(TITLE, 'Pick the channel from the list as you type its name, so I know which one.', 'bad'),
    );
  const target = parsed.channel?.id ?? here;
  if (!target)
    return toMember(noticeCard(TITLE, `Name the channel, e.g. \`${tutor}daily #general 09:00 weekdays\`.`, 'bad'));
  if (!asker.manager && target !== here && !(await conv.isIn?.(target)))
    return toMember(
      noticeCard(
        TITLE,
        `You can only set daily lessons for a channel you are in. Type the command in ${await conv.placeName(target)} itself.`,
        'bad',
      ),
    );
  const place = await conv.placeName(target);
  const change = await changeDaily(deps.store, {
    workspaceId: conv.workspaceId,
    platform: conv.platform,
    target,
    asker,
    request,
  });
  return toMember(
    dailyCard(change, {
      off: (stopped) => (stopped ? `Daily lessons in ${place} are off.` : `${place} had no daily lessons.`),
      on: (when) =>
        // The place comes mid-sentence: in Teams it reads "this channel".
        `The next lesson and its check come to ${place} at ${when}. Turn it off with \`${tutor}daily off\`.${conv.dailyHint ? ` ${conv.dailyHint}` : ''}`,
    }),
  );
}
