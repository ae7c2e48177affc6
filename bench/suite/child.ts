/**
 * Entry of a benchmark child process, one role each, so that the load generator, the server under
 * test and the fake Web API never share an event loop:
 * - `app`: the real server, `start()` from src/main.ts, configured by its environment;
 * - `bare`: the baseline, a bare Bolt app on its own HTTPReceiver whose handlers only ack (and, for
 *   a quiz answer, make the one chat.update any answer needs);
 * - `fake`: the local Web API (fake-api.ts).
 * It says `ready` with its port over IPC, answers `stats`, and stops cleanly on `stop`.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { start } from '../../src/main.js';
import { startFakeApi } from './fake-api.js';
import { BOT_TOKEN, SIGNING_SECRET } from './slack.js';

interface Role {
  port: number;
  stop(): Promise<void>;
  stats(): unknown;
}

async function bare(): Promise<Role> {
  const receiver = new HTTPReceiver({
    signingSecret: SIGNING_SECRET,
    // The same /healthz as the app has, so the memory benchmark can send both the same mix.
    customRoutes: [
      {
        path: '/healthz',
        method: ['GET'],
        handler: (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"status":"ok"}');
        },
      },
    ],
  });
  const app = new App({
    receiver,
    token: BOT_TOKEN,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: process.env.SLACK_API_URL ?? '' },
  });
  app.command('/cost', async ({ ack }) => {
    await ack();
  });
  app.action(/^quiz\.answer/, async ({ ack, body, client }) => {
    await ack();
    const c = (body as { container?: { channel_id?: string; message_ts?: string } }).container;
    await client.chat.update({ channel: c?.channel_id ?? '', ts: c?.message_ts ?? '', text: 'ok' });
  });
  const server = (await app.start(0)) as Server;
  return {
    port: (server.address() as AddressInfo).port,
    stop: () => app.stop().then(() => undefined),
    stats: () => ({}),
  };
}

async function fake(): Promise<Role> {
  const api = await startFakeApi();
  return { port: api.port, stop: api.close, stats: () => ({ counts: Object.fromEntries(api.counts) }) };
}

async function app(): Promise<Role> {
  const running = await start(process.env);
  return { port: running.port, stop: running.stop, stats: () => ({}) };
}

const roles: Record<string, () => Promise<Role>> = { app, bare, fake };

// Never outlive the parent, whatever happens to it.
process.on('disconnect', () => process.exit(0));

const make = roles[process.argv[2] ?? ''];
if (!make) {
  console.error(`unknown role ${process.argv[2]}; use one of ${Object.keys(roles).join(', ')}`);
  process.exit(2);
}
make().then(
  (role) => {
    process.on('message', (m: { type: string; id?: number }) => {
      if (m.type === 'stats')
        process.send?.({
          type: 'stats',
          id: m.id,
          stats: { ...(role.stats() as object), memory: process.memoryUsage() },
        });
      if (m.type === 'stop') role.stop().finally(() => process.exit(0));
    });
    process.send?.({ type: 'ready', port: role.port });
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
