/**
 * The Teams surface: botbuilder's CloudAdapter behind `POST /api/messages` on our one server,
 * the CSV download route, and the PromptSender the scheduler uses for daily prompts.
 *
 * Authentication follows botbuilder's own settings. With MicrosoftAppId set, every activity must
 * carry a Bot Framework token (else 401). Without one, activities are refused unless local mode was
 * asked for (TEAMS_LOCAL_CLIENTS=1, which `npm run playground` sets): then only requests from this
 * machine, carrying no proxy header and naming a serviceUrl on this machine too, are taken. So a
 * tunnel or reverse proxy on the same host cannot pass outside traffic off as local.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { LruCache, MEMBER_CACHE } from '../app/lru.js';
import type { Config } from '../config.js';
import type { PromptSender } from '../scheduler/index.js';
import { type Route, sendJson } from '../server/http.js';
import { noticeCard } from '../views/notice.js';
import { BASE_URL_KEY, createBot } from './bot.js';
import type { TeamsDeps } from './context.js';
import { createCsvLinks } from './csv-links.js';
import {
  botRequest,
  botResponse,
  isLocalServiceUrl,
  isLoopbackAddress,
  MAX_ACTIVITY_BYTES,
  parseActivityBody,
  proxyHeaderOf,
  publicBaseUrl,
} from './http.js';
import { cardActivity } from './reply.js';
import { patientReplies } from './retry.js';
import { teamsPromptSender } from './sender.js';

const NOT_CONFIGURED =
  'Teams is not set up on this server: set MicrosoftAppId (and MicrosoftAppPassword) to accept activities from Teams, or TEAMS_LOCAL_CLIENTS=1 to try it with a local client.';
const LOCAL_ONLY =
  'This server accepts only local clients (TEAMS_LOCAL_CLIENTS=1), not requests relayed through a proxy or tunnel: set MicrosoftAppId to accept activities from Teams.';

export interface TeamsRuntime {
  /** True when MicrosoftAppId is set and every activity must be authenticated. */
  readonly authenticated: boolean;
  readonly routes: readonly Route[];
  readonly sender: PromptSender;
  stop(): Promise<void>;
}

/** botbuilder's settings, passing only what is set (its own schema rejects empty values). */
function authSettings(config: Config): Record<string, string> {
  const out: Record<string, string> = {};
  if (config.MicrosoftAppId) out.MicrosoftAppId = config.MicrosoftAppId;
  if (config.MicrosoftAppPassword) out.MicrosoftAppPassword = config.MicrosoftAppPassword;
  if (config.MicrosoftAppType) out.MicrosoftAppType = config.MicrosoftAppType;
  if (config.MicrosoftAppTenantId) out.MicrosoftAppTenantId = config.MicrosoftAppTenantId;
  return out;
}

export function createTeams(config: Config, deps: TeamsDeps): TeamsRuntime {
  const appId = config.MicrosoftAppId ?? '';
  const authenticated = appId !== '';
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(authSettings(config)));
  const links = createCsvLinks(deps);
  const runtime = {
    ...deps,
    links,
    appId,
    emails: new LruCache<{ email?: string }>({ ...MEMBER_CACHE, now: deps.now }),
  };
  const bot = createBot(runtime);
  const { log } = deps;

  adapter.onTurnError = async (ctx, error) => {
    log.error('teams.turn_failed', { type: String(ctx.activity.type).slice(0, 32), error });
    if (ctx.activity.type !== 'message') return;
    await ctx
      .sendActivity(
        cardActivity(
          noticeCard('Something went wrong', 'I could not finish that. Please try again in a moment.', 'bad'),
        ),
      )
      .catch(() => {});
  };

  const local = !authenticated && config.TEAMS_LOCAL_CLIENTS;
  const refuse = (res: Parameters<Route['handler']>[1], requestId: string, reason: string, message: string) => {
    log.warn('teams.refused', { requestId, reason });
    sendJson(res, 401, { error: 'unauthorized', message });
  };
  const messages: Route = {
    method: 'POST',
    path: '/api/messages',
    maxBodyBytes: MAX_ACTIVITY_BYTES,
    handler: async (req, res, { requestId, body: raw }) => {
      if (!authenticated && !local) {
        refuse(res, requestId, 'no MicrosoftAppId and local mode off', NOT_CONFIGURED);
        return;
      }
      if (local) {
        // Local mode trusts the machine, so anything relayed onto it (a tunnel, a reverse proxy) is refused.
        const proxied = proxyHeaderOf(req);
        if (proxied || !isLoopbackAddress(req.socket.remoteAddress)) {
          refuse(res, requestId, proxied ? `proxy header ${proxied}` : 'remote address', LOCAL_ONLY);
          return;
        }
      }
      if (authenticated && !req.headers.authorization) {
        log.warn('teams.unauthenticated', { requestId });
        sendJson(res, 401, { error: 'unauthorized' });
        return;
      }
      const body = parseActivityBody(raw);
      if (!body.ok) {
        sendJson(res, body.status, { error: body.error });
        return;
      }
      if (local && !isLocalServiceUrl(body.body.serviceUrl)) {
        refuse(res, requestId, 'serviceUrl not local', LOCAL_ONLY);
        return;
      }
      const baseUrl = publicBaseUrl(config.PUBLIC_URL, req);
      await adapter.process(botRequest(req, body.body), botResponse(res), async (ctx) => {
        // A throttled reply is retried past botbuilder's three tries, so the member still gets it.
        patientReplies(ctx, log);
        ctx.turnState.set(BASE_URL_KEY, baseUrl);
        await bot.run(ctx);
      });
    },
  };

  return {
    authenticated,
    routes: [messages, links.route],
    sender: teamsPromptSender({ adapter, appId, store: deps.store, tutor: deps.tutor, log }),
    stop: async () => {
      links.clear();
    },
  };
}
