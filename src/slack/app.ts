/**
 * The Slack platform: a Bolt app whose HTTP receiver is mounted on our one server (Slack posts to
 * `/slack/events`; OAuth uses `/slack/install` and `/slack/oauth_redirect`), or a Socket Mode
 * connection when an app token is set; and the sender the scheduler posts daily prompts with.
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { ChatDeps } from '../app/chat/deps.js';
import type { PlatformRuntime } from '../app/chat/runtime.js';
import { LruCache, MEMBER_CACHE } from '../app/lru.js';
import { type Config, slackMode } from '../config.js';
import { platformStatus } from '../platform-status.js';
import { inFlight } from '../server/in-flight.js';
import { objectBodyRoutes } from '../server/object-body.js';
import { firstDelivery } from '../server/replay.js';
import { tokenKeysOf } from '../store/installation-seal.js';
import { botTokenAuthorize } from './authorize.js';
import type { SlackDeps, UserInfo } from './conversation.js';
import { sqliteInstallationStore } from './installation-store.js';
import { registerCommands } from './listeners/commands.js';
import { registerEvents } from './listeners/events.js';
import { registerInteractions } from './listeners/interactions.js';
import { mountListeners, SIGNATURE_PROPERTY } from './listeners/router.js';
import { boltLogger } from './logger.js';
import { slackSenders } from './sender.js';

// channels:read and groups:read: is the member who names a channel for daily lessons in it?
export const SLACK_SCOPES = [
  ...['app_mentions:read', 'channels:history', 'channels:read', 'chat:write', 'commands', 'files:write'],
  ...['groups:history', 'groups:read', 'im:history', 'im:write', 'users:read', 'users:read.email'],
] as const;

// A few quick retries for interactive answers; the daily scheduler does its own patient retries.
const clientOptions = (config: Config): WebClientOptions => ({
  ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
  retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1_000 },
  timeout: 10_000,
});

const nothing = async () => {};

export function createSlack(config: Config, chat: ChatDeps): PlatformRuntime {
  const mode = slackMode(config);
  const idle = { start: nothing, stop: nothing, drain: nothing };
  if (mode === 'off') return { platform: 'slack', routes: [], status: platformStatus.slack(config), ...idle };
  const deps: SlackDeps = { ...chat, profiles: new LruCache<UserInfo>({ ...MEMBER_CACHE, now: chat.now }) };
  const installations = mode === 'oauth' ? sqliteInstallationStore(deps.store, tokenKeysOf(config)) : undefined;
  const logger = boltLogger(deps.log);
  // No conversation store: nothing here keeps per-conversation state. Bolt's ignoreSelf runs on every
  // request; the DM and mention listeners ignore every bot's messages themselves.
  const common = {
    logger,
    logLevel: LogLevel.INFO,
    clientOptions: clientOptions(config),
    convoStore: false as const,
    ignoreSelf: false,
  };
  const receiver =
    mode === 'socket'
      ? undefined
      : new HTTPReceiver({
          signingSecret: config.SLACK_SIGNING_SECRET ?? '',
          endpoints: '/slack/events',
          logger,
          // Acknowledge first, work after: listeners call ack() before anything slow.
          processBeforeResponse: false,
          // The signature reaches listeners as context, so manager requests are served once (server/replay.ts).
          customPropertiesExtractor: (req) => ({ [SIGNATURE_PROPERTY]: req.headers['x-slack-signature'] }),
          // Bolt answers a request nobody acknowledged after this long: a payload no listener takes
          // (a shortcut we do not offer), or an answer whose write is slower than this (it is
          // acknowledged only once stored). Slack waits 3 s; a busy shared database may need 2.
          unhandledRequestTimeoutMillis: 2_500,
          // Our listeners catch their own faults, so what reaches here is a signed payload Bolt itself
          // could not read (no user, actions of the wrong type): the sender's mistake, a 400.
          processEventErrorHandler: async ({ error, response }) => {
            if (response.headersSent) return false;
            const unauthorised = (error as { code?: string }).code === 'slack_bolt_authorization_error';
            deps.log.warn('slack.payload_refused', { reason: unauthorised ? 'no installation' : 'unreadable payload' });
            response.writeHead(unauthorised ? 401 : 400);
            response.end();
            return unauthorised;
          },
          ...(installations
            ? {
                clientId: config.SLACK_CLIENT_ID,
                clientSecret: config.SLACK_CLIENT_SECRET,
                stateSecret: config.SLACK_STATE_SECRET,
                scopes: [...SLACK_SCOPES],
                installationStore: installations,
                installerOptions: { directInstall: true, clientOptions: clientOptions(config) },
              }
            : {}),
        });
  const app = receiver
    ? new App({
        ...common,
        receiver,
        ...(mode === 'single'
          ? { authorize: botTokenAuthorize(config.SLACK_BOT_TOKEN ?? '', clientOptions(config), deps.log) }
          : {}),
      })
    : new App({ ...common, token: config.SLACK_BOT_TOKEN, appToken: config.SLACK_APP_TOKEN, socketMode: true });
  // Work after the ack (posting answers, explanations) is counted, so a shutdown can wait for it.
  const work = inFlight();
  const listeners = mountListeners(app, work.around, deps.log, (eventId) => firstDelivery(deps.store.replays, eventId));
  for (const register of [registerCommands, registerEvents, registerInteractions]) register(listeners, deps);
  app.error(async (error) => {
    deps.log.error('slack.unhandled', { error: error.message, code: (error as { code?: string }).code });
  });
  const listener = receiver?.requestListener;
  const senders = slackSenders(config, deps.store, deps.tutor, installations);
  const routes = listener ? objectBodyRoutes('/slack/*', listener, deps.log) : [];
  return {
    platform: 'slack',
    routes,
    sender: senders.prompts,
    directSender: senders.direct,
    status: platformStatus.slack(config),
    start: async () => {
      await installations?.check();
      if (mode === 'socket') await app.start();
    },
    stop: async () => {
      if (mode === 'socket') await app.stop();
    },
    drain: work.drain,
  };
}
