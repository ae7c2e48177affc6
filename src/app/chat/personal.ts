/**
 * `daily me …` (a member's own lessons by DM) and `enroll …` (a manager gives a place's members
 * personal lessons), worded once for every platform. The platform lists a place's members (the
 * roster port) and words nothing; the rules are in ../enrolment.ts and the sending in the scheduler.
 */
import { describeDays } from '../../scheduler/days.js';
import type { ChannelRef } from '../../scheduler/parse.js';
import { parseEnroll, parseMyDaily } from '../../scheduler/personal-parse.js';
import type { Card } from '../../views/card.js';
import { userText } from '../../views/card.js';
import { noticeCard } from '../../views/notice.js';
import { myDailyHomeCard } from '../../views/personal.js';
import { changeMyDaily, endEnrolment, enrolPlace, personalStandings } from '../enrolment.js';
import type { Conversation, Roster } from './conversation.js';
import type { ChatDeps } from './deps.js';
import { type Reply, toMember } from './reply.js';

const TITLE = 'Your daily lessons';
const ENROL = 'Enrolment';
/** Teams lets a bot message only members who have the app in their personal scope. */
const UNREACHABLE =
  'I cannot message you privately yet: add the app for yourself (open a chat with me) so your lessons can reach you.';

export type { Roster };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export async function myDailyReply(args: string, conv: Conversation, deps: ChatDeps): Promise<Reply> {
  const tutor = conv.surface.tutor;
  if (conv.platform === 'cli')
    return toMember(noticeCard(TITLE, 'Daily lessons come by direct message in Slack or Teams.'));
  const parsed = parseMyDaily(args);
  if (!parsed.ok)
    return toMember(
      noticeCard(TITLE, `${userText(parsed.message)}\nFor example: \`${tutor}${parsed.example}\``, 'bad'),
    );
  const ref = await conv.member();
  const member = await deps.tutor.member(ref);
  const request = parsed.request;
  if (request.kind === 'status') {
    const s = await deps.store.personalSchedules.get(member.id);
    const text = !s
      ? `Not set. Start with \`${tutor}daily me 08:30 weekdays\`: a lesson and its check by direct message at that time in your own time zone.`
      : s.optedOut || !s.active
        ? `Off. Turn them on with \`${tutor}daily me 08:30 weekdays\`.`
        : s.finishedAt !== null
          ? `You finished the chapter, so they stopped. \`${tutor}daily me ${s.timeOfDay}\` starts them again.`
          : `${s.timeOfDay} your time (${s.timeZone}), ${describeDays(s.weekdays)}; reminders ${s.reminders ? 'on' : 'off'}.`;
    return toMember(noticeCard(TITLE, text));
  }
  const change = await changeMyDaily(deps.store, deps.tutor, ref, request);
  switch (change.kind) {
    case 'on': {
      const s = change.schedule;
      return toMember(
        noticeCard(
          'Your daily lessons are on',
          `Your next lesson and its check come by direct message at ${s.timeOfDay} your time (${s.timeZone}), ${describeDays(s.weekdays)}. ` +
            `If you have not answered, one reminder comes a few hours later, never before 08:00 or after 19:00 (\`${tutor}daily me reminders off\`). ` +
            `Stop with \`${tutor}daily me off\`.${(await conv.canDm?.()) === false ? ` ${UNREACHABLE}` : ''}`,
          'good',
        ),
      );
    }
    case 'off':
      return toMember(
        noticeCard(
          TITLE,
          change.changed
            ? `Off. No enrolment will turn them back on; \`${tutor}daily me 08:30\` does.`
            : 'You had no daily lessons.',
        ),
      );
    case 'reminders':
      return toMember(
        noticeCard(
          TITLE,
          change.changed
            ? `Reminders ${request.kind === 'reminders' && request.on ? 'on' : 'off'}.`
            : `You have no daily lessons yet. Start with \`${tutor}daily me 08:30 weekdays\`.`,
        ),
      );
  }
}

const placeId = (place: ChannelRef, conv: Conversation) => place.id ?? (place.name ? undefined : conv.place.id);

