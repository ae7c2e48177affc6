/**
 * Personal daily lessons in Teams, end to end: the real server and CloudAdapter fed Teams
 * activities, the real SQLite file, and the Bot Connector played by FakeConnector. Only the clock is
 * ours: from Friday 27 March 2026 in ten-minute steps, over Berlin's spring change and three
 * midnights, one pass of the personal runner per step. A member's time zone is what their Teams
 * client says; a DM reaches only a member who has the app in their personal scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardOf, clickData, textOf } from './cards.js';
import type { ConnectorCall } from './fake-connector.js';
import { startTeamsWorld, type TeamsWorld, type Who } from './harness.js';

const START = Date.UTC(2026, 2, 27, 12, 0); // Friday, 13:00 in Berlin
const STEP = 10 * 60_000;
const ZONES: Record<string, string> = {
  ber: 'Europe/Berlin',
  nyc: 'America/New_York',
  tyo: 'Asia/Tokyo',
  out: 'Europe/Berlin',
};

const localTime = (at: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
const localDate = (at: number, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(at);

interface Dm {
  readonly user: string;
  readonly kind: 'lesson' | 'reminder';
  readonly at: number;
  readonly call: ConnectorCall;
}

describe('personal daily lessons by DM in Teams', () => {
  let world: TeamsWorld;
  let clock = START;
  const dms: Dm[] = [];

  const runUntil = async (until: number) => {
    while (clock < until) {
      clock += STEP;
      await world.app.tickPersonal();
    }
  };
  /** What the bot answered to a message: the activities it sent during that turn. */
  const say = async (text: string, who: Who) => {
    const before = world.connector.calls.length;
    expect((await world.message(text, who)).status).toBeLessThan(300);
    return world.connector.calls
      .slice(before)
      .filter((c) => c.kind === 'reply' || c.kind === 'send')
      .map((c) => textOf(cardOf(c)))
      .join('\n');
  };
  const of = (user: string, kind: Dm['kind']) => dms.filter((d) => d.user === user && d.kind === kind);

  beforeAll(async () => {
    world = await startTeamsWorld({ TUTOR_MANAGERS: 'aad-boss', SCHEDULER_TICK_MS: '3600000' }, undefined, {
      now: () => clock,
    });
    for (const user of [...Object.keys(ZONES), 'far'])
      world.connector.members.set(`29:${user}`, { id: `29:${user}`, name: user, aadObjectId: `aad-${user}` });
    // Every proactive message to a personal chat, at the time of our clock.
    world.connector.override('send', (call) => {
      const user = call.conversationId.startsWith('a:1personal-') ? call.conversationId.slice(12) : undefined;
      if (user) {
        const kind = textOf(cardOf(call)).includes("A minute for today's check?") ? 'reminder' : 'lesson';
        dms.push({ user, kind, at: clock, call });
      }
      return undefined;
    });
  });
  afterAll(() => world.close());

  it('enrols the team from its channel; members choose their own time or opt out; one has not installed the app', async () => {
    // The app is installed in each one's personal scope (their chat with the bot exists), but not for `far`.
    for (const [user, tz] of Object.entries(ZONES)) await say('progress', { user, tz });
    expect(await say('daily me 08:30 every day', { user: 'tyo', tz: ZONES.tyo })).toContain(
      'Your daily lessons are on',
    );
    expect(await say('enroll 08:30 every day', { user: 'nyc', scope: 'channel' })).toContain('Only a manager');
    const enrolled = await say('enroll 08:30 every day', { user: 'boss', scope: 'channel' });
    expect(enrolled).toContain('is enrolled');
    expect(enrolled).toContain('4 members'); // ber, nyc, out, far; tyo keeps the time they chose
    expect(enrolled).toContain('not installed the app');
    expect(await say('daily me off', { user: 'out', tz: ZONES.out })).toContain('No enrolment will turn them back on');
  });

  it('sends each reachable member one lesson a day at 08:30 their time, across midnights and the spring change', async () => {
    const answered = new Set<Dm>();
    const until = Date.UTC(2026, 2, 30, 22, 0);
    while (clock < until) {
      await runUntil(clock + STEP);
      // `ber` answers each day's check when it comes: no reminder for them.
      for (const dm of of('ber', 'lesson').filter((d) => !answered.has(d))) {
        answered.add(dm);
        const data = clickData(cardOf(dm.call), 'quiz.answer');
        const res = await world.submit(data, dm.call.responseId ?? '', { user: 'ber', tz: ZONES.ber });
        expect(res.status).toBeLessThan(300);
      }
    }
    for (const user of ['ber', 'nyc', 'tyo']) {
      const zone = ZONES[user] ?? 'UTC';
      const days = ['2026-03-28', '2026-03-29', '2026-03-30'];
      // Enrolled at 08:00 on Friday in New York: from that day; elsewhere 08:30 had passed.
      expect(of(user, 'lesson').map((d) => localDate(d.at, zone))).toEqual(
        user === 'nyc' ? ['2026-03-27', ...days] : days,
      );
      for (const d of of(user, 'lesson')) expect(localTime(d.at, zone)).toBe('08:30');
    }
    expect(of('ber', 'lesson').map((d) => new Date(d.at).toISOString().slice(11, 16))).toEqual([
      '07:30',
      '06:30',
      '06:30',
    ]);
    expect(dms.filter((d) => d.user === 'out' || d.user === 'far')).toEqual([]);
    // The manager sees who cannot be reached, and why.
    const list = await say('enroll list', { user: 'boss', scope: 'channel' });
    expect(list).toContain('1 opted out');
    expect(list).toContain('1 I cannot reach by direct message (the app is not installed for them)');
    // The report (the manager's personal chat) names who is behind, opted out or cannot be reached.
    const report = await say('report', { user: 'boss' });
    expect(report).toContain('Daily lessons by direct message');
    expect(report).toMatch(/Opted out \(1\): Out/);
    expect(report).toMatch(/Cannot be reached \(1\): far/);
  });

  it('reminds a member who did not answer once a day, inside 08:00–19:00 their time; not one who did', async () => {
    expect(of('ber', 'reminder')).toEqual([]);
    for (const user of ['nyc', 'tyo']) {
      const zone = ZONES[user] ?? 'UTC';
      const days = of(user, 'reminder').map((d) => localDate(d.at, zone));
      expect(days.length).toBeGreaterThanOrEqual(2);
      expect(new Set(days).size).toBe(days.length);
      for (const d of of(user, 'reminder')) {
        const time = localTime(d.at, zone);
        expect(time >= '08:00' && time <= '19:00').toBe(true);
      }
    }
  });

  it('serves a member whose Teams client moved to Los Angeles at 08:30 there from the next day', async () => {
    await say('progress', { user: 'nyc', tz: 'America/Los_Angeles' });
    const before = of('nyc', 'lesson').length;
    await runUntil(Date.UTC(2026, 3, 1, 18, 0));
    const after = of('nyc', 'lesson').slice(before);
    expect(after.length).toBeGreaterThanOrEqual(1);
    for (const d of after) expect(localTime(d.at, 'America/Los_Angeles')).toBe('08:30');
    const days = of('nyc', 'lesson').map((d) => localDate(d.at, 'America/Los_Angeles'));
    expect(new Set(days).size).toBe(days.length);
  });

  it('tells a member who turns lessons on without the app in their personal scope that it cannot reach them', async () => {
    const answer = await say('daily me 08:30', { user: 'zed', scope: 'channel' });
    expect(answer).toContain('Your daily lessons are on');
    expect(answer).toContain('I cannot message you privately yet');
    expect(await say('daily me 08:30', { user: 'ber', tz: ZONES.ber })).not.toContain('I cannot message you');
  });
});
