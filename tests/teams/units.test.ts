/** The small pure pieces of the Teams layer, beside the end-to-end tests. */
import { describe, expect, it } from 'vitest';
import { outcomeOf } from '../../src/scheduler/http-outcome.js';
import { retryAfterMs } from '../../src/server/retry-after.js';
import { baseConversationId, type TeamsActivity, workspaceIdOf } from '../../src/teams/activity.js';
import { commandText } from '../../src/teams/message-text.js';
import { forTeams } from '../../src/teams/present.js';
import { button, linkButton } from '../../src/views/card.js';

describe('command text', () => {
  it('drops @mentions, markup and entities Teams leaves in the text', () => {
    expect(commandText('<at>Tutor</at> cost 1M queries/day at $0.01')).toBe('cost 1M queries/day at $0.01');
    expect(commandText('<p>lesson&nbsp;3.4 <b>full</b></p>\n')).toBe('lesson 3.4 full');
    expect(commandText('cost 10 &amp; more')).toBe('cost 10 & more');
  });

  it('names the workspace by tenant and a channel by its id without the thread', () => {
    const activity = { conversation: { id: 'x', tenantId: 'T-1' } } as TeamsActivity;
    expect(workspaceIdOf(activity)).toBe('teams:T-1');
    expect(workspaceIdOf({ conversation: { id: 'x' }, channelData: { tenant: { id: 'T-2' } } } as TeamsActivity)).toBe(
      'teams:T-2',
    );
    expect(workspaceIdOf({ conversation: { id: 'x' } } as TeamsActivity)).toBe('teams:local');
    expect(baseConversationId('19:abc@thread.tacv2;messageid=17000')).toBe('19:abc@thread.tacv2');
  });
});

describe('cards for Teams', () => {
  it('leave out buttons no action of ours answers, and keep links', () => {
    const card = forTeams({
      summary: 's',
      blocks: [
        {
          kind: 'actions',
          buttons: [button('quiz.start', 'Take the check', { check: 'c' }), button('slack.only', 'Elsewhere')],
        },
        { kind: 'actions', buttons: [button('admin.nothing', 'Nothing')] },
        { kind: 'actions', buttons: [linkButton('Download CSV', 'https://x.example/a.csv')] },
      ],
    });
    expect(card.blocks).toEqual([
      { kind: 'actions', buttons: [button('quiz.start', 'Take the check', { check: 'c' })] },
      { kind: 'actions', buttons: [linkButton('Download CSV', 'https://x.example/a.csv')] },
    ]);
  });
});

describe('send outcomes for the scheduler', () => {
  const error = (status: number, retryAfter?: string) => ({
    statusCode: status,
    code: 'X',
    response: { status, headers: { get: (n: string) => (n === 'retry-after' ? retryAfter : undefined) } },
  });

  it('retries throttling and gateway errors, honouring Retry-After', () => {
    expect(outcomeOf(error(429, '3'))).toEqual({ ok: false, retryAfterMs: 3_000, error: 'HTTP 429 X' });
    for (const s of [412, 502, 504]) expect(outcomeOf(error(s))).toEqual({ ok: false, error: `HTTP ${s} X` });
    expect(retryAfterMs(new Date(Date.now() + 5_000).toUTCString())).toBeGreaterThan(3_000);
    expect(retryAfterMs('soon')).toBeUndefined();
  });

  it('gives up for good when the bot was removed', () => {
    for (const s of [403, 404]) expect(outcomeOf(error(s))).toMatchObject({ ok: false, permanent: true });
    expect(outcomeOf(new Error('connect ECONNREFUSED'))).toMatchObject({ ok: false });
    expect(outcomeOf(new Error('x'))).not.toHaveProperty('permanent');
  });
});
