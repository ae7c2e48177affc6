import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/config.js';
import { type Running, start } from '../../src/main.js';

describe('the server started with no credentials', () => {
  let dir = '';
  let running: Running;
  let base = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'server-'));
    running = await start({ PORT: '0', DATABASE_PATH: join(dir, 'tutor.db'), LOG_LEVEL: 'error' });
    base = `http://127.0.0.1:${running.port}`;
  });
  afterAll(async () => {
    await running.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /healthz with the content it serves', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', lessons: 7, checks: 9 });
  });

  it('serves the cost engine as JSON', async () => {
    const res = await fetch(`${base}/api/cost?q=${encodeURIComponent('1M queries/day at $0.01')}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { summary: string; cost: { perYear: { formatted: string } } };
    expect(body.summary).toContain('$10,000/day');
    expect(body.cost.perYear.formatted).toBe('$3,650,000');
  });

  it('answers a scenario it cannot read with 400 and the reason', async () => {
    const res = await fetch(`${base}/api/cost?q=${encodeURIComponent('1M queries at')}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({
      code: 'missing_price',
      example: expect.any(String),
    });
    expect((await fetch(`${base}/api/cost`)).status).toBe(400);
  });

  it('says 404 for unknown paths and 405 for a wrong method, with a request id', async () => {
    const missing = await fetch(`${base}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toBeTruthy();
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
  });
});

describe('configuration', () => {
  it('has defaults for everything', () => {
    expect(readConfig({})).toMatchObject({
      PORT: 3978,
      DATABASE_PATH: './data/tutor.db',
      LOG_LEVEL: 'info',
      TUTOR_MANAGERS: [],
    });
  });

  it('reports every bad variable by name, together', () => {
    try {
      readConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', TUTOR_MANAGERS: 'U1, ada@example.com' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const message = (e as ConfigError).message;
      expect(message).toContain('PORT:');
      expect(message).toContain('LOG_LEVEL:');
      expect((e as ConfigError).problems).toHaveLength(2);
    }
    expect(readConfig({ TUTOR_MANAGERS: 'U1, ada@example.com' }).TUTOR_MANAGERS).toEqual(['U1', 'ada@example.com']);
  });
});

describe('network-edge settings', () => {
  it('read TEAMS_LOCAL_CLIENTS as a switch, PUBLIC_URL as an http(s) URL, and name what is wrong', () => {
    expect(readConfig({}).TEAMS_LOCAL_CLIENTS).toBe(false);
    expect(readConfig({ TEAMS_LOCAL_CLIENTS: '1' }).TEAMS_LOCAL_CLIENTS).toBe(true);
    expect(readConfig({}).COST_API_PER_MINUTE).toBe(60);
    try {
      readConfig({ TEAMS_LOCAL_CLIENTS: 'maybe', PUBLIC_URL: 'javascript:alert(1)', COST_API_PER_MINUTE: '0' });
      expect.unreachable();
    } catch (e) {
      const message = (e as ConfigError).message;
      for (const name of ['TEAMS_LOCAL_CLIENTS:', 'PUBLIC_URL:', 'COST_API_PER_MINUTE:'])
        expect(message).toContain(name);
      expect(message).not.toContain('alert');
    }
  });
});

describe('request size', () => {
  it('refuses a body over the limit with 413 before reading it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'size-'));
    const running = await start({ PORT: '0', DATABASE_PATH: join(dir, 'tutor.db'), LOG_LEVEL: 'error' });
    try {
      const res = await fetch(`http://127.0.0.1:${running.port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: 'x'.repeat(2 * 1024 * 1024),
      });
      expect(res.status).toBe(413);
      expect((await fetch(`http://127.0.0.1:${running.port}/healthz`)).status).toBe(200);
    } finally {
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
