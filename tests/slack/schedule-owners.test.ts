import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SCHEDULES_PER_WORKSPACE } from '../../src/app/schedule-rules.js';
import { type SlackWorld, startSlackWorld, type Who } from './harness.js';

const textOf = (m: unknown) => JSON.stringify(m);

let w: SlackWorld;
beforeAll(async () => {
  w = await startSlackWorld({ TUTOR_MANAGERS: 'UBOSS' });
});
afterAll(() => w.close());

let seen = 0;
/** Runs `/tutor daily …` and returns the text of the answer only the asker sees. */
async function daily(args: string, who: Who): Promise<string> {
  await w.command('/tutor', `daily ${args}`, who);
  const call = await w.api.waitFor('response_url', (c) => w.api.calls.indexOf(c) >= seen);
  seen = w.api.calls.indexOf(call) + 1;
  return textOf(call.body);
}

const scheduleOf = async (target: string) =>
  (
    await w.rows<{ target: string; time: string; owner: string; active: number }>(
      'select target, time_of_day as time, created_by as owner, active from schedules where target = ?',
      [target],
    )
  )[0];

describe('daily schedules have owners (Slack)', () => {
  it('never guesses a channel typed by name only: it asks to pick it, and sets up nothing here', async () => {
    const answer = await daily('#general 09:00 Europe/Berlin weekdays', { user: 'UZED', channel: 'CZED' });
    expect(answer).toContain('Pick the channel from the list');
    expect(await scheduleOf('CZED')).toBeUndefined();
  });

  it('lets only the member who started a schedule, or a manager, change or stop it', async () => {
    expect(await daily('09:00 Europe/Berlin weekdays', { user: 'UANN', channel: 'CTEAM' })).toContain(
      'Daily lessons are on',
    );
    // Another member of the same channel can neither move it nor turn it off.
    expect(await daily('17:00 Europe/Berlin', { user: 'UBEN', channel: 'CTEAM' })).toContain('Someone else started');
    expect(await daily('off', { user: 'UBEN', channel: 'CTEAM' })).toContain('Someone else started');
    expect(await scheduleOf('CTEAM')).toMatchObject({ time: '09:00', owner: 'UANN', active: 1 });
    // The owner may; so may a manager, and the schedule stays the owner's.
    expect(await daily('10:00 Europe/Berlin weekdays', { user: 'UANN', channel: 'CTEAM' })).toContain('10:00');
    expect(await daily('11:00 Europe/Berlin weekdays', { user: 'UBOSS', channel: 'CTEAM' })).toContain('11:00');
    expect(await scheduleOf('CTEAM')).toMatchObject({ time: '11:00', owner: 'UANN', active: 1 });
    expect(await daily('off', { user: 'UANN', channel: 'CTEAM' })).toContain('are off');
  });

  it('refuses a channel the member is not in, such as a private one, and accepts one Slack lists them in', async () => {
    w.api.channels.set('COPEN', ['UBEN', 'UCAL']);
    const refused = await daily('<#GSECRET|secret> 09:00 Europe/Berlin', { user: 'UBEN', channel: 'CTEAM' });
    expect(refused).toContain('only set daily lessons for a channel you are in');
    const notIn = await daily('<#COPEN|open> 09:00 Europe/Berlin', { user: 'UDAN', channel: 'CTEAM' });
    expect(notIn).toContain('only set daily lessons for a channel you are in');
    expect(await scheduleOf('GSECRET')).toBeUndefined();
    expect(await scheduleOf('COPEN')).toBeUndefined();
    expect(await daily('<#COPEN|open> 09:00 Europe/Berlin', { user: 'UBEN', channel: 'CTEAM' })).toContain(
      'Daily lessons are on',
    );
    // A member who has left the channel cannot change the schedule they started there.
    w.api.channels.set('COPEN', ['UCAL']);
    expect(await daily('off <#COPEN|open>', { user: 'UBEN', channel: 'CTEAM' })).toContain('channel you are in');
    expect(await scheduleOf('COPEN')).toMatchObject({ owner: 'UBEN', active: 1 });
  });

  it('lists every schedule for a manager, and for a member the ones they started and this channel’s', async () => {
    await daily('08:00 Europe/Berlin', { user: 'UEVE', channel: 'CEVE' });
    const member = await daily('list', { user: 'UEVE', channel: 'CTEAM' });
    expect(member).toContain('CEVE');
    expect(member).not.toContain('COPEN');
    const manager = await daily('list', { user: 'UBOSS', channel: 'CTEAM' });
    expect(manager).toContain('CEVE');
    expect(manager).toContain('COPEN');
  });

  it(`runs at most ${MAX_SCHEDULES_PER_WORKSPACE} schedules in a workspace, managers included`, async () => {
    const [{ n: running } = { n: 0 }] = await w.rows<{ n: number }>(
      "select count(*) as n from schedules where active = 1 and workspace_id = 'slack:T1'",
    );
    for (let i = running; i < MAX_SCHEDULES_PER_WORKSPACE; i++)
      await w.run(
        `insert into schedules (workspace_id, platform, target, time_of_day, time_zone, weekdays, created_by, active, created_at, updated_at)
         values ('slack:T1', 'slack', ?, '09:00', 'UTC', 'mon', 'UFILL', 1, 1, 1)`,
        [`CFILL${i}`],
      );
    expect(await daily('09:00 Europe/Berlin', { user: 'UBOSS', channel: 'CNEW' })).toContain('the most it may run');
    expect(await scheduleOf('CNEW')).toBeUndefined();
    // Changing one that runs already is still fine, and stopping one makes room.
    expect(await daily('07:00 Europe/Berlin', { user: 'UEVE', channel: 'CEVE' })).toContain('07:00');
    expect(await daily('off', { user: 'UEVE', channel: 'CEVE' })).toContain('are off');
    expect(await daily('09:00 Europe/Berlin', { user: 'UBOSS', channel: 'CNEW' })).toContain('Daily lessons are on');
  });
});
