import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, readConfig, slackMode } from '../../src/config.js';
import { start } from '../../src/main.js';
import { databaseEnv } from '../support/test-database.js';
import { SIGNING_SECRET, sign, startSlackWorld } from './harness.js';

describe('Slack modes from the environment', () => {
  it('picks the mode from the variables that are set', () => {
    expect(slackMode(readConfig({}))).toBe('off');
    expect(slackMode(readConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' }))).toBe('single');
    expect(
      slackMode(
        readConfig({
          SLACK_SIGNING_SECRET: 's',
          SLACK_CLIENT_ID: 'c',
          SLACK_CLIENT_SECRET: 'x',
          SLACK_STATE_SECRET: 'y',
          TOKEN_ENCRYPTION_KEY: '0'.repeat(64),
        }),
      ),
    ).toBe('oauth');
    expect(slackMode(readConfig({ SLACK_APP_TOKEN: 'xapp-1', SLACK_BOT_TOKEN: 'xoxb-1' }))).toBe('socket');
  });

  it('names every missing or malformed Slack variable, without echoing secrets', () => {
    const attempt = () => readConfig({ SLACK_CLIENT_ID: 'c', SLACK_BOT_TOKEN: 'not-a-token-secret-value' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (e) {
      const message = (e as Error).message;
      expect(message).toContain('SLACK_CLIENT_SECRET');
      expect(message).toContain('SLACK_STATE_SECRET');
      expect(message).toContain('SLACK_SIGNING_SECRET');
      expect(message).toContain('SLACK_BOT_TOKEN: must be a bot token');
      expect(message).not.toContain('not-a-token-secret-value');
    }
  });
});

describe('OAuth install', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oauth-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the install page that sends the admin to Slack with our scopes', async () => {
    const app = await start({
      PORT: '0',
      ...(await databaseEnv(dir)),
      LOG_LEVEL: 'error',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_CLIENT_ID: '123.456',
      SLACK_CLIENT_SECRET: 'client-secret',
      SLACK_STATE_SECRET: 'state-secret',
      TOKEN_ENCRYPTION_KEY: '0'.repeat(64),
    });
    try {
      const res = await fetch(`http://127.0.0.1:${app.port}/slack/install`, { redirect: 'manual' });
      const location = res.headers.get('location') ?? (await res.text());
      expect([200, 302]).toContain(res.status);
      expect(location).toContain('slack.com/oauth/v2/authorize');
      expect(location).toContain('client_id=123.456');
      expect(location).toContain('chat%3Awrite');
    } finally {
      await app.stop();
    }
  });
});

describe('logs', () => {
  it('never contain the bot token, the signing secret or message bodies', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const w = await startSlackWorld({ LOG_LEVEL: 'debug' });
      await w.command('/cost', 'my secret project at $0.01');
      await w.command('/tutor', 'lesson 3.1');
      await w.post('payload=%7B%7D', 'form', { 'x-slack-signature': 'v0=bad', 'x-slack-request-timestamp': '1' });
      await w.api.waitFor('response_url');
      await w.close();
    } finally {
      spy.mockRestore();
    }
    const log = lines.join('');
    expect(log).toContain('"event"');
    expect(log).not.toContain('xoxb-test-token');
    expect(log).not.toContain(SIGNING_SECRET);
    expect(log).not.toContain('my secret project');
  });
});

describe('Slack unreachable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'unreachable-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the server up while Slack cannot be reached', async () => {
    // Nothing listens on port 9 of loopback: every Web API call fails at once.
    const app = await start({
      PORT: '0',
      ...(await databaseEnv(dir)),
      LOG_LEVEL: 'error',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
    });
    try {
      // Bolt's own start-up check used to end the process about 3 s in, when auth.test failed.
      await new Promise((r) => setTimeout(r, 3_000));
      const body = new URLSearchParams({
        team_id: 'T1',
        user_id: 'U1',
        channel_id: 'C1',
        command: '/tutor',
        text: '',
        response_url: 'http://127.0.0.1:9/r',
      }).toString();
      const res = await fetch(`http://127.0.0.1:${app.port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) },
        body,
      });
      expect(res.status).toBeLessThan(500);
      expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });
});
