import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/config.js';
import { type Running, start } from '../../src/main.js';
import { openDatabase } from '../../src/store/database.js';
import { createStore } from '../../src/store/index.js';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.js';
import { SIGNING_SECRET, sign } from '../slack/harness.js';

const K1 = randomBytes(32).toString('base64');
const K2 = randomBytes(32).toString('hex');
const K3 = randomBytes(32).toString('base64');
const TOKEN = `xoxb-1111-2222-${randomBytes(12).toString('hex')}`;
const OLD_TOKEN = `xoxb-3333-4444-${randomBytes(12).toString('hex')}`;

let api: FakeSlack;
let dir: string;
beforeAll(async () => {
  api = await startFakeSlack();
  api.override('oauth.v2.access', () => ({
    body: {
      ok: true,
      app_id: 'A1',
      authed_user: { id: 'UADMIN' },
      scope: 'commands,chat:write',
      token_type: 'bot',
      access_token: TOKEN,
      bot_user_id: 'UBOT',
      team: { id: 'T9', name: 'Acme' },
      enterprise: null,
      is_enterprise_install: false,
    },
  }));
  dir = mkdtempSync(join(tmpdir(), 'tokens-'));
});
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

const dbPath = () => join(dir, 'tutor.db');
const env = (keys: Record<string, string>) => ({
  PORT: '0',
  DATABASE_PATH: dbPath(),
  LOG_LEVEL: 'error',
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_CLIENT_ID: '123.456',
  SLACK_CLIENT_SECRET: 'client-secret',
  SLACK_STATE_SECRET: 'state-secret',
  SLACK_API_URL: `${api.url}/api/`,
  ...keys,
});

/** Every byte SQLite keeps for the database: the file, its WAL and its shared memory. */
const fileBytes = () =>
  [dbPath(), `${dbPath()}-wal`, `${dbPath()}-shm`]
    .filter(existsSync)
    .map((p) => readFileSync(p).toString('latin1'))
    .join('');

/** A signed `/tutor lesson 3.1` from a member of `team`; resolves with what the member was shown. */
async function lessonFor(app: Running, team: string): Promise<string> {
  const index = api.calls.length;
  const form = new URLSearchParams({
    team_id: team,
    user_id: 'U1',
    channel_id: 'C1',
    command: '/tutor',
    text: 'lesson 3.1',
    response_url: `${api.url}/response/tokens-${index}`,
  }).toString();
  const res = await fetch(`http://127.0.0.1:${app.port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(form) },
    body: form,
  });
  expect(res.status).toBe(200);
  const reply = await api.waitFor('response_url', (c) => api.calls.indexOf(c) >= index);
  return JSON.stringify(reply.body);
}

async function install(app: Running): Promise<void> {
  const base = `http://127.0.0.1:${app.port}`;
  const page = await fetch(`${base}/slack/install`, { redirect: 'manual' });
  const location = page.headers.get('location') ?? '';
  const state = new URL(location).searchParams.get('state') ?? '';
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const done = await fetch(`${base}/slack/oauth_redirect?code=abc&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
    redirect: 'manual',
  });
  expect(done.status).toBeLessThan(400);
}

async function startError(keys: Record<string, string>): Promise<Error> {
  try {
    const app = await start(env(keys));
    await app.stop();
  } catch (error) {
    return error as Error;
  }
  throw new Error('the server started');
}

describe('Slack bot tokens at rest', () => {
  it('are never written in the clear, and still authorize requests', async () => {
    const app = await start(env({ TOKEN_ENCRYPTION_KEY: K1 }));
    try {
      await install(app);
      expect(await lessonFor(app, 'T9')).toContain('What is training');
      expect(fileBytes()).not.toContain(TOKEN);
      expect(fileBytes()).not.toContain(TOKEN.slice(5, 25));
    } finally {
      await app.stop();
    }
    expect(fileBytes()).not.toContain(TOKEN);
  });

  it('are sealed at start when an older release left them in the clear', async () => {
    const db = openDatabase(dbPath());
    const store = createStore(db);
    await store.installations.save('T:T8', {
      team: { id: 'T8', name: 'Older' },
      enterprise: undefined,
      isEnterpriseInstall: false,
      appId: 'A1',
      tokenType: 'bot',
      authVersion: 'v2',
      user: { id: 'UADMIN', token: undefined, scopes: undefined },
      bot: { token: OLD_TOKEN, scopes: ['commands'], id: 'B8', userId: 'UBOT8' },
    });
    expect(fileBytes()).toContain(OLD_TOKEN); // as an older release stored it
    db.close();
    const app = await start(env({ TOKEN_ENCRYPTION_KEY: K1 }));
    try {
      expect(fileBytes()).not.toContain(OLD_TOKEN);
      expect(await lessonFor(app, 'T8')).toContain('What is training');
    } finally {
      await app.stop();
    }
  });

  it('move to a new key: the previous key still opens them at start, then the new key alone does', async () => {
    let app = await start(env({ TOKEN_ENCRYPTION_KEY: K2, TOKEN_ENCRYPTION_KEY_PREVIOUS: K1 }));
    expect(await lessonFor(app, 'T9')).toContain('What is training');
    await app.stop();
    app = await start(env({ TOKEN_ENCRYPTION_KEY: K2 }));
    try {
      expect(await lessonFor(app, 'T9')).toContain('What is training');
      expect(await lessonFor(app, 'T8')).toContain('What is training');
    } finally {
      await app.stop();
    }
    expect(fileBytes()).not.toContain(TOKEN);
  });

  it('with the wrong key, stop the start with a message naming the variable and no secret', async () => {
    const error = await startError({ TOKEN_ENCRYPTION_KEY: K3 });
    expect(error.message).toContain('TOKEN_ENCRYPTION_KEY');
    expect(error.message).toContain('docs/security.md');
    for (const secret of [K1, K2, K3, TOKEN, OLD_TOKEN]) expect(error.message).not.toContain(secret);
  });

  it('are refused at start with OAuth on and no key, or a key that is not 32 bytes', async () => {
    const missing = await startError({});
    expect(missing).toBeInstanceOf(ConfigError);
    expect(missing.message).toContain('TOKEN_ENCRYPTION_KEY: is required with SLACK_CLIENT_ID');
    const short = 'c2hvcnQta2V5';
    expect(() => readConfig(env({ TOKEN_ENCRYPTION_KEY: short }))).toThrow(/TOKEN_ENCRYPTION_KEY: must be 32/);
    expect(() =>
      readConfig(env({ TOKEN_ENCRYPTION_KEY: K1, TOKEN_ENCRYPTION_KEY_PREVIOUS: `${K2},${short}` })),
    ).toThrow(/TOKEN_ENCRYPTION_KEY_PREVIOUS/);
    try {
      readConfig(env({ TOKEN_ENCRYPTION_KEY: short }));
    } catch (e) {
      expect((e as Error).message).not.toContain(short);
    }
  });
});
