/**
 * The Teams surface: botbuilder's CloudAdapter behind `POST /api/messages` on our one server,
 * the CSV download route, and the PromptSender the scheduler uses for daily prompts.
 *
 * Authentication follows botbuilder's own settings. With MicrosoftAppId set, every activity must
 * carry a Bot Framework token (else 401). Without one, the bot is for trying out locally
 * (Bot Framework Emulator, Microsoft 365 Agents Playground): it then accepts only requests from
 * this machine whose serviceUrl is on this machine too, so an exposed server without an app id
 * cannot be driven from outside or made to call other hosts.
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
import { botRequest, botResponse, isLocalServiceUrl, isLoopbackAddress, publicBaseUrl, readJsonBody } from './http.js';
import { cardActivity } from './reply.js';
import { teamsPromptSender } from './sender.js';

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

  const messages: Route = {
    method: 'POST',
    path: '/api/messages',
    handler: async (req, res, { requestId }) => {
      if (!authenticated && !isLoopbackAddress(req.socket.remoteAddress)) {
        log.warn('teams.refused_remote', { requestId, reason: 'no MicrosoftAppId: only local clients are accepted' });
        sendJson(res, 401, { error: 'unauthorized', message: 'Set MicrosoftAppId to accept activities from Teams.' });
        return;
      }
      if (authenticated && !req.headers.authorization) {
        log.warn('teams.unauthenticated', { requestId });
        sendJson(res, 401, { error: 'unauthorized' });
        return;
      }
      const body = await readJsonBody(req);
      if (!body.ok) {
        sendJson(res, body.status, { error: body.error });
        return;
      }
      if (!authenticated && !isLocalServiceUrl(body.body.serviceUrl)) {
        log.warn('teams.refused_service_url', { requestId, reason: 'no MicrosoftAppId: serviceUrl must be local' });
        sendJson(res, 401, { error: 'unauthorized', message: 'Set MicrosoftAppId to accept activities from Teams.' });
        return;
      }
      const baseUrl = publicBaseUrl(req);
      await adapter.process(botRequest(req, body.body), botResponse(res), async (ctx) => {
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
