/**
 * Benchmark 5: memory. Resident set size (VmRSS in /proc/<pid>/status) of a fresh server process
 * after start, and after 100,000 requests (half signed `/cost` commands from a new member each,
 * half GET /healthz, 16 keep-alive connections) once every answer has been posted; VmHWM is the
 * peak. The server is the production build as `npm start` and the Dockerfile run it
 * (`node dist/main.js`, plain node: tsx alone adds tens of MB); baseline: a bare Bolt app in plain
 * node with the same two routes, in the same run. A full GC at the end (on SIGUSR2, see
 * plain.ts) tells memory still held from garbage not yet collected.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedLoop, num, type Req, sleep } from './load.js';
import { type AfterGc, afterGc, BARE_JS, DIST_MAIN, onLine, PROBE_ARGS, staleSources } from './plain.js';
import { appEnv, type Child, memoryOf, spawnChild, spawnPlain } from './procs.js';
import { type Bench, type Row, ratio } from './report.js';
import { BOT_TOKEN, costRequest, SIGNING_SECRET } from './slack.js';

const TOTAL = 100_000;
const CONNECTIONS = 16;
const MAX_MS = 600_000;
const SETTLE_MS = 2_000;
const CHECKPOINTS = 4;
/** Old-space cap (MB) of the diagnostic run. */
const CAP = 96;
const HEALTH: Req = { method: 'GET', path: '/healthz' };
const mb = (x: number) => `${x.toFixed(1)} MB`;

interface Soak {
  readonly start: number;
  readonly after: number;
  readonly settled: number;
  readonly peak: number;
  readonly trail: number[];
  readonly errors: number;
  readonly seconds: number;
  /** /cost answers not yet posted when the last request was answered: work queued in memory. */
  readonly backlog: number;
  readonly gc: AfterGc;
}

async function soak(target: Child, apiUrl: string, posts: () => Promise<number>, answers: boolean): Promise<Soak> {
  await sleep(SETTLE_MS);
  const start = memoryOf(target.pid).rssMb;
  const trail: number[] = [];
  const t0 = performance.now();
  const before = await posts();
  const r = await closedLoop({
    port: target.port,
    connections: CONNECTIONS,
    warmupMs: 0,
    durationMs: MAX_MS,
    maxRequests: TOTAL,
    make: (i) => (i % 2 === 0 ? costRequest(i, `M${target.role}X`, apiUrl, true) : HEALTH),
    after: async (i) => {
      if ((i + 1) % (TOTAL / CHECKPOINTS) === 0) trail.push(memoryOf(target.pid).rssMb);
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  const backlog = answers ? TOTAL / 2 - ((await posts()) - before) : 0;
  // The app answers each /cost after the ack: wait (bounded) until every answer is posted.
  if (answers) for (let w = 0; (await posts()) - before < TOTAL / 2 && w < 30_000; w += 250) await sleep(250);
  const after = memoryOf(target.pid).rssMb;
  await sleep(SETTLE_MS);
  const m = memoryOf(target.pid);
  const gc = await afterGc(target);
  return { start, after, settled: m.rssMb, peak: m.peakMb, trail, errors: r.errors, seconds, backlog, gc };
}

const describe = (label: string, s: Soak) =>
  `  ${label.padEnd(7)} after start ${mb(s.start)} → after ${num(TOTAL)} requests ${mb(s.after)} (${mb(s.settled)} ${SETTLE_MS / 1000} s later), peak ${mb(s.peak)}; every ${num(TOTAL / CHECKPOINTS)}: ${s.trail.map(mb).join(', ')}; ${s.seconds.toFixed(0)} s, errors ${s.errors}\n` +
  `        after a full GC: RSS ${mb(s.gc.rss)}, live heap ${mb(s.gc.heap)} of ${mb(s.gc.heapTotal)} reserved, external ${mb(s.gc.external)}${s.backlog > 0 ? `; answers still queued when the last ack went out: ${num(s.backlog)}` : ''}`;

export const memory: Bench = {
  name: 'memory',
  async run(): Promise<Row[]> {
    console.log(
      `\n# 5. Memory — RSS of a fresh process, ${num(TOTAL)} requests (½ /cost, ½ /healthz), ${CONNECTIONS} connections`,
    );
    const stale = await staleSources().catch(() => Number.NaN);
    if (Number.isNaN(stale)) throw new Error(`${DIST_MAIN} is missing: run \`npm run build\` first`);
    console.log(
      `  server: node dist/main.js${stale > 0 ? ` — WARNING: ${stale} src files are newer than the build; run \`npm run build\`` : ' (the build is current)'}`,
    );
    const dir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
    const children: Child[] = [];
    try {
      const fake = await spawnChild('fake');
      children.push(fake);
      const apiUrl = `http://127.0.0.1:${fake.port}`;
      const posts = async () =>
        ((await fake.stats()).counts as Record<string, number> | undefined)?.['chat.postMessage'] ?? 0;
      // One server at a time, so each has the machine to itself while it is measured.
      const server = async (role: string, args: string[], env: Record<string, string>, answers: boolean) => {
        const child = await spawnPlain(role, [...PROBE_ARGS, ...args], env, onLine(role));
        children.push(child);
        const result = await soak(child, apiUrl, posts, answers);
        await child.stop();
        console.log(describe(role, result));
        return result;
      };
      const a = await server('app', [DIST_MAIN], appEnv(apiUrl, join(dir, 'tutor.db')), true);
      const bareEnv = {
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_API_URL: `${apiUrl}/api/`,
      };
      const b = await server('bare', ['--input-type=module', '-e', BARE_JS], bareEnv, false);
      // Diagnostic: the same app with V8's old space capped, to tell heap sizing from a leak.
      const capped = await server(
        `app${CAP}`,
        [`--max-old-space-size=${CAP}`, DIST_MAIN],
        appEnv(apiUrl, join(dir, 'capped.db')),
        true,
      );
      return [
        {
          bench: '5 memory',
          figure: 'RSS after start (node dist/main.js)',
          value: mb(a.start),
          baseline: `${mb(b.start)} bare Bolt`,
          ratio: ratio(a.start, b.start),
          target: '—',
        },
        {
          bench: '5 memory',
          figure: `RSS after ${num(TOTAL)} requests (peak)`,
          value: `${mb(a.after)} (${mb(a.peak)})`,
          baseline: `${mb(b.after)} (${mb(b.peak)})`,
          ratio: ratio(a.after, b.after),
          target: '< 150 MB',
          met: a.after < 150 && a.errors === 0,
        },
        {
          bench: '5 memory',
          figure: `… with --max-old-space-size=${CAP} (diagnostic)`,
          value: `${mb(capped.after)} (${mb(capped.peak)}), ${capped.seconds.toFixed(0)} s`,
          baseline: `${mb(a.after)} (${mb(a.peak)}), ${a.seconds.toFixed(0)} s uncapped`,
          ratio: ratio(capped.after, a.after),
          target: '—',
        },
        {
          bench: '5 memory',
          figure: `after ${num(TOTAL)} requests + full GC: RSS / live heap`,
          value: `${mb(a.gc.rss)} / ${mb(a.gc.heap)}`,
          baseline: `${mb(b.gc.rss)} / ${mb(b.gc.heap)}`,
          ratio: ratio(a.gc.heap, b.gc.heap),
          target: '—',
        },
      ];
    } finally {
      for (const c of children.reverse()) await c.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
