import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SCHEDULES_PER_WORKSPACE } from '../../src/app/schedule-rules.js';
import { cardOf, textOf } from './cards.js';
import { CHANNEL_ID, GROUP_CHAT, startTeamsWorld, TENANT, type TeamsWorld, type Who } from './harness.js';

let w: TeamsWorld;
beforeAll(async () => {
  w = await startTeamsWorld({ TUTOR_MANAGERS: 'aad-boss' });
});
afterAll(() => w.close());

/** Says `daily …` and returns the text of the card the bot answered with. */
async function daily(args: string, who: Who): Promise<string> {
  const before = w.connector.calls.length;
  expect((await w.message(`daily ${args}`, who)).status).toBe(200);
  const reply = w.connector.calls.slice(before).find((c) => c.kind !== 'member');
  if (!reply) throw new Error('no reply');
  return textOf(cardOf(reply));
}

const scheduleOf = async (target: string) =>
  (
    await w.rows<{ time: string; owner: string; active: number }>(
      'select time_of_day as time, created_by as owner, active from schedules where target = ?',
      [target],
    )
  )[0];

const channel = (user: string): Who => ({ scope: 'channel', user });

describe('daily schedules have owners (Teams)', () => {
  it('lets only the member who started a channel’s schedule, or a manager, change or stop it', async () => {
    expect(await daily('09:00 Europe/Berlin weekdays', channel('ed'))).toContain('Daily lessons are on');
    expect(await daily('17:00 Europe/Berlin', channel('fay'))).toContain('Someone else started');
    expect(await daily('off', channel('fay'))).toContain('Someone else started');
    expect(await scheduleOf(CHANNEL_ID)).toMatchObject({ time: '09:00', owner: 'aad-ed', active: 1 });
    expect(await daily('11:00 Europe/Berlin weekdays', channel('boss'))).toContain('11:00');
    expect(await scheduleOf(CHANNEL_ID)).toMatchObject({ time: '11:00', owner: 'aad-ed', active: 1 });
  });

  it('lists every schedule for a manager, and for a member the ones they started and this chat’s', async () => {
    expect(await daily('08:00 Europe/Berlin', { scope: 'groupChat', user: 'gus' })).toContain('Daily lessons are on');
    const member = await daily('list', { scope: 'groupChat', user: 'hal' });
    // Only this chat's schedule: the channel's, started by Ed, is not Hal's to see.
    expect(member).toContain('this chat: 08:00');
    expect(member.split('•')).toHaveLength(2);
    const manager = await daily('list', channel('boss'));
    expect(manager).toContain('08:00');
    expect(manager).toContain('this channel: 11:00');
  });

  it('names each place by what its members call it, from where the list was asked', async () => {
    const elsewhere = await daily('list', { user: 'boss' });
    expect(elsewhere).toContain('Product › General: 11:00');
    expect(elsewhere).toContain('a group chat: 08:00');
    expect(elsewhere).not.toContain('this chat');
  });

  it(`runs at most ${MAX_SCHEDULES_PER_WORKSPACE} schedules in an organisation`, async () => {
    const [{ n: running } = { n: 0 }] = await w.rows<{ n: number }>(
      'select count(*) as n from schedules where active = 1 and workspace_id = ?',
      [`teams:${TENANT}`],
    );
    for (let i = running; i < MAX_SCHEDULES_PER_WORKSPACE; i++)
      await w.run(
        `insert into schedules (workspace_id, platform, target, time_of_day, time_zone, weekdays, created_by, active, created_at, updated_at)
         values (?, 'teams', ?, '09:00', 'UTC', 'mon', 'aad-fill', 1, 1, 1)`,
        [`teams:${TENANT}`, `19:fill-${i}`],
      );
    expect(await daily('09:00 Europe/Berlin', { user: 'ivy' })).toContain('the most it may run');
    expect(await daily('07:00 Europe/Berlin', { scope: 'groupChat', user: 'gus' })).toContain('07:00');
    expect(await scheduleOf(GROUP_CHAT)).toMatchObject({ time: '07:00', owner: 'aad-gus' });
  });
});
