/**
 * Benchmark 1: `/cost` through the real HTTP receiver. Signed slash commands go to the app
 * (start() in a child process, which answers each with the estimate in its acknowledgement, posted
 * to the channel by Slack) and to a bare Bolt app whose `/cost` only acks with an empty body, in
 * alternating rounds of the same run. Every app answer is read and checked to be the estimate.
 * The app is measured twice: with four scenarios asked word for word (its remembered answers
 * help) and with a scenario never asked before in every request (estimated and rendered each time).
 * The machine is shared, so besides requests/s each run also reports the server's CPU time per
 * request (from /proc), which other processes' load disturbs far less. A diagnostic target is the
 * app with a `/cost` its listener refuses (no estimate): the cost of the receiver path alone.
 * Then a fixed 200 requests/s (open loop) against each, for the ack's p99.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedLoop, type LoadResult, median, ms, num, openLoop, type Req, sleep } from './load.js';
import { serverLine, spawnApp, spawnBare } from './plain.js';
import { appEnv, type Child, cpuMsOf, spawnChild } from './procs.js';
import { type Bench, type Row, ratio } from './report.js';
import { costRequest, slackPost, slashCommand } from './slack.js';

const CONNECTIONS = 16;
const WARMUP_MS = 1_000;
const DURATION_MS = 5_000;
/** Rounds of every target, order rotated each round, so drift in the machine's load hits all. */
const ROUNDS = 3;
const RATE = 200;

/** The app's answer must be the estimate, in the channel: any other body counts as an error. */
const IN_CHANNEL_ESTIMATE = (body: string) => body.includes('"response_type":"in_channel"') && body.includes('$');
const checkFor = (target: Target) => (target === 'app' || target === 'unique' ? IN_CHANNEL_ESTIMATE : () => true);
const OPEN_MS = 5_000;

type Target = 'app' | 'unique' | 'bare' | 'ackOnly';
interface Run extends LoadResult {
  /** Server CPU (user + system) per request, ms. */
  readonly cpu: number;
}

let runId = 0;

/** Requests for one run; members never repeat across runs (the per-member limit stays out of it). */
function requests(target: Target, apiUrl: string): (i: number) => Req {
  const prefix = `${{ app: 'A', unique: 'N', bare: 'B', ackOnly: 'R' }[target]}${++runId}X`;
  if (target !== 'ackOnly') return (i) => costRequest(i, prefix, apiUrl, target === 'unique');
  // A channel id that is not a Slack id: refused by the listener's schema with a short note.
  return (i) =>
    slackPost(
      slashCommand(
        '/cost',
        '1M queries at $1',
        { user: `U${prefix}${i}`, channel: 'not-a-channel' },
        `${apiUrl}/response/x`,
      ),
    );
}

