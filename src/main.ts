/**
 * Composition root: config → content → database (with migrations) → services → one HTTP server.
 * Everything that can be wrong at start-up (environment, content, database) is reported with a
 * message an admin can act on, and nothing starts half-way.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PlatformRuntime } from './app/chat/runtime.js';
import { createSharedRateLimiter } from './app/limits.js';
import { personalComposer } from './app/personal.js';
import { createPickSessions } from './app/pick-sessions.js';
import { Tutor } from './app/tutor.js';
import { ConfigError, readConfig } from './config.js';
import { ContentError, loadCatalog } from './content/load.js';
import { defaultContentDir } from './content/paths.js';
import { type EnvFileResult, loadEnvFile } from './env-file.js';
import { createExplainer, explainerConfig } from './explain/explainer.js';
import {
  createPersonalRunner,
  createScheduler,
  type DirectSender,
  type PersonalTickResult,
  type PromptSender,
} from './scheduler/index.js';
import { createClientLimit } from './server/client-limit.js';
import { createHttpServer, type Route } from './server/http.js';
import { createLogger } from './server/log.js';
import { installProcessGuards } from './server/process-guard.js';
import { costRoute, healthRoute } from './server/routes.js';
import { createSlack } from './slack/app.js';
import { createStore, type Platform, StoreError } from './store/index.js';
import { describeDatabase, openSql } from './store/open.js';
import { lazyTeams } from './teams/lazy.js';

export interface Running {
  readonly server: Server;
  readonly port: number;
  /** One pass of the personal runner now, as its timer would run it (operators' tools and tests). */
  tickPersonal(): Promise<PersonalTickResult>;
  stop(): Promise<void>;
}

/** What a test may replace: the clock every service reads (the store, the tutor, both schedulers). */
export interface StartOptions {
  readonly now?: () => number;
}

export async function start(
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: StartOptions = {},
): Promise<Running> {
  const now = options.now ?? Date.now;
  const config = readConfig(env);
  const log = createLogger(config.LOG_LEVEL);
  const catalog = loadCatalog(config.CONTENT_DIR ?? defaultContentDir());
  const sql = await openSql(config);
  const store = createStore(sql, { now });
  const tutor = new Tutor({ catalog, store, now, nonce: randomUUID });
  const routes: Route[] = [
    healthRoute(sql, () => ({ lessons: tutor.catalog.lessons.length, checks: tutor.catalog.checks.length })),
    costRoute(createClientLimit({ perMinute: config.COST_API_PER_MINUTE })),
  ];
  const explainer = createExplainer({
    catalog,
    store,
    log: log.child({ component: 'explain' }),
    config: explainerConfig(config),
  });
  const shared = {
    tutor,
    store,
    catalog,
    now,
    managers: new Set(config.TUTOR_MANAGERS),
    explainer,
    pickSessions: createPickSessions(store, now),
    // 30 estimates a minute per member is plenty for a person and stops a runaway loop, counted in
    // the database so that every instance behind a load balancer sees the same uses.
    costLimiter: createSharedRateLimiter({ store, scope: 'cost', limit: 30, windowMs: 60_000, now }),
  };
  // Every platform is started the same way: its routes on the one server, its sender for the
  // scheduler, its lifecycle. Teams' /api/messages is always mounted and says why it refuses when off.
  const platforms: PlatformRuntime[] = [
    createSlack(config, { ...shared, log: log.child({ surface: 'slack' }) }),
    lazyTeams(config, { ...shared, log: log.child({ surface: 'teams' }) }),
  ];
  const senders: Partial<Record<Platform, PromptSender>> = {};
  const direct: Partial<Record<Platform, DirectSender>> = {};
  for (const p of platforms) {
    routes.push(...p.routes);
    if (p.sender) senders[p.platform] = p.sender;
    if (p.directSender) direct[p.platform] = p.directSender;
    log.info(`${p.platform}.${p.status.on ? 'on' : 'off'}`, p.status.detail);
  }
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const notConfigured = (platform: Platform) => ({
    ok: false as const,
    error: `${platform} is not configured on this server`,
  });
  const scheduler = createScheduler({
    store,
    log: log.child({ component: 'scheduler' }),
    now,
    workerId,
    tickMs: config.SCHEDULER_TICK_MS,
    leaseMs: config.SCHEDULER_LEASE_MS,
    // Slack allows about one message per second per channel; Teams more, so this suits both.
    perKey: { count: 1, intervalMs: 1_000 },
    concurrency: 8,
    sender: { send: async (target) => senders[target.platform]?.send(target) ?? notConfigured(target.platform) },
  });
  // Personal lessons by DM: one runner for every platform, paced per platform (scheduler/personal-limits.ts).
  const personal = createPersonalRunner({
    store,
    log: log.child({ component: 'personal' }),
    now,
    workerId,
    tickMs: config.SCHEDULER_TICK_MS,
    leaseMs: config.SCHEDULER_LEASE_MS,
    composer: personalComposer({
      tutor,
      store,
      now,
      reminderOffHint: 'No more reminders: `daily me reminders off` (in Slack, `/tutor daily me reminders off`).',
    }),
    sender: { send: async (target) => direct[target.platform]?.send(target) ?? notConfigured(target.platform) },
  });
  const server = createHttpServer(routes, log);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, () => resolve());
  });
  // Accept failures (EMFILE under a flood) are logged; the server keeps listening.
  server.on('error', (error) => log.error('server.error', { error }));
  await Promise.all(platforms.map((p) => p.start()));
  scheduler.start();
  personal.start();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  log.info('server.started', { port, database: describeDatabase(sql), lessons: catalog.lessons.length });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= new Promise<void>((resolve) => {
      log.info('server.stopping');
      for (const p of platforms) void p.stop();
      // Stop taking requests, let listeners and the scheduler finish what they are doing, then close the database.
      server.close(() => {
        Promise.all([...platforms.map((p) => p.drain()), scheduler.stop(), personal.stop()])
          .then(() => sql.close())
          .catch((error: unknown) => log.error('server.stop_failed', { error }))
          .finally(() => {
            log.info('server.stopped');
            resolve();
          });
      });
      server.closeIdleConnections();
    });
    return stopping;
  };
  return { server, port, tickPersonal: personal.tick, stop };
}

/** Faults an admin can fix get their message and exit code 1; anything else is a bug and keeps its stack. */
function explain(error: unknown): string {
  if (error instanceof ConfigError || error instanceof ContentError || error instanceof StoreError)
    return error.message;
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
    return 'The port is already in use: set PORT to a free port.';
  return '';
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isEntryPoint) {
  installProcessGuards(createLogger('warn'));
  let envFile: EnvFileResult = 'absent';
  try {
    envFile = loadEnvFile();
  } catch (error) {
    console.error(`chat-tutor cannot start.\n${(error as Error).message}`);
    process.exit(1);
  }
  start().then(
    (running) => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const)
        process.once(signal, () => {
          running.stop().then(() => process.exit(0));
        });
      console.log(
        `chat-tutor is listening on http://localhost:${running.port} (try /healthz and /api/cost?q=1M%20queries/day%20at%20$0.01)${envFile === 'loaded' ? '; settings read from .env' : ''}`,
      );
    },
    (error: unknown) => {
      const message = explain(error);
      console.error(message ? `chat-tutor cannot start.\n${message}` : error);
      process.exit(1);
    },
  );
}
