/**
 * Personal daily lessons in Slack, end to end: the real server, Bolt's HTTP receiver fed signed
 * requests, the real SQLite file, and the Web API played by FakeSlack. Only the clock is ours: it
 * starts on Friday 27 March 2026 and moves in ten-minute steps over Berlin's spring change (Sunday
 * 29 March) and over three midnights, and the personal runner takes one pass per step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCall } from './fake-slack-api.js';
import { type SlackWorld, startSlackWorld } from './harness.js';

const START = Date.UTC(2026, 2, 27, 12, 0); // Friday, 13:00 in Berlin
const STEP = 10 * 60_000;
const ZONES: Record<string, string> = {
  UBER: 'Europe/Berlin',
  UNYC: 'America/New_York',
  UTYO: 'Asia/Tokyo',
  UOUT: 'Europe/Berlin',
};

const localTime = (at: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
const localDate = (at: number, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(at);

interface Dm {
  readonly user: string;
  readonly kind: string;
  readonly at: number;
  readonly call: ApiCall;
}

describe('personal daily lessons by DM in Slack', () => {
  let world: SlackWorld;
  let clock = START;
  const dms: Dm[] = [];

  /** Moves the clock to `until`, one pass of the runner per step. */
  const runUntil = async (until: number) => {
    while (clock < until) {
      clock += STEP;
      await world.app.tickPersonal();
    }
  };
  /** `/tutor <text>` as `user`: the answer it sent to the command's response URL. */
  const reply = async (user: string, text: string, channel = 'C1') => {
    const before = world.api.called('response_url').length;
    expect((await world.command('/tutor', text, { user, channel })).status).toBe(200);
    const answer = await world.api.waitFor(
      'response_url',
      (c) => world.api.called('response_url').indexOf(c) >= before,
    );
    return JSON.stringify(answer.body);
  };
  const of = (user: string, kind: string) => dms.filter((d) => d.user === user && d.kind === kind);

  beforeAll(async () => {
    world = await startSlackWorld({ SCHEDULER_TICK_MS: '3600000' }, undefined, { now: () => clock });
    for (const [user, tz] of Object.entries(ZONES)) world.api.users.set(user, { tz, name: user });
    world.api.users.set('UBOSS', { tz: 'Europe/Berlin', is_admin: true, name: 'boss' });
    world.api.users.set('UBOT2', { tz: 'UTC', is_bot: true });
    world.api.channels.set('CTEAM', ['UBER', 'UNYC', 'UOUT', 'UBOT2']);
    // Every DM as the member sees it, at the time of our clock.
    world.api.override('chat.postMessage', (call) => {
      const delivery = (call.body.metadata as { event_payload?: { delivery?: string } } | undefined)?.event_payload
        ?.delivery;
      if (delivery) dms.push({ user: String(call.body.channel), kind: delivery.split(':')[2] ?? '', at: clock, call });
      return undefined;
    });
  });
  afterAll(() => world.close());

  it('enrols a channel, lets a member choose their own time and another opt out', async () => {
    // Tokyo chooses for themselves; the manager enrols the channel; Berlin's second member opts out.
    expect(await reply('UTYO', 'daily me 08:30 every day')).toContain('Your daily lessons are on');
    expect(await reply('UNYC', 'enroll <#CTEAM|team> 08:30 every day')).toContain('Only a manager');
    const enrolled = await reply('UBOSS', 'enroll <#CTEAM|team> 08:30 every day');
    expect(enrolled).toContain('is enrolled');
    expect(enrolled).toContain('3 members'); // the bot is no member
    expect(await reply('UOUT', 'daily me off')).toContain('No enrolment will turn them back on');
    expect(await reply('UBOSS', 'enroll list')).toContain('1 opted out');
  });

  it('sends each member one lesson a day at 08:30 their time, across midnights and the spring change', async () => {
    // A member who answers the day's check gets no reminder: UBER answers each lesson when it comes.
    const answered = new Set<Dm>();
    const until = Date.UTC(2026, 2, 30, 22, 0);
    while (clock < until) {
      await runUntil(clock + STEP);
      for (const dm of of('UBER', 'lesson').filter((d) => !answered.has(d))) {
        answered.add(dm);
        const blocks = dm.call.body.blocks as unknown[];
        const click = await world.click({ blocks }, /^quiz\.answer:/, {
          user: 'UBER',
          channel: 'DBER',
          ephemeral: false,
        });
        expect(click.status).toBe(200);
      }
    }
    for (const user of ['UBER', 'UNYC', 'UTYO']) {
      const lessons = of(user, 'lesson');
      const zone = ZONES[user] ?? 'UTC';
      // Enrolled at 08:00 on Friday in New York: from that day. Elsewhere 08:30 had passed: from
      // Saturday. Then Sunday (Berlin moves to summer time) and Monday: one each, at 08:30 local.
      const days = ['2026-03-28', '2026-03-29', '2026-03-30'];
      expect(lessons.map((d) => localDate(d.at, zone))).toEqual(user === 'UNYC' ? ['2026-03-27', ...days] : days);
      for (const d of lessons) expect(localTime(d.at, zone)).toBe('08:30');
    }
    // The spring change: 07:30 UTC on Saturday, 06:30 UTC on Sunday.
    expect(of('UBER', 'lesson').map((d) => new Date(d.at).toISOString().slice(11, 16))).toEqual([
      '07:30',
      '06:30',
      '06:30',
    ]);
    expect(of('UOUT', 'lesson')).toEqual([]);
    expect(dms.filter((d) => d.user === 'UBOT2')).toEqual([]);
    const report = await reply('UBOSS', 'report');
    expect(report).toContain('Daily lessons by direct message');
    expect(report).toMatch(/Opted out \(1\): UOUT/);
    expect(JSON.stringify(of('UTYO', 'lesson')[0]?.call.body.blocks)).toContain('quiz.answer');
  });

  it('reminds a member who did not answer once a day, inside 08:00–19:00 their time; not one who did', async () => {
    expect(of('UBER', 'reminder')).toEqual([]);
    for (const user of ['UNYC', 'UTYO']) {
      const zone = ZONES[user] ?? 'UTC';
      const reminders = of(user, 'reminder');
      const days = reminders.map((d) => localDate(d.at, zone));
      expect(new Set(days).size).toBe(days.length);
      expect(days.length).toBeGreaterThanOrEqual(2);
      for (const d of reminders) {
        const time = localTime(d.at, zone);
        expect(time >= '08:00' && time <= '19:00').toBe(true);
      }
    }
  });

  it('serves a member who moved at 08:30 in the new zone from the next day', async () => {
    // New York moves to Los Angeles; their profile says so the next time they use the tutor.
    world.api.users.set('UNYC', { tz: 'America/Los_Angeles', name: 'UNYC' });
    await runUntil(clock + 3 * 60 * 60_000); // past the profile cache
    expect(await reply('UNYC', 'progress')).toBeTruthy();
    const before = of('UNYC', 'lesson').length;
    await runUntil(Date.UTC(2026, 3, 1, 18, 0));
    const after = of('UNYC', 'lesson').slice(before);
    expect(after.length).toBeGreaterThanOrEqual(1);
    for (const d of after) expect(localTime(d.at, 'America/Los_Angeles')).toBe('08:30');
    // Never twice in one local day, in either zone.
    const days = of('UNYC', 'lesson').map((d) => localDate(d.at, 'America/Los_Angeles'));
    expect(new Set(days).size).toBe(days.length);
  });

  it("turns a member's own lesson on from the App Home, with a time and days chosen there", async () => {
    await world.event({ type: 'app_home_opened', user: 'UHOME', channel: 'DHOME', tab: 'home', event_ts: '1' });
    const publish = await world.api.waitFor('views.publish', (c) => c.body.user_id === 'UHOME');
    const view = publish.body.view as {
      blocks: { type: string; block_id?: string; accessory?: Select; elements?: unknown[] }[];
    };
    expect(JSON.stringify(view)).toContain('My daily lesson');
    // The member picks 07:30 and every day, then Save, as Slack sends it: the selects' state with the click.
    const values: Record<string, Record<string, unknown>> = {};
    for (const b of view.blocks.filter((b) => b.accessory?.type === 'static_select')) {
      const select = b.accessory as Select;
      const option =
        select.options.find((o) => o.value === '07:30') ?? select.options.find((o) => o.value === 'every day');
      values[b.block_id ?? ''] = { [select.action_id]: { type: 'static_select', selected_option: option } };
    }
    const before = world.api.called('chat.postMessage').length;
    const res = await world.click({ blocks: view.blocks }, /^personal\.set:/, {
      user: 'UHOME',
      home: true,
      state: { values },
    });
    expect(res.status).toBe(200);
    const answer = await world.api.waitFor(
      'chat.postMessage',
      (c) => world.api.called('chat.postMessage').indexOf(c) >= before && c.body.channel === 'DHOME',
    );
    expect(JSON.stringify(answer.body)).toContain('07:30 your time (Europe/Berlin), every day');
    // The Home is shown again at once, with the lesson on.
    await world.api.waitFor(
      'views.publish',
      (c) => c.body.user_id === 'UHOME' && JSON.stringify(c.body.view).includes('On: 07:30'),
    );
  });
});

interface Select {
  type: string;
  action_id: string;
  options: { value: string; text: { text: string } }[];
}
