/**
 * The Teams runtime: botbuilder's CloudAdapter behind `POST /api/messages` on our one server, the
 * CSV download route, and the PromptSender the scheduler uses for daily prompts.
 *
 * Authentication follows botbuilder's own settings. With MicrosoftAppId set, every activity must
 * carry a Bot Framework token (else 401). Without one, activities are refused unless local mode was
 * asked for (TEAMS_LOCAL_CLIENTS=1, which `npm run playground` sets): then only requests from this
 * machine, carrying no proxy header and naming a serviceUrl on this machine too, are taken. So a
 * tunnel or reverse proxy on the same host cannot pass outside traffic off as local.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { ChatDeps } from '../app/chat/deps.js';
import type { PlatformRuntime } from '../app/chat/runtime.js';
import { downloadResolver } from '../app/downloads.js';
import { failureOf } from '../app/failure.js';
import { LruCache, MEMBER_CACHE } from '../app/lru.js';
import type { Config } from '../config.js';
import { platformStatus } from '../platform-status.js';
import { createDownloads } from '../server/downloads.js';
import { type Route, sendJson } from '../server/http.js';
import { isLocalUrl, notLocal, publicBaseUrl } from '../server/local-client.js';
import { BASE_URL_KEY, createBot } from './bot.js';
import { botRequest, botResponse, parseActivityBody } from './http.js';
import { cardActivity } from './present.js';
import { patientReplies } from './retry.js';
import { teamsSenders } from './sender.js';
import { authSettings, MAX_ACTIVITY_BYTES, MESSAGES_PATH, REPORTS_PATH } from './settings.js';

const NOT_CONFIGURED =
  'Teams is not set up on this server: set MicrosoftAppId (and MicrosoftAppPassword) to accept activities from Teams, or TEAMS_LOCAL_CLIENTS=1 to try it with a local client.';
const LOCAL_ONLY =
  'This server accepts only local clients (TEAMS_LOCAL_CLIENTS=1), not requests relayed through a proxy or tunnel: set MicrosoftAppId to accept activities from Teams.';

export function createTeams(config: Config, deps: ChatDeps): PlatformRuntime {
  const appId = config.MicrosoftAppId ?? '';
  const authenticated = appId !== '';
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(authSettings(config)));
  const downloads = createDownloads({
    path: REPORTS_PATH,
    suffix: '.csv',
    store: deps.store,
    resolve: downloadResolver(deps),
    now: deps.now,
  });
  const emails = new LruCache<{ email?: string }>({ ...MEMBER_CACHE, now: deps.now });
  const bot = createBot({ ...deps, appId, downloads, emails });
  const { log } = deps;
  const senders = teamsSenders(adapter, { ...deps, appId });

  adapter.onTurnError = async (ctx, error) => {
    log.error('teams.turn_failed', { type: String(ctx.activity.type).slice(0, 32), error });
    if (ctx.activity.type !== 'message') return;
    await ctx.sendActivity(cardActivity(failureOf(error).card)).catch(() => {});
  };

  const local = !authenticated && config.TEAMS_LOCAL_CLIENTS;
  const refuse = (res: Parameters<Route['handler']>[1], requestId: string, reason: string, message: string) => {
    log.warn('teams.refused', { requestId, reason });
    sendJson(res, 401, { error: 'unauthorized', message });
  };
  const messages: Route = {
    method: 'POST',
    path: MESSAGES_PATH,
    maxBodyBytes: MAX_ACTIVITY_BYTES,
    handler: async (req, res, { requestId, body: raw }) => {
      if (!authenticated && !local)
        return refuse(res, requestId, 'no MicrosoftAppId and local mode off', NOT_CONFIGURED);
      // Local mode trusts the machine, so anything relayed onto it (a tunnel, a reverse proxy) is refused.
      const relayed = local ? notLocal(req) : undefined;
      if (relayed) return refuse(res, requestId, relayed, LOCAL_ONLY);
      if (authenticated && !req.headers.authorization) {
        log.warn('teams.unauthenticated', { requestId });
        return sendJson(res, 401, { error: 'unauthorized' });
      }
      const body = parseActivityBody(raw);
      if (typeof body === 'string') return sendJson(res, 400, { error: body });
      if (local && !isLocalUrl(body.serviceUrl)) return refuse(res, requestId, 'serviceUrl not local', LOCAL_ONLY);
      const baseUrl = publicBaseUrl(config.PUBLIC_URL, req);
      await adapter.process(botRequest(req, body), botResponse(res), async (ctx) => {
        // A throttled reply is retried past botbuilder's three tries, so the member still gets it.
        patientReplies(ctx, log);
        ctx.turnState.set(BASE_URL_KEY, baseUrl);
        await bot.run(ctx);
      });
    },
  };

  return {
    platform: 'teams',
    routes: [messages, downloads.route],
    sender: senders.prompts,
    directSender: senders.direct,
    status: platformStatus.teams(config),
    start: async () => {},
    stop: async () => {},
    // A turn ends with its HTTP response, which the server's close already waits for.
    drain: async () => {},
  };
}
