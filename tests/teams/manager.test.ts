import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardOf, cardProblems, clickData, openUrlsOf, textOf } from './cards.js';
import type { ConnectorCall } from './fake-connector.js';
import { personalConversation, startTeamsWorld, type TeamsWorld, type Who } from './harness.js';

let w: TeamsWorld;
beforeAll(async () => {
  // One manager by Azure AD object id, one by e-mail (any case), and a Slack id Teams ignores.
  w = await startTeamsWorld({ TUTOR_MANAGERS: 'aad-boss, Carol.Manager@Contoso.com U0SLACK' });
  w.connector.members.set('29:carol', {
    id: '29:carol',
    name: 'Carol',
    aadObjectId: 'aad-carol',
    email: 'carol.manager@contoso.com',
  });
  w.connector.members.set('29:dan', { id: '29:dan', name: 'Dan', aadObjectId: 'aad-dan', email: 'dan@contoso.com' });
});
afterAll(() => w.close());

async function say(text: string, who?: Who): Promise<ConnectorCall> {
  const before = w.connector.calls.length;
  expect((await w.message(text, who)).status).toBe(200);
  const replies = w.connector.calls.slice(before).filter((c) => c.kind === 'reply');
  expect(replies).toHaveLength(1);
  return replies[0] as ConnectorCall;
}

const csvLink = (card: ReturnType<typeof cardOf>) => openUrlsOf(card).find((u) => u.title === 'Download CSV')?.url;

describe('the manager check', () => {
  it('politely refuses a member who is not a manager, with no CSV link', async () => {
    const card = cardOf(await say('report', { user: 'dan' }));
    expect(textOf(card)).toContain('for managers');
    expect(openUrlsOf(card)).toEqual([]);
    // Dan's e-mail was looked up (the list has e-mail addresses) and did not match.
    expect(w.connector.calls.some((c) => c.kind === 'member' && c.id === '29:dan')).toBe(true);
  });

  it('refuses the report buttons to a non-manager, checked on the server', async () => {
    for (const action of ['report.show', 'report.csv', 'report.nudge']) {
      const before = w.connector.calls.length;
      await w.submit({ action }, 'card-1', { user: 'dan' });
      const sent = w.connector.calls.slice(before).filter((c) => c.kind !== 'member');
      expect(sent.map((c) => c.kind)).toEqual(['reply']);
      expect(textOf(cardOf(sent[0] as ConnectorCall))).toContain('for managers');
    }
  });

  it('shows a manager listed by Azure AD object id the report with a CSV link that downloads', async () => {
    const before = w.connector.calls.filter((c) => c.kind === 'member').length;
    const card = cardOf(await say('report', { user: 'boss' }));
    expect(textOf(card)).toContain('Team report');
    expect(textOf(card)).toContain('Accuracy per concept');
    // Listed by object id: no profile lookup needed.
    expect(w.connector.calls.filter((c) => c.kind === 'member')).toHaveLength(before);
    const url = csvLink(card);
    expect(url).toMatch(new RegExp(`^${w.base}/api/reports/[A-Za-z0-9_-]{43}\\.csv$`));
    const res = await fetch(url ?? '');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="team-report-\d{4}-\d{2}-\d{2}\.csv"/);
    const csv = await res.text();
    expect(csv).toContain('member,lesson 3.1');
    expect(csv).toContain('Boss');
  });

  it('shows a manager today’s explanation figures in the report', async () => {
    await w.message('explain Inference is paid per request.', { user: 'boss' });
    const text = textOf(cardOf(await say('report', { user: 'boss' })));
    expect(text).toMatch(
      /Explanations today: [1-9]\d* served, \d+% from the cache, 0 AI calls, \$0\.0000 of the \$\d+\.\d{2} daily budget/,
    );
  });

  it('answers 404 for a made-up, altered or malformed token', async () => {
    const card = cardOf(await say('report', { user: 'boss' }));
    const url = csvLink(card) ?? '';
    const token = /reports\/([^.]+)\.csv/.exec(url)?.[1] ?? '';
    const altered = token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    for (const path of [
      `/api/reports/${'x'.repeat(43)}.csv`,
      `/api/reports/${altered}.csv`,
      '/api/reports/../healthz',
    ]) {
      const res = await fetch(`${w.base}${path}`);
      expect(res.status, path).toBe(404);
    }
  });

  it('recognises a manager listed by e-mail, looked up from Teams', async () => {
    const card = cardOf(await say('report', { user: 'carol' }));
    expect(textOf(card)).toContain('Team report');
    const lookup = w.connector.calls.find((c) => c.kind === 'member' && c.id === '29:carol');
    expect(lookup?.conversationId).toBe(personalConversation('carol'));
    // A "Download CSV" submit (as an older card would send) gives her a fresh link too.
    const before = w.connector.calls.length;
    await w.submit({ action: 'report.csv' }, 'card-2', { user: 'carol' });
    const reply = w.connector.calls.slice(before).find((c) => c.kind === 'reply') as ConnectorCall;
    expect(csvLink(cardOf(reply))).toMatch(/\/api\/reports\/.+\.csv$/);
  });

  it('keeps the report out of channels, where it would name people to everyone', async () => {
    const card = cardOf(await say('report', { user: 'boss', scope: 'channel' }));
    expect(textOf(card)).toContain('open a chat with me');
    expect(openUrlsOf(card)).toEqual([]);
  });
});

describe('Nudge', () => {
  it('messages each member without today’s check in their personal chat, once per day, and counts who it cannot reach', async () => {
    await say('lesson', { user: 'eve' }); // a personal chat with the bot: reachable
    await say('lesson', { user: 'fay', scope: 'channel' }); // only ever seen in a channel: not reachable
    // Gus did today's check, so he is not nudged.
    const quiz = await say('quiz 5', { user: 'gus' });
    await w.submit(clickData(cardOf(quiz), 'quiz.answer'), quiz.responseId ?? '', { user: 'gus' });

    const report = cardOf(await say('report', { user: 'boss' }));
    const before = w.connector.calls.length;
    const done = await (async () => {
      await w.submit(clickData(report, 'report.nudge'), 'report-card', { user: 'boss' });
      return w.connector.calls.slice(before);
    })();
    const nudges = done.filter((c) => c.kind === 'send');
    const nudged = nudges.map((c) => c.conversationId).sort();
    expect(nudged).toEqual(['boss', 'carol', 'dan', 'eve'].map(personalConversation).sort());
    for (const n of nudges) {
      expect(n.body.replyToId).toBeUndefined();
      expect(textOf(cardOf(n))).toContain("Today's concept check is waiting");
    }
    const summary = textOf(cardOf(done.find((c) => c.kind === 'reply') as ConnectorCall));
    expect(summary).toContain('Nudged 4 members.');
    expect(summary).toContain('1 could not be reached');

    const again = w.connector.calls.length;
    await w.submit(clickData(report, 'report.nudge'), 'report-card', { user: 'boss' });
    const second = w.connector.calls.slice(again);
    expect(second.filter((c) => c.kind === 'send')).toHaveLength(0);
    expect(textOf(cardOf(second.find((c) => c.kind === 'reply') as ConnectorCall))).toContain(
      'Nudged 0 members. 4 had been nudged today already.',
    );
  });
});

describe('every card the bot sent', () => {
  it('is a valid Adaptive Card 1.5 under 80 KB', () => {
    expect(cardProblems(w.connector.activities())).toEqual([]);
  });
});
