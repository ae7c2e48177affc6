/**
 * A small HTTP load generator over keep-alive sockets (node:http), in two shapes:
 * - closed loop: N connections, each sends its next request when the previous answer is in
 *   (throughput at a fixed concurrency);
 * - open loop: requests start on a fixed timetable whether or not earlier ones have answered, and
 *   latency counts from the planned start, so a stalled server cannot hide its queue
 *   ("coordinated omission").
 * Both are bounded in time and in count.
 */
import { Agent, request } from 'node:http';

export interface Req {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Sends one request and reads the whole answer; resolves with the status (0 on a network error),
 * or 0 too when `check` is given and refuses the answer's body.
 */
export function send(agent: Agent, port: number, req: Req, check?: (body: string) => boolean): Promise<number> {
  return new Promise((resolve) => {
    const r = request(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: req.path,
        agent,
        headers:
          req.body === undefined ? req.headers : { ...req.headers, 'content-length': Buffer.byteLength(req.body) },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        let body = '';
        res.on('end', () => resolve(check && !check(body) ? 0 : (res.statusCode ?? 0)));
        res.on('error', () => resolve(0));
        if (check) {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            body += chunk;
          });
        } else res.resume();
      },
    );
    r.on('timeout', () => r.destroy(new Error('timeout')));
    r.on('error', () => resolve(0));
    r.end(req.body);
  });
}

export interface Latency {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest-rank percentiles, in milliseconds. */
export function latency(samples: readonly number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
  return { count: s.length, p50: at(0.5), p99: at(0.99), max: s.at(-1) ?? Number.NaN };
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? Number.NaN) + (s[mid] ?? Number.NaN)) / 2;
}

export interface LoadResult extends Latency {
  /** Answered requests per second inside the measured window. */
  readonly rps: number;
  /** Answers that were not 200 (or network errors) inside the measured window. */
  readonly errors: number;
  /** Requests started in all (warm-up included). */
  readonly started: number;
}

export interface ClosedLoop {
  port: number;
  /** Several servers behind a round-robin balancer: request i goes to ports[i % n] (overrides `port`). */
  ports?: readonly number[];
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** The i-th request (i counts from 0 over the whole run, warm-up included). */
  make: (i: number) => Req;
  /** Upper bound on requests, whatever the duration. */
  maxRequests?: number;
  /** What a good answer's body looks like; other answers count as errors. */
  check?: (body: string) => boolean;
  /** Called with each request's index when its answer is in (e.g. to wait for a side effect). */
  after?: (i: number, status: number) => Promise<void>;
}

/** Fixed concurrency: counts what starts after the warm-up and finishes inside the window. */
export async function closedLoop(o: ClosedLoop): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections });
  const t0 = performance.now();
  const from = t0 + o.warmupMs;
  const end = from + o.durationMs;
  const max = o.maxRequests ?? Number.MAX_SAFE_INTEGER;
  const samples: number[] = [];
  let errors = 0;
  let next = 0;
  const worker = async () => {
    while (performance.now() < end && next < max) {
      const i = next++;
      const started = performance.now();
      const port = o.ports && o.ports.length > 0 ? (o.ports[i % o.ports.length] as number) : o.port;
      const status = await send(agent, port, o.make(i), o.check);
      if (o.after) await o.after(i, status);
      const done = performance.now();
      if (started >= from && done <= end) {
        samples.push(done - started);
        if (status !== 200) errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: o.connections }, worker));
  agent.destroy();
  const window = (Math.min(end, performance.now()) - from) / 1000;
  return { ...latency(samples), rps: samples.length / window, errors, started: next };
}

export interface OpenLoop {
  port: number;
  /** Requests per second. */
  rate: number;
  durationMs: number;
  make: (i: number) => Req;
  check?: (body: string) => boolean;
}

/** Fixed arrival rate: request i is due at t0 + i/rate; its latency runs from that moment. */
export async function openLoop(o: OpenLoop): Promise<LoadResult & { planned: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const planned = Math.round((o.rate * o.durationMs) / 1000);
  const gap = 1000 / o.rate;
  const samples: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now() + 20;
  let lastDone = t0;
  for (let i = 0; i < planned; ) {
    const wait = t0 + i * gap - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    // Start everything that is due by now, even if the timer woke late.
    for (; i < planned && t0 + i * gap <= performance.now(); i++) {
      const due = t0 + i * gap;
      inFlight.push(
        send(agent, o.port, o.make(i), o.check).then((status) => {
          lastDone = performance.now();
          samples.push(lastDone - due);
          if (status !== 200) errors++;
        }),
      );
    }
  }
  await Promise.all(inFlight); // each request has its own timeout, so this ends
  agent.destroy();
  return { ...latency(samples), rps: samples.length / ((lastDone - t0) / 1000), errors, started: planned, planned };
}

export const ms = (x: number) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms` : 'n/a');
export const num = (x: number, digits = 0) =>
  x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const sleep = (msec: number) => new Promise<void>((r) => setTimeout(r, msec));