export async function enrollReply(args: string, conv: Conversation, deps: ChatDeps, roster: Roster): Promise<Reply> {
  const tutor = conv.surface.tutor;
  if (conv.platform === 'cli') return toMember(noticeCard(ENROL, 'Enrol a channel or team in Slack or Teams.'));
  if (!(await conv.isManager()))
    return toMember(
      noticeCard(ENROL, 'Only a manager can enrol a channel. Anyone can start their own: `daily me 08:30`.', 'bad'),
    );
  const here = conv.place.id ? { id: conv.place.id } : undefined;
  const parsed = parseEnroll(args, here);
  if (!parsed.ok)
    return toMember(
      noticeCard(ENROL, `${userText(parsed.message)}\nFor example: \`${tutor}${parsed.example}\``, 'bad'),
    );
  const request = parsed.request;
  if (request.kind === 'list') {
    const enrolments = (await deps.store.enrolments.list(conv.workspaceId)).filter((e) => e.platform === conv.platform);
    const standings = await personalStandings(deps.store, conv.workspaceId);
    const count = (what: string) => standings.filter((s) => s.standing === what).length;
    const lines = await Promise.all(
      enrolments.map(
        async (e) =>
          `• ${await conv.placeName(e.place)}: ${e.timeOfDay} each member's own time, ${describeDays(e.weekdays)}`,
      ),
    );
    const unreachable = standings.filter((s) => s.standing === 'unreachable');
    const summary =
      `${plural(count('on-time') + count('behind'), 'member')} with daily lessons: ${count('on-time')} on time, ${count('behind')} behind; ` +
      `${count('opted-out')} opted out${unreachable.length > 0 ? `; ${unreachable.length} I cannot reach by direct message (${conv.platform === 'teams' ? 'the app is not installed for them' : 'see the report'})` : ''}.`;
    return toMember(
      noticeCard(
        'Enrolled channels',
        lines.length > 0
          ? `${lines.join('\n')}\n${summary}`
          : `None yet. Enrol one with \`${tutor}enroll #channel 09:00 weekdays\`.`,
      ),
    );
  }
  const id = placeId(request.place, conv);
  if (!id)
    return toMember(
      noticeCard(ENROL, 'Pick the channel from the list as you type its name, so I know which one.', 'bad'),
    );
  const place = await conv.placeName(id);
  if (request.kind === 'off') {
    const ended = await endEnrolment(deps.store, conv.workspaceId, id);
    return toMember(
      noticeCard(
        ENROL,
        ended.ended
          ? `${place} is no longer enrolled: ${plural(ended.stopped, 'schedule')} stopped. Members who chose their own time keep it.`
          : `${place} was not enrolled.`,
      ),
    );
  }
  const members = await roster(id);
  if (!members)
    return toMember(
      noticeCard(ENROL, `I cannot see who is in ${place}. Add me to it first, then enrol it again.`, 'bad'),
    );
  const manager = await conv.member();
  const outcome = await enrolPlace(deps.store, deps.tutor, {
    workspaceId: conv.workspaceId,
    platform: conv.platform,
    place: id,
    timeOfDay: request.time,
    weekdays: request.weekdays,
    managerId: manager.externalId,
    members,
  });
  const notes = [
    outcome.keptOwn.length > 0 ? `${plural(outcome.keptOwn.length, 'member')} keep the time they chose.` : '',
    outcome.optedOut.length > 0
      ? `${plural(outcome.optedOut.length, 'member')} turned their lessons off before and ${outcome.optedOut.length === 1 ? 'was' : 'were'} left out.`
      : '',
    conv.platform === 'teams'
      ? 'Members who have not installed the app cannot get direct messages; the list shows them.'
      : '',
  ].filter(Boolean);
  return toMember(
    noticeCard(
      `${place} is enrolled`,
      `${plural(outcome.enrolled.length, 'member')} get a lesson and its check by direct message at ${request.time} their own time, ${describeDays(request.weekdays)}. ${notes.join(' ')}`.trim(),
      'good',
    ),
  );
}

/** The App Home's toggle for the member's own lessons, showing their schedule now. */
export async function myDailyHome(deps: ChatDeps, memberId: number): Promise<Card> {
  const s = await deps.store.personalSchedules.get(memberId);
  return myDailyHomeCard(
    s?.active && !s.optedOut && s.finishedAt === null
      ? { time: s.timeOfDay, everyDay: s.weekdays.length === 7, zone: s.timeZone }
      : undefined,
  );
}
