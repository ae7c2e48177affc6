/**
 * Cost-engine benchmark: scenarios parsed and computed per second on one core, for a mix of the
 * reference scenarios of issue 3, next to a baseline measured in the same run (a plain regex
 * tokenisation of the same strings) so the figure can be compared across machines.
 */
import { estimate } from '../src/core/cost/index.js';

export const MIX = [
  '1M queries at $0.01',
  '1M queries/day at $0.01',
  '10M requests/day at $0.002',
  '1M queries/day at $0.002 per 1k tokens, 800 tokens/query',
  '2 billion tokens per day at $0.50 per million tokens',
  '1M queries/day at $0.01 with 40% cache hits',
  '1M emails/day at $0.01, only 20% used',
  'training $2M one-time, inference $18M/year',
  '8 GPUs at $2.50/hr',
  '8 GPUs at $2.50/hr vs API $0.002/query',
  '3 queries at $0.10',
  '1M queries/day on gpt-4o-mini, 1000 in / 800 out tokens',
];

export interface Rate {
  /** Median over the rounds of runs per CPU-second of this process: the figure to quote. */
  readonly perSecond: number;
  /** The same by the wall clock (lower when other processes compete for the core). */
  readonly perWallSecond: number;
  readonly runs: number;
  readonly seconds: number;
}

export interface CostBench {
  readonly scenarios: number;
  readonly engine: Rate;
  readonly baseline: Rate;
  /** baseline ÷ engine: how many regex tokenisations one estimate costs, roughly. */
  readonly ratio: number;
}

interface Round {
  readonly runs: number;
  readonly wall: number;
  readonly cpu: number;
}

/** Runs `work` over the mix for about `seconds`, in batches so the clocks are read rarely. */
function round(work: (text: string) => number, seconds: number): Round {
  let sink = 0;
  let runs = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const until = start + seconds * 1000;
  let now = start;
  while (now < until) {
    for (let i = 0; i < 50; i++) for (const s of MIX) sink += work(s);
    runs += 50 * MIX.length;
    now = performance.now();
  }
  const cpu = process.cpuUsage(cpu0);
  // The sink is used, so no engine can skip the work.
  if (sink === Number.MIN_VALUE) console.log(sink);
  return { runs, wall: (now - start) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

/**
 * `seconds` split into `rounds`; the median round is the result. Rates are per CPU-second of this
 * single-threaded process, so other processes sharing the machine disturb them far less than
 * they disturb the wall clock (which is reported too).
 */
function measure(work: (text: string) => number, seconds: number, rounds: number): Rate {
  const all = Array.from({ length: rounds }, () => round(work, seconds / rounds));
  return {
    perSecond: median(all.map((r) => r.runs / r.cpu)),
    perWallSecond: median(all.map((r) => r.runs / r.wall)),
    runs: all.reduce((n, r) => n + r.runs, 0),
    seconds: all.reduce((n, r) => n + r.wall, 0),
  };
}

const engine = (s: string) => {
  const r = estimate(s);
  return r.ok ? r.breakdown.summary.length : r.error.code.length;
};
const TOKEN = /\$?\d[\d,]*(?:\.\d+)?\s*(?:[kmb]|thousand|million|billion)?|[a-z][a-z-]*|[%/$,+]/g;
const baseline = (s: string) => s.toLowerCase().match(TOKEN)?.length ?? 0;

export function runCostBench(seconds = 2, warmup = 1, rounds = 5): CostBench {
  for (const s of MIX) if (!estimate(s).ok) throw new Error(`bench scenario fails: ${s}`);
  // Warm-up lets the JIT settle before anything is timed.
  round(engine, warmup);
  round(baseline, warmup / 2);
  const e = measure(engine, seconds, rounds);
  const b = measure(baseline, seconds, rounds);
  return { scenarios: MIX.length, engine: e, baseline: b, ratio: b.perSecond / e.perSecond };
}

export function formatCostBench(r: CostBench): string {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  return [
    `cost engine: ${n(r.engine.perSecond)} scenarios/s parsed + computed per CPU-second, one core (${n(r.engine.perWallSecond)}/s by the wall clock; ${n(r.engine.runs)} in ${r.engine.seconds.toFixed(2)} s; mix of ${r.scenarios})`,
    `baseline:    ${n(r.baseline.perSecond)} regex tokenisations/s of the same strings (${n(r.baseline.perWallSecond)}/s by the wall clock)`,
    `ratio:       one estimate ≈ ${r.ratio.toFixed(1)} tokenisations · target ≥ 100,000/s: ${r.engine.perSecond >= 100_000 ? 'met' : 'NOT met'}`,
  ].join('\n');
}
