/**
 * The real server as its own process, fed what an attacker on the network would send: request
 * targets URL parsing rejects, signed bodies that are valid JSON but not objects, and chunked
 * uploads past the body limit. Each must be answered with a 4xx, the process must keep serving,
 * and no fault may escape to the process-level handlers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../faults/server-process.js';
import { type FakeSlack, startFakeSlack } from '../slack/fake-slack-api.js';
import { SIGNING_SECRET, sign } from '../slack/harness.js';
import { chunkedPost, rawRequest } from './raw.js';

let dir = '';
let api: FakeSlack;
let server: ServerProcess;
let port = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hostile-'));
  api = await startFakeSlack();
  server = await startServerProcess({
    DATABASE_PATH: join(dir, 'tutor.db'),
    LOG_LEVEL: 'warn',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_API_URL: `${api.url}/api/`,
    TEAMS_LOCAL_CLIENTS: '1',
  });
  port = Number(new URL(server.base).port);
}, 30_000);

afterAll(async () => {
  await server.kill();
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Still up, and nothing reached the last-resort handlers. */
async function expectUnharmed(): Promise<void> {
  expect(server.child.exitCode).toBeNull();
  expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
  expect(server.output()).not.toMatch(/process\.(unhandled_rejection|uncaught_exception)/);
}

describe('request targets URL parsing rejects', () => {
  for (const target of ['http://[/', '//[x]/', 'http://%zz/', '//[::1', 'http://a:99999/'])
    it(`answers ${target} with 400`, async () => {
      const answer = await rawRequest(port, `GET ${target} HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`);
      expect(answer.status).toBe(400);
      await expectUnharmed();
    });
});

describe('signed Slack bodies that are JSON but not an object', () => {
  const post = (body: string, contentType: string) =>
    fetch(`${server.base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...sign(body) },
      body,
    });

  for (const body of ['null', ' null', '[]', '[{"type":"url_verification"}]', '42', '"text"', 'true', ''])
    it(`refuses the JSON body ${JSON.stringify(body)} with 400`, async () => {
      expect((await post(body, 'application/json')).status).toBe(400);
      await expectUnharmed();
    });

  for (const payload of ['null', '[]', '7', '"x"'])
    it(`refuses the form payload=${payload} with 400`, async () => {
      const body = new URLSearchParams({ payload }).toString();
      expect((await post(body, 'application/x-www-form-urlencoded')).status).toBe(400);
      await expectUnharmed();
    });

  it('still takes a slash command (a form with no payload field)', async () => {
    const body = new URLSearchParams({
      command: '/cost',
      text: '1M queries/day at $0.01',
      team_id: 'T1',
      channel_id: 'C1',
      user_id: 'U1',
      response_url: `${api.url}/response/1`,
      trigger_id: 't',
    }).toString();
    const res = await post(body, 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { text: string }).text).toContain('$10,000');
  });
});

describe('a chunked 3 MB upload', () => {
  for (const [path, headers] of [
    ['/slack/events', { 'content-type': 'application/json', ...sign('{}') }],
    ['/api/messages', { 'content-type': 'application/json' }],
  ] as const)
    it(`to ${path} is refused with 413: the limit counts the bytes received, chunked or not`, async () => {
      const answer = await chunkedPost(port, path, headers, 3 * 1024 * 1024);
      expect(answer.status).toBe(413);
      await expectUnharmed();
    });
});
