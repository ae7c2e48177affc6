import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardOf, cardProblems, textOf } from './cards.js';
import { BOT, CHANNEL_ID, GROUP_CHAT, personalConversation, startTeamsWorld, type TeamsWorld } from './harness.js';

let w: TeamsWorld;
beforeAll(async () => {
  w = await startTeamsWorld();
});
afterAll(() => w.close());

const welcomes = (conversationId: string) =>
  w.connector
    .activities()
    .filter((c) => c.conversationId === conversationId && textOf(cardOf(c)).includes('Hi, I am your tutor'));

const storedReference = async (id: string) => {
  const [row] = await w.rows<{ workspace_id: string; reference: string }>(
    'select workspace_id, reference from conversation_refs where id = ?',
    [id],
  );
  return row && { workspaceId: row.workspace_id, ...(JSON.parse(row.reference) as Record<string, unknown>) };
};

describe('welcome', () => {
  it('says hello once when installed in a personal chat, however many install events arrive', async () => {
    const who = { user: 'hal' };
    for (const post of [
      () => w.installationUpdate('add', who),
      () => w.conversationUpdate([BOT], who),
      () => w.installationUpdate('add', who),
      () => w.conversationUpdate([BOT], who),
    ])
      expect((await post()).status).toBe(200);
    const sent = welcomes(personalConversation('hal'));
    expect(sent).toHaveLength(1);
    const text = textOf(cardOf(sent[0] as (typeof sent)[number]));
    expect(text).toContain('“lesson”');
    expect(text).toContain('“cost 1M queries/day at $0.01”');
    // The conversation is remembered for proactive messages, without the activity id.
    const stored = (await storedReference(personalConversation('hal'))) as {
      reference: Record<string, unknown>;
      workspaceId: string;
    };
    expect(stored.workspaceId).toMatch(/^teams:/);
    expect(stored.reference.serviceUrl).toBe(w.connector.url);
    expect(stored.reference.activityId).toBeUndefined();
    expect(stored.reference.user).toMatchObject({ id: '29:hal', aadObjectId: 'aad-hal' });
  });

  it('says hello once when added to a team, in its General channel', async () => {
    const who = { user: 'ivy', scope: 'channel' as const };
    await w.conversationUpdate([BOT], who);
    await w.installationUpdate('add', who);
    await w.conversationUpdate([BOT], who);
    expect(welcomes(CHANNEL_ID)).toHaveLength(1);
  });

  it('says nothing when a person (not the bot) joins, or on an app upgrade', async () => {
    const before = w.connector.activities().length;
    await w.conversationUpdate([{ id: '29:newcomer', name: 'Newcomer' }], { user: 'ivy', scope: 'channel' });
    await w.installationUpdate('add-upgrade', { user: 'hal' });
    expect(w.connector.activities().length).toBe(before);
  });

  it('says hello again after the app was removed and installed again', async () => {
    const who = { user: 'jo', scope: 'groupChat' as const };
    await w.installationUpdate('add', who);
    await w.installationUpdate('remove', who);
    await w.installationUpdate('add', who);
    expect(welcomes(GROUP_CHAT)).toHaveLength(2);
  });

  it('sends valid Adaptive Cards only', () => {
    expect(cardProblems(w.connector.activities())).toEqual([]);
  });
});
