/**
 * Benchmark 5: memory. Resident set size (VmRSS in /proc/<pid>/status) of a fresh server process
 * after start, and after 100,000 requests (half signed `/cost` commands from a new member each,
 * half GET /healthz, 16 keep-alive connections; every /cost scenario is one never asked before,
 * the harder case for memory); VmHWM is the peak. The server is the production build as `npm start`
 * and the Dockerfile run it (plain node with its heap cap: tsx alone adds tens of MB); baseline: a
 * bare Bolt app in plain node with the same two routes, in the same run. A full GC at the end (on
 * SIGUSR2, see plain.ts) tells memory still held from garbage not yet collected. Diagnostic: the
 * app without the heap cap, to show what the cap does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedLoop, num, type Req, sleep } from './load.js';
import { type AfterGc, afterGc, DIST_MAIN, onLine, PROBE_ARGS, serverLine, spawnApp, spawnBare } from './plain.js';
import { appEnv, type Child, memoryOf, spawnChild, spawnPlain } from './procs.js';
import { type Bench, type Row, ratio } from './report.js';
import { costRequest } from './slack.js';

const TOTAL = 100_000;
const CONNECTIONS = 16;
const MAX_MS = 600_000;
const SETTLE_MS = 2_000;
const CHECKPOINTS = 4;
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
  readonly gc: AfterGc;
}

/** Each /cost must be answered with the estimate in the channel, each /healthz with ok. */
const answered = (body: string) => body.includes('"in_channel"') || body.includes('"status":"ok"');

async function soak(target: Child, apiUrl: string, checkAnswers: boolean): Promise<Soak> {
  await sleep(SETTLE_MS);
  const start = memoryOf(target.pid).rssMb;
  const trail: number[] = [];
  const t0 = performance.now();
  const r = await closedLoop({
    port: target.port,
    connections: CONNECTIONS,
    warmupMs: 0,
    durationMs: MAX_MS,
    maxRequests: TOTAL,
    make: (i) => (i % 2 === 0 ? costRequest(i, `M${target.role}X`, apiUrl, true) : HEALTH),
    ...(checkAnswers ? { check: answered } : {}),
    after: async (i) => {
      if ((i + 1) % (TOTAL / CHECKPOINTS) === 0) trail.push(memoryOf(target.pid).rssMb);
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  const after = memoryOf(target.pid).rssMb;
  await sleep(SETTLE_MS);
  const m = memoryOf(target.pid);
  const gc = await afterGc(target);
  return { start, after, settled: m.rssMb, peak: m.peakMb, trail, errors: r.errors, seconds, gc };
}

const describe = (label: string, s: Soak) =>
  `  ${label.padEnd(7)} after start ${mb(s.start)} → after ${num(TOTAL)} requests ${mb(s.after)} (${mb(s.settled)} ${SETTLE_MS / 1000} s later), peak ${mb(s.peak)}; every ${num(TOTAL / CHECKPOINTS)}: ${s.trail.map(mb).join(', ')}; ${s.seconds.toFixed(0)} s, errors ${s.errors}\n` +
  `        after a full GC: RSS ${mb(s.gc.rss)}, live heap ${mb(s.gc.heap)} of ${mb(s.gc.heapTotal)} reserved, external ${mb(s.gc.external)}`;

export const memory: Bench = {
  name: 'memory',
  async run(): Promise<Row[]> {
    console.log(
      `\n# 5. Memory — RSS of a fresh process, ${num(TOTAL)} requests (½ /cost, ½ /healthz), ${CONNECTIONS} connections`,
    );
    console.log(await serverLine());
    const dir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
    const children: Child[] = [];
    try {
      const fake = await spawnChild('fake');
      children.push(fake);
      const apiUrl = `http://127.0.0.1:${fake.port}`;
      // One server at a time, so each has the machine to itself while it is measured.
      const measure = async (child: Child, checkAnswers: boolean) => {
        children.push(child);
        const result = await soak(child, apiUrl, checkAnswers);
        await child.stop();
        console.log(describe(child.role, result));
        return result;
      };
      const a = await measure(
        await spawnApp('app', appEnv(apiUrl, join(dir, 'tutor.db')), PROBE_ARGS, onLine('app')),
        true,
      );
      const b = await measure(await spawnBare('bare', apiUrl, PROBE_ARGS, onLine('bare')), false);
      // Diagnostic: the same build without the heap cap, to tell heap sizing from a leak.
      const env = appEnv(apiUrl, join(dir, 'uncapped.db'));
      const uncapped = await measure(
        await spawnPlain('uncapped', [...PROBE_ARGS, DIST_MAIN], env, onLine('uncapped')),
        true,
      );
      return [
        {
          bench: '5 memory',
          figure: 'RSS after start (as npm start runs it)',
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
          figure: '… the same build without the heap cap (diagnostic)',
          value: `${mb(uncapped.after)} (${mb(uncapped.peak)}), ${uncapped.seconds.toFixed(0)} s`,
          baseline: `${mb(a.after)} (${mb(a.peak)}), ${a.seconds.toFixed(0)} s capped`,
          ratio: ratio(uncapped.after, a.after),
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
