import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Running, start } from '../../src/main.js';
import { databaseEnv } from '../support/test-database.js';
import { type FakeConnector, startFakeConnector } from './fake-connector.js';
import { baseActivity, startTeamsWorld, type TeamsWorld } from './harness.js';

describe('with MicrosoftAppId set', () => {
  const dir = mkdtempSync(join(tmpdir(), 'teams-auth-'));
  let app: Running;
  let connector: FakeConnector;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${app.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  beforeAll(async () => {
    connector = await startFakeConnector();
    app = await start({
      PORT: '0',
      ...(await databaseEnv(dir)),
      LOG_LEVEL: 'error',
      // The upper-case form botbuilder samples use works too.
      MICROSOFT_APP_ID: '00000000-0000-4000-8000-00000000a11d',
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
    });
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects an activity without a token with 401 and sends nothing', async () => {
    const res = await post({ ...baseActivity(connector.url, 'message'), text: 'report' });
    expect(res.status).toBe(401);
    expect(connector.calls).toHaveLength(0);
  });

  it('rejects an activity with a token that is not a Bot Framework token', async () => {
    // botbuilder prints the AuthenticationError itself; make sure no secret is in it.
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const res = await post(
        { ...baseActivity(connector.url, 'message'), text: 'lesson' },
        { authorization: 'Bearer not-a-jwt' },
      );
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'unauthorized' });
      expect(connector.calls).toHaveLength(0);
      expect(JSON.stringify(printed.mock.calls.map((c) => String(c[0])))).not.toContain('not-a-real-secret');
    } finally {
      printed.mockRestore();
    }
  });

  it('still serves health checks', async () => {
    expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
  });
});

describe('with no app id (local try-out)', () => {
  let w: TeamsWorld;
  beforeAll(async () => {
    w = await startTeamsWorld();
  });
  afterAll(() => w.close());

  it('will not call a serviceUrl off this machine', async () => {
    const res = await w.post({ ...w.activity('message'), serviceUrl: 'http://192.0.2.10/', text: 'lesson' });
    expect(res.status).toBe(401);
    expect(w.connector.calls).toHaveLength(0);
  });

  it('refuses a body over 256 KB with 413, and bad JSON with 400', async () => {
    const big = await w.post({ ...w.activity('message'), text: 'x'.repeat(300 * 1024) });
    expect(big.status).toBe(413);
    const chunked = await fetch(`${w.base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([`{"text":"${'y'.repeat(300 * 1024)}"}`]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    const bad = await fetch(`${w.base}/api/messages`, { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
    const list = await fetch(`${w.base}/api/messages`, { method: 'POST', body: '[]' });
    expect(list.status).toBe(400);
    expect(w.connector.calls).toHaveLength(0);
  });

  it('answers an activity it cannot use (no sender) without a crash or a reply', async () => {
    const { from: _from, ...noSender } = w.activity('message');
    const res = await w.post({ ...noSender, text: 'lesson' });
    expect(res.status).toBe(200);
    expect(w.connector.calls).toHaveLength(0);
  });

  it('answers an activity without a type or with a channelId that is not text, and an invoke the bot does not offer, with 400 (found by the fuzz run)', async () => {
    for (const type of [undefined, 42, { x: 1 }, '']) {
      const res = await w.post({ ...w.activity('message'), type, text: 'lesson' });
      expect(res.status, JSON.stringify(type)).toBe(400);
    }
    for (const channelId of [42, ['msteams'], { id: 'msteams' }, null]) {
      const res = await w.post({ ...w.activity('message'), channelId, text: 'lesson' });
      expect(res.status, JSON.stringify(channelId)).toBe(400);
    }
    const invoke = await w.post({ ...w.activity('invoke'), name: 'no/such-invoke', value: {} });
    expect(invoke.status).toBe(400);
    expect((await fetch(`${w.base}/healthz`)).status).toBe(200);
  });

  it('answers GET on the endpoint with 405', async () => {
    expect((await fetch(`${w.base}/api/messages`)).status).toBe(405);
  });
});

describe('local mode only when asked for', () => {
  it('without MicrosoftAppId or TEAMS_LOCAL_CLIENTS, refuses every activity and says what to set', async () => {
    const w = await startTeamsWorld({ TEAMS_LOCAL_CLIENTS: '0' });
    try {
      const res = await w.message('lesson');
      expect(res.status).toBe(401);
      const { message } = (await res.json()) as { message: string };
      expect(message).toContain('MicrosoftAppId');
      expect(message).toContain('TEAMS_LOCAL_CLIENTS=1');
      expect(w.connector.calls).toHaveLength(0);
    } finally {
      await w.close();
    }
  });

  it('in local mode, refuses anything relayed by a proxy or tunnel on this machine', async () => {
    const w = await startTeamsWorld({ TUTOR_MANAGERS: 'aad-boss' });
    try {
      const proxied: [string, string][] = [
        ['x-forwarded-for', '203.0.113.9'],
        ['forwarded', 'for=203.0.113.9;proto=https'],
        ['x-forwarded-host', 'evil.example'],
        ['x-real-ip', '203.0.113.9'],
        ['via', '1.1 proxy.example'],
        ['x-client-ip', '203.0.113.9'],
        ['true-client-ip', '203.0.113.9'],
        ['cf-connecting-ip', '203.0.113.9'],
        ['x-forwarded-server', 'proxy.example'],
        ['x-forwarded-port', '443'],
      ];
      for (const [name, value] of proxied) {
        // A forged manager asking for the team report, as arrived through a tunnel.
        const res = await w.post({ ...w.activity('message', { user: 'boss' }), text: 'report' }, { [name]: value });
        expect(res.status, name).toBe(401);
        expect(((await res.json()) as { message: string }).message).toContain('proxy');
      }
      expect(w.connector.calls).toHaveLength(0);
      // The same request straight from this machine is served.
      expect((await w.message('lesson')).status).toBe(200);
    } finally {
      await w.close();
    }
  });

  it('links to the CSV at PUBLIC_URL', async () => {
    const w = await startTeamsWorld({ TUTOR_MANAGERS: 'aad-boss', PUBLIC_URL: 'https://tutor.example.com/' });
    try {
      expect((await w.message('report', { user: 'boss' })).status).toBe(200);
      const reply = JSON.stringify(w.connector.calls.find((c) => c.kind === 'reply')?.body);
      expect(reply).toMatch(/https:\/\/tutor\.example\.com\/api\/reports\/[A-Za-z0-9_-]{43}\.csv/);
    } finally {
      await w.close();
    }
  });
});
