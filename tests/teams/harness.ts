/**
 * End-to-end harness for Teams: the real server (`start` from src/main.ts) with its real
 * CloudAdapter, real Teams activities posted to /api/messages, and a FakeConnector as the
 * serviceUrl that receives the bot's replies, card updates and proactive sends.
 */
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
import { type FakeConnector, startFakeConnector } from './fake-connector.js';

export const TENANT = '9c0d6a2e-1b1e-4d59-8a53-0c3f3c1f0001';
export const BOT = { id: '28:0f3a2b1c-bot', name: 'Tutor' };
export const TEAM = { id: '19:team-product@thread.tacv2', name: 'Product' };
export const CHANNEL_ID = '19:general-product@thread.tacv2';

export interface Who {
  /** Short user name; ids are derived from it: `29:<user>` and aad `aad-<user>`. */
  readonly user?: string;
  readonly scope?: 'personal' | 'channel' | 'groupChat';
  readonly tz?: string;
  readonly tenant?: string;
}

export interface TeamsWorld {
  readonly connector: FakeConnector;
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
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<Response>;
  message(text: string, who?: Who): Promise<Response>;
  /** A click on a card's Action.Submit: `value` is its data plus the inputs; replyToId the card's activity. */
  submit(value: Record<string, unknown>, replyToId: string, who?: Who): Promise<Response>;
  conversationUpdate(membersAdded: readonly { id: string; name?: string }[], who?: Who): Promise<Response>;
  installationUpdate(action: 'add' | 'remove' | 'add-upgrade', who?: Who): Promise<Response>;
  /** The activity that a Who's messages would be built on (ids, conversation, channel data). */
  activity(type: string, who?: Who): Record<string, unknown>;
  close(): Promise<void>;
}

let sequence = 0;

export const personalConversation = (user: string) => `a:1personal-${user}`;
export const GROUP_CHAT = '19:group-chat-1@thread.v2';

export function baseActivity(serviceUrl: string, type: string, who: Who = {}): Record<string, unknown> {
  const user = who.user ?? 'ada';
  const scope = who.scope ?? 'personal';
  const tenant = who.tenant ?? TENANT;
  const id = `1700000${String(++sequence).padStart(6, '0')}`;
  const conversation =
    scope === 'personal'
      ? { id: personalConversation(user), conversationType: 'personal', tenantId: tenant }
      : scope === 'channel'
        ? { id: `${CHANNEL_ID};messageid=${id}`, conversationType: 'channel', tenantId: tenant, isGroup: true }
        : { id: GROUP_CHAT, conversationType: 'groupChat', tenantId: tenant, isGroup: true };
  return {
    type,
    id,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    localTimezone: who.tz ?? 'Europe/Berlin',
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:${user}`, name: user[0]?.toUpperCase() + user.slice(1), aadObjectId: `aad-${user}` },
    recipient: BOT,
    conversation,
    channelData: {
      tenant: { id: tenant },
      ...(scope === 'channel' ? { team: TEAM, channel: { id: CHANNEL_ID, name: 'General' } } : {}),
    },
    locale: 'en-US',
  };
}

export async function startTeamsWorld(
  env: Record<string, string> = {},
  dir = mkdtempSync(join(tmpdir(), 'teams-')),
  { backend, ...options }: WorldOptions = {},
): Promise<TeamsWorld> {
  const connector = await startFakeConnector();
  const database = await worldDatabase(env, dir, backend);
  const reader = testRows(database);
  // Without an app id the bot takes activities only in local mode, which the Playground script turns on too.
  const app = await start({ PORT: '0', ...database, LOG_LEVEL: 'error', TEAMS_LOCAL_CLIENTS: '1', ...env }, options);
  const base = `http://127.0.0.1:${app.port}`;
  const post = (activity: Record<string, unknown>, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      body: JSON.stringify(activity),
    });
  const activity = (type: string, who?: Who) => baseActivity(connector.url, type, who);
  return {
    connector,
    app,
    base,
    database,
    get dbPath() {
      return sqliteFile(database);
    },
    rows: reader.rows,
    run: reader.run,
    post,
    activity,
    message(text, who = {}) {
      const a = activity('message', who);
      if ((who.scope ?? 'personal') === 'personal') return post({ ...a, text, textFormat: 'plain' });
      // In a channel or group chat the bot only hears messages that @mention it.
      const mention = `<at>${BOT.name}</at>`;
      return post({
        ...a,
        text: `${mention} ${text}`,
        textFormat: 'plain',
        entities: [{ type: 'mention', text: mention, mentioned: BOT }],
      });
    },
    submit(value, replyToId, who = {}) {
      return post({ ...activity('message', who), replyToId, value });
    },
    conversationUpdate(membersAdded, who = {}) {
      const a = activity('conversationUpdate', who);
      const channelData = { ...(a.channelData as object), eventType: 'teamMemberAdded' };
      const conversation = { ...(a.conversation as { id: string }) };
      conversation.id = conversation.id.split(';')[0] ?? conversation.id;
      return post({ ...a, conversation, membersAdded, channelData });
    },
    installationUpdate(action, who = {}) {
      const a = activity('installationUpdate', who);
      const conversation = { ...(a.conversation as { id: string }) };
      conversation.id = conversation.id.split(';')[0] ?? conversation.id;
      return post({ ...a, conversation, action });
    },
    async close() {
      await reader.close();
      await app.stop();
      await connector.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
