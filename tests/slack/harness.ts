/**
 * End-to-end harness: the real server (`start` from src/main.ts) with Slack on, its Web API pointed
 * at a FakeSlack, and requests signed exactly the way Slack signs them.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Running, start } from '../../src/main.js';
import {
  type DatabaseEnv,
  sqliteFile,
  type TestRows,
  testRows,
  type WorldOptions,
  worldDatabase,
} from '../support/test-database.js';
import { type FakeSlack, startFakeSlack } from './fake-slack-api.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

export function sign(body: string, timestamp = Math.floor(Date.now() / 1000), secret = SIGNING_SECRET) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

export interface SlackWorld {
  readonly api: FakeSlack;
  readonly app: Running;
  readonly base: string;
  /** The database the server runs on (pass it to a second world on the same data). */
  readonly database: DatabaseEnv;
  /** The SQLite file, for tests about the file itself (a disk, a lock); an error on PostgreSQL. */
  readonly dbPath: string;
  /** Rows of a portable query on the server's database, SQLite or PostgreSQL alike. */
  readonly rows: TestRows['rows'];
  /** A write on the server's database, for what no command can set up. */
  readonly run: TestRows['run'];
  post(body: string, type: 'form' | 'json', headers?: Record<string, string>): Promise<Response>;
  command(command: string, text: string, who?: Who): Promise<Response>;
  action(payload: Record<string, unknown>): Promise<Response>;
  /** Clicks `actionId` on a message the app sent, as Slack would post it. */
  click(message: { blocks: unknown[] }, actionId: string | RegExp, who?: ClickFrom): Promise<Response>;
  event(event: Record<string, unknown>, team?: string): Promise<Response>;
  close(): Promise<void>;
}

export interface Who {
  user?: string;
  team?: string;
  channel?: string;
}

let responseCounter = 0;

export async function startSlackWorld(
  env: Record<string, string> = {},
  dir = mkdtempSync(join(tmpdir(), 'slack-')),
  { backend, ...options }: WorldOptions = {},
): Promise<SlackWorld> {
  const api = await startFakeSlack();
  const database = await worldDatabase(env, dir, backend);
  const reader = testRows(database);
  const app = await start(
    {
      PORT: '0',
      ...database,
      LOG_LEVEL: 'error',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_API_URL: `${api.url}/api/`,
      ...env,
    },
    options,
  );
  const base = `http://127.0.0.1:${app.port}`;
  const post = (body: string, type: 'form' | 'json', headers: Record<string, string> = sign(body)) =>
    fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': type === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
        ...headers,
      },
      body,
    });
  return {
    api,
    app,
    base,
    database,
    get dbPath() {
      return sqliteFile(database);
    },
    rows: reader.rows,
    run: reader.run,
    post,
    command(command, text, who = {}) {
      const form = new URLSearchParams({
        token: 'deprecated',
        team_id: who.team ?? 'T1',
        team_domain: 'acme',
        channel_id: who.channel ?? 'C1',
        channel_name: 'general',
        user_id: who.user ?? 'U1',
        user_name: 'ada',
        command,
        text,
        api_app_id: 'A1',
        response_url: `${api.url}/response/${++responseCounter}`,
        trigger_id: `trigger-${responseCounter}`,
      }).toString();
      return post(form, 'form');
    },
    action(payload) {
      return post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'form');
    },
    click(message, actionId, who = {}) {
      const payload = clickPayload(message, actionId, {
        ...who,
        responseUrl: `${api.url}/response/${++responseCounter}`,
      });
      return post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'form');
    },
    event(event, team = 'T1') {
      return post(
        JSON.stringify({
          token: 'x',
          team_id: team,
          api_app_id: 'A1',
          type: 'event_callback',
          event_id: `Ev${++responseCounter}`,
          event_time: 1,
          event,
        }),
        'json',
      );
    },
    async close() {
      await reader.close();
      await app.stop();
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type ClickFrom = Who & {
  ephemeral?: boolean;
  ts?: string;
  state?: unknown;
  home?: boolean;
  responseUrl?: string;
};

/** A block_actions payload for a click on the first element whose action id matches, in a message the app sent. */
export function clickPayload(
  message: { blocks: unknown[] },
  actionId: string | RegExp,
  who: ClickFrom = {},
): Record<string, unknown> {
  const blocks = message.blocks as {
    type: string;
    block_id?: string;
    elements?: { action_id: string; value?: string }[];
  }[];
  const matches = (id: string) => (typeof actionId === 'string' ? id === actionId : actionId.test(id));
  for (const block of blocks) {
    const el = block.elements?.find((e) => matches(e.action_id));
    if (el)
      return {
        type: 'block_actions',
        user: { id: who.user ?? 'U1', username: 'ada', team_id: who.team ?? 'T1' },
        team: { id: who.team ?? 'T1', domain: 'acme' },
        api_app_id: 'A1',
        container: who.home
          ? { type: 'view', view_id: 'V1' }
          : {
              type: 'message',
              message_ts: who.ts ?? '1700000000.000100',
              channel_id: who.channel ?? 'C1',
              is_ephemeral: who.ephemeral ?? true,
            },
        channel: { id: who.channel ?? 'C1', name: 'general' },
        trigger_id: 'trigger',
        response_url: who.responseUrl ?? 'http://127.0.0.1:9/unused',
        actions: [
          { type: 'button', action_id: el.action_id, block_id: block.block_id ?? 'b', value: el.value, action_ts: '1' },
        ],
        ...(who.state ? { state: who.state } : {}),
      };
  }
  throw new Error(`no element ${actionId} in the message`);
}