export const costHttp: Bench = {
  name: 'cost',
  async run(): Promise<Row[]> {
    console.log(
      `\n# 1. /cost through the HTTP receiver — ${CONNECTIONS} keep-alive connections, ${WARMUP_MS / 1000} s warm-up + ${DURATION_MS / 1000} s, ${ROUNDS} rotating rounds`,
    );
    console.log(await serverLine());
    const dir = mkdtempSync(join(tmpdir(), 'bench-cost-'));
    const children: Child[] = [];
    try {
      const fake = await spawnChild('fake');
      children.push(fake);
      const apiUrl = `http://127.0.0.1:${fake.port}`;
      const posts = async () =>
        ((await fake.stats()).counts as Record<string, number> | undefined)?.['chat.postMessage'] ?? 0;
      const posted0 = await posts();
      const app = await spawnApp('app', appEnv(apiUrl, join(dir, 'tutor.db')));
      children.push(app);
      const bare = await spawnBare('bare', apiUrl);
      children.push(bare);
      const server: Record<Target, Child> = { app, unique: app, bare, ackOnly: app };

      const runs: Record<Target, Run[]> = { app: [], unique: [], bare: [], ackOnly: [] };
      const order: Target[] = ['app', 'bare', 'unique', 'ackOnly'];
      let wrong = 0;
      for (let round = 0; round < ROUNDS; round++) {
        for (const target of [...order.slice(round), ...order.slice(0, round)]) {
          const child = server[target];
          const cpu0 = cpuMsOf(child.pid);
          const r = await closedLoop({
            port: child.port,
            connections: CONNECTIONS,
            warmupMs: WARMUP_MS,
            durationMs: DURATION_MS,
            make: requests(target, apiUrl),
            check: checkFor(target),
          });
          if (target === 'app' || target === 'unique') wrong += r.errors;
          const run = { ...r, cpu: (cpuMsOf(child.pid) - cpu0) / r.started };
          runs[target].push(run);
          console.log(
            `  ${target.padEnd(8)} ${num(r.rps).padStart(6)} req/s  ack p50 ${ms(r.p50)}  p99 ${ms(r.p99)}  max ${ms(r.max)}  server CPU ${run.cpu.toFixed(3)} ms/req  errors ${r.errors}`,
          );
          await sleep(300);
        }
      }
      const med = (t: Target, f: (r: Run) => number) => median(runs[t].map(f));
      const appRps = med('app', (r) => r.rps);
      const bareRps = med('bare', (r) => r.rps);
      const ackRps = med('ackOnly', (r) => r.rps);
      const uniqueRps = med('unique', (r) => r.rps);
      console.log(
        `  median: app ${num(appRps)} req/s, bare ${num(bareRps)} req/s → ${ratio(appRps, bareRps)}; per round ${runs.app.map((r, i) => (r.rps / (runs.bare[i]?.rps ?? Number.NaN)).toFixed(2)).join(', ')}`,
      );
      console.log(
        `  CPU per request: app ${med('app', (r) => r.cpu).toFixed(3)} ms, never-asked scenarios ${med('unique', (r) => r.cpu).toFixed(3)} ms, app ack path only ${med('ackOnly', (r) => r.cpu).toFixed(3)} ms, bare ${med('bare', (r) => r.cpu).toFixed(3)} ms`,
      );
      const extraPosts = (await posts()) - posted0;
      console.log(
        `  app answers that were not the estimate in the channel: ${wrong}; Web API posts made: ${extraPosts}`,
      );

      console.log(
        `  open loop: ${RATE} req/s for ${OPEN_MS / 1000} s, latency from each request's planned start, ${ROUNDS} alternating rounds`,
      );
      const open: Record<'app' | 'bare', LoadResult[]> = { app: [], bare: [] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const target of round % 2 === 0 ? (['bare', 'app'] as const) : (['app', 'bare'] as const)) {
          const r = await openLoop({
            port: server[target].port,
            rate: RATE,
            durationMs: OPEN_MS,
            make: requests(target, apiUrl),
            check: checkFor(target),
          });
          open[target].push(r);
          console.log(
            `  ${target.padEnd(8)} ${num(r.rps).padStart(6)} req/s  ack p50 ${ms(r.p50)}  p99 ${ms(r.p99)}  max ${ms(r.max)}  errors ${r.errors}`,
          );
          await sleep(300);
        }
      }
      const p99 = (t: 'app' | 'bare') => median(open[t].map((r) => r.p99));
      const worst = Math.max(...open.app.map((r) => r.p99));
      const openErrors = open.app.reduce((n, r) => n + r.errors, 0);
      return [
        {
          bench: '1 /cost HTTP',
          figure: `req/s, ${CONNECTIONS} conns (median of ${ROUNDS})`,
          value: `${num(appRps)} req/s`,
          baseline: `${num(bareRps)} req/s bare Bolt`,
          ratio: ratio(appRps, bareRps),
          target: '≥ 0.90×',
          met: appRps / bareRps >= 0.9 && wrong === 0,
        },
        {
          bench: '1 /cost HTTP',
          figure: 'server CPU per request',
          value: `${med('app', (r) => r.cpu).toFixed(3)} ms`,
          baseline: `${med('bare', (r) => r.cpu).toFixed(3)} ms`,
          ratio: ratio(
            med('app', (r) => r.cpu),
            med('bare', (r) => r.cpu),
          ),
          target: '—',
        },
        {
          bench: '1 /cost HTTP',
          figure: 'the same, every scenario never asked before',
          value: `${num(uniqueRps)} req/s, ${med('unique', (r) => r.cpu).toFixed(3)} ms CPU`,
          baseline: `${num(bareRps)} req/s`,
          ratio: ratio(uniqueRps, bareRps),
          target: '—',
        },
        {
          bench: '1 /cost HTTP',
          figure: 'diagnostic: app, ack path only (req/s)',
          value: `${num(ackRps)} req/s, ${med('ackOnly', (r) => r.cpu).toFixed(3)} ms CPU`,
          baseline: `${num(bareRps)} req/s`,
          ratio: ratio(ackRps, bareRps),
          target: '—',
        },
        {
          bench: '1 /cost HTTP',
          figure: `ack p50 / p99, ${CONNECTIONS} conns`,
          value: `${ms(med('app', (r) => r.p50))} / ${ms(med('app', (r) => r.p99))}`,
          baseline: `${ms(med('bare', (r) => r.p50))} / ${ms(med('bare', (r) => r.p99))}`,
          ratio: ratio(
            med('app', (r) => r.p99),
            med('bare', (r) => r.p99),
          ),
          target: '—',
        },
        {
          bench: '1 /cost HTTP',
          figure: `ack p99 at ${RATE} req/s, open loop (median; worst)`,
          value: `${ms(p99('app'))}; ${ms(worst)}`,
          baseline: `${ms(p99('bare'))}`,
          ratio: ratio(p99('app'), p99('bare')),
          target: '< 20 ms',
          met: p99('app') < 20 && openErrors === 0,
        },
      ];
    } finally {
      for (const c of children.reverse()) await c.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
