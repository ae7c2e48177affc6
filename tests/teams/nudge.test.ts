import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardOf, clickData, textOf } from './cards.js';
import type { ConnectorCall } from './fake-connector.js';
import { personalConversation, startTeamsWorld, type TeamsWorld } from './harness.js';

let w: TeamsWorld;
beforeAll(async () => {
  w = await startTeamsWorld({ TUTOR_MANAGERS: 'aad-boss' });
});
afterAll(() => w.close());

async function nudge(report: Parameters<typeof clickData>[0]): Promise<{ sends: ConnectorCall[]; summary: string }> {
  const before = w.connector.calls.length;
  await w.submit(clickData(report, 'report.nudge'), 'report-card', { user: 'boss' });
  const calls = w.connector.calls.slice(before);
  const reply = calls.find((c) => c.kind === 'reply');
  if (!reply) throw new Error('no summary');
  return { sends: calls.filter((c) => c.kind === 'send'), summary: textOf(cardOf(reply)) };
}

describe('Nudge in Teams when one member’s message fails', () => {
  it('does not leave that member marked nudged, so a later click reaches them', async () => {
    for (const user of ['hal', 'ivy']) await w.message('lesson', { user });
    const report = cardOf(
      await (async () => {
        const before = w.connector.calls.length;
        await w.message('report', { user: 'boss' });
        return w.connector.calls.slice(before).find((c) => c.kind === 'reply') as ConnectorCall;
      })(),
    );
    const hal = personalConversation('hal');
    w.connector.override('send', (c) =>
      c.conversationId === hal
        ? { status: 403, body: { error: { code: 'BotBlocked', message: 'blocked' } } }
        : undefined,
    );
    const first = await nudge(report);
    expect(first.summary).toContain('1 could not be reached');
    const nudged = (
      await w.rows<{ id: string }>('select m.external_id as id from nudges n join members m on m.id = n.member_id')
    ).map((r) => r.id);
    expect(nudged).toContain('aad-ivy');
    expect(nudged).not.toContain('aad-hal');

    w.connector.override('send', () => undefined);
    const second = await nudge(report);
    expect(second.sends.map((c) => c.conversationId)).toEqual([hal]);
    expect(second.summary).toContain('Nudged 1 member.');
  });
});
