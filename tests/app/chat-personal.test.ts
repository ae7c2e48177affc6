import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../src/app/chat/conversation.js';
import type { ChatDeps } from '../../src/app/chat/deps.js';
import { enrollReply, myDailyReply, type Roster } from '../../src/app/chat/personal.js';
import type { MemberRef } from '../../src/app/tutor.js';
import { parseEnroll, parseMyDaily } from '../../src/scheduler/personal-parse.js';
import { SURFACES } from '../../src/views/actions.js';
import { cardToText } from '../../src/views/text.js';
import { makeWorld, member, type World } from '../helpers/world.js';

let w: World;
beforeEach(() => {
  w = makeWorld('2026-06-01T07:00:00Z');
});
afterEach(() => w.close());

/** The platform side of one turn, as Slack's conversation gives it (the port, not our code). */
function slackTurn(me: MemberRef, manager: boolean): Conversation {
  return {
    platform: 'slack',
    workspaceId: me.workspaceId,
    memberId: me.externalId,
    place: { id: 'C1', kind: 'shared' },
    whispers: true,
    dialogs: true,
    surface: SURFACES.slack,
    knownMember: () => me,
    member: async () => me,
    isManager: async () => manager,
    dm: async () => 'sent',
    placeName: async (id) => `#${id}`,
    dailyTargets: 'named',
  };
}

const deps = () => ({ tutor: w.tutor, store: w.store, catalog: w.catalog, now: () => w.now }) as unknown as ChatDeps;
const text = async (reply: Promise<{ card: Parameters<typeof cardToText>[0] }>) => cardToText((await reply).card);

describe('daily me and enroll', () => {
  it('parses a member’s own time and refuses a time zone in it', () => {
    expect(parseMyDaily('08:30 weekdays')).toEqual({
      ok: true,
      request: { kind: 'on', time: '08:30', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] },
    });
    expect(parseMyDaily('reminders off')).toEqual({ ok: true, request: { kind: 'reminders', on: false } });
    expect(parseMyDaily('08:30 Europe/Berlin')).toMatchObject({
      ok: false,
      message: expect.stringContaining('own time zone'),
    });
    expect(parseEnroll('<#C9|general> 9am mon,wed')).toMatchObject({
      ok: true,
      request: { kind: 'on', place: { id: 'C9' }, time: '09:00', weekdays: ['mon', 'wed'] },
    });
    expect(parseEnroll('off', { id: 'C1' })).toEqual({ ok: true, request: { kind: 'off', place: { id: 'C1' } } });
  });

  it('a member turns their own lessons on at their time, then off; an enrolment leaves them off', async () => {
    const ada = member('ada', { timeZone: 'America/New_York' });
    expect(await text(myDailyReply('08:30 weekdays', slackTurn(ada, false), deps()))).toContain(
      '08:30 your time (America/New_York), Mon–Fri',
    );
    expect(await text(myDailyReply('off', slackTurn(ada, false), deps()))).toContain(
      'No enrolment will turn them back on',
    );
    const roster: Roster = async () => [ada, member('bob', { timeZone: 'Asia/Tokyo' })];
    const boss = member('boss');
    expect(await text(enrollReply('<#C7|team> 09:00 weekdays', slackTurn(ada, false), deps(), roster))).toContain(
      'Only a manager',
    );
    const enrolled = await text(enrollReply('<#C7|team> 09:00 weekdays', slackTurn(boss, true), deps(), roster));
    expect(enrolled).toContain('1 member get');
    expect(enrolled).toContain('1 member turned their lessons off before and was left out');
    expect(await text(myDailyReply('', slackTurn(ada, false), deps()))).toContain('Off.');
    expect(await text(myDailyReply('', slackTurn(member('bob', { timeZone: 'Asia/Tokyo' }), false), deps()))).toContain(
      '09:00 your time (Asia/Tokyo), Mon–Fri; reminders on',
    );
    const list = await text(enrollReply('list', slackTurn(boss, true), deps(), roster));
    expect(list).toContain("#C7: 09:00 each member's own time, Mon–Fri");
    expect(list).toContain('1 opted out');
    expect(await text(enrollReply('off <#C7|team>', slackTurn(boss, true), deps(), roster))).toContain(
      '1 schedule stopped',
    );
  });
});
