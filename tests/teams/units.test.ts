/** The small pure pieces of the Teams layer, beside the end-to-end tests. */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/server/http.js';
import { createLogger } from '../../src/server/log.js';
import { baseConversationId, commandText, workspaceIdOf } from '../../src/teams/context.js';
import { CSV_LINK_TTL_MS, createCsvLinks } from '../../src/teams/csv-links.js';
import { isLocalServiceUrl, isLoopbackAddress, publicBaseUrl } from '../../src/teams/http.js';
import type { TeamsActivity } from '../../src/teams/payloads.js';
import { forTeams } from '../../src/teams/reply.js';
import { outcomeOf, retryAfterMs } from '../../src/teams/sender.js';
import { button, linkButton } from '../../src/views/card.js';
import { makeWorld, type World } from '../helpers/world.js';

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
  it('leave out buttons the Teams bot has no handler for, and keep links', () => {
    const card = forTeams({
      summary: 's',
      blocks: [
        {
          kind: 'actions',
          buttons: [button('quiz.start', 'Take the check', { check: 'c' }), button('explain.why', 'Why?')],
        },
        { kind: 'actions', buttons: [button('explain.lesson', 'Explain')] },
        { kind: 'actions', buttons: [linkButton('Download CSV', 'https://x.example/a.csv')] },
      ],
    });
    expect(card.blocks).toEqual([
      { kind: 'actions', buttons: [button('quiz.start', 'Take the check', { check: 'c' })] },
      { kind: 'actions', buttons: [linkButton('Download CSV', 'https://x.example/a.csv')] },
    ]);
  });
});

describe('http bridge helpers', () => {
  const req = (headers: Record<string, string>, localAddress = '127.0.0.1', localPort = 3978) =>
    ({ headers, socket: { localAddress, localPort } }) as unknown as Parameters<typeof publicBaseUrl>[1];

  it('builds links from PUBLIC_URL, else from the address the server listens on, never from a header', () => {
    const forged = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
    expect(publicBaseUrl('https://tutor.example.com/', req(forged))).toBe('https://tutor.example.com');
    expect(publicBaseUrl(undefined, req(forged))).toBe('http://127.0.0.1:3978');
    expect(publicBaseUrl(undefined, req({}, '::ffff:127.0.0.1', 4000))).toBe('http://127.0.0.1:4000');
    expect(publicBaseUrl(undefined, req({}, '::1', 4000))).toBe('http://[::1]:4000');
  });

  it('knows what is on this machine', () => {
    for (const a of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['10.0.0.1', '::ffff:192.168.1.2', undefined]) expect(isLoopbackAddress(a)).toBe(false);
    expect(isLocalServiceUrl('http://localhost:56150/_connector')).toBe(true);
    expect(isLocalServiceUrl('http://[::1]:3000/')).toBe(true);
    expect(isLocalServiceUrl('https://smba.trafficmanager.net/emea/')).toBe(false);
    expect(isLocalServiceUrl('not a url')).toBe(false);
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

describe('CSV links', () => {
  let world: World | undefined;
  afterEach(() => world?.close());

  it('download for ten minutes, then answer 404', async () => {
    world = makeWorld();
    const w = world;
    const links = createCsvLinks({ store: w.store, catalog: w.catalog, now: () => w.now });
    const server = createHttpServer([links.route], createLogger('error'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      w.tutor.lesson({ workspaceId: 'teams:T', platform: 'teams', externalId: 'aad-1', displayName: 'Ada' });
      const url = links.create('teams:T', base);
      const ok = await fetch(url);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('Ada');
      w.now += CSV_LINK_TTL_MS + 1;
      expect((await fetch(url)).status).toBe(404);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
