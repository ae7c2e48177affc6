/**
 * The fuzz run: the real server started as its own process (Slack over HTTP with a signing secret,
 * Teams in local mode), its Slack Web API and Bot Connector played by local fakes, and N signed
 * Slack payloads and M Teams activities sent at it many at a time. It counts process exits, every
 * 5xx, failed connections and faults that reached the process-level handlers; all must be zero.
 * Used by tests/faults/fuzz-process.test.ts and by `node --import tsx scripts/fuzz.ts` (CI, full count).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { startFakeSlack } from '../slack/fake-slack-api.js';
import { SIGNING_SECRET } from '../slack/harness.js';
import { startTeamsConnectorForFuzz } from './fuzz-connector.js';
import { type FuzzRequest, slackRequests, teamsRequests } from './fuzz-payloads.js';
import { startServerProcess } from './server-process.js';

export interface FuzzOptions {
  readonly slack: number;
  readonly teams: number;
  readonly seed?: number;
  /** Requests in flight at once (payloads no listener takes wait out Bolt's 1 s timer). */
  readonly concurrency?: number;
  readonly progress?: (line: string) => void;
}

export interface FuzzReport {
  readonly sent: { slack: number; teams: number };
  readonly byStatus: Record<string, number>;
  /** Requests answered 5xx or with a broken connection, with the start of their body to replay. */
  readonly failures: { surface: string; kind: string; status: number | string; body: string }[];
  readonly processExits: number;
  /** Lines the process-level handlers logged (a fault that escaped a request). */
  readonly escapedFaults: string[];
  /** Error-level log lines by event: faults our code caught and answered (each one worth a look). */
  readonly errorEvents: Record<string, number>;
  /** One example line per error event, shortened. */
  readonly errorExamples: string[];
  readonly healthyAfter: boolean;
  readonly ms: number;
  readonly seed: number;
}

const BATCH = 500;

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const seed = options.seed ?? Date.now() % 2 ** 31;
  const concurrency = options.concurrency ?? 128;
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-'));
  const api = await startFakeSlack();
  const connector = await startTeamsConnectorForFuzz();
  const server = await startServerProcess({
    DATABASE_PATH: join(dir, 'tutor.db'),
    LOG_LEVEL: process.env.FUZZ_LOG_LEVEL ?? 'error',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-fuzz',
    SLACK_API_URL: `${api.url}/api/`,
    TEAMS_LOCAL_CLIENTS: '1',
    TUTOR_MANAGERS: 'U1,aad-boss',
    // The fuzz run is one client sending thousands of estimates; the limit has its own test.
    COST_API_PER_MINUTE: '100000',
  });
  let exits = 0;
  server.child.once('exit', () => {
    exits += 1;
  });
  const byStatus: Record<string, number> = {};
  const failures: FuzzReport['failures'] = [];
  // A fresh connection per request: generating a batch blocks this process for seconds, and a pooled
  // keep-alive connection the server closed meanwhile would fail as if the server had dropped it.
  const agent = new Agent({ keepAlive: false, maxSockets: concurrency });
  const post = (r: FuzzRequest) =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        `${server.base}${r.path}`,
        { method: 'POST', agent, headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(r.body);
    });
  const send = async (r: FuzzRequest) => {
    let status: number | string;
    try {
      status = await post(r);
    } catch (error) {
      status = `network: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    }
    const key = typeof status === 'number' ? `${r.surface} ${status}` : `${r.surface} ${status}`;
    byStatus[key] = (byStatus[key] ?? 0) + 1;
    if (typeof status !== 'number' || status >= 500)
      failures.push({ surface: r.surface, kind: r.kind, status, body: r.body.slice(0, 300) });
  };
  const pool = async (items: FuzzRequest[]) => {
    let next = 0;
    const worker = async () => {
      while (next < items.length && exits === 0) await send(items[next++] as FuzzRequest);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  };
  const sent = { slack: 0, teams: 0 };
  try {
    for (const [surface, total, arbitrary] of [
      ['slack', options.slack, slackRequests(`${api.url}/response/fuzz`)],
      ['teams', options.teams, teamsRequests(connector.url)],
    ] as const) {
      for (let done = 0; done < total && exits === 0; done += BATCH) {
        const n = Math.min(BATCH, total - done);
        // Generated per batch, just before sending: the signatures' timestamps stay fresh.
        await pool(fc.sample(arbitrary, { numRuns: n, seed: seed + done + (surface === 'teams' ? 1e6 : 0) }));
        sent[surface] += n;
        // The fakes keep every call they answer; nothing here needs them past a batch.
        api.calls.length = 0;
        options.progress?.(`${surface}: ${sent[surface]}/${total}`);
      }
    }
    const healthyAfter =
      exits === 0 &&
      (await fetch(`${server.base}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      ));
    const escapedFaults = server
      .output()
      .split('\n')
      .filter((l) => /process\.(unhandled_rejection|uncaught_exception)/.test(l));
    const errorEvents: Record<string, number> = {};
    const errorExamples: string[] = [];
    for (const line of server.output().split('\n')) {
      const event = /"level":"(?:error|warn)","event":"([^"]+)"/.exec(line)?.[1];
      if (!event) continue;
      if (errorEvents[event] === undefined) errorExamples.push(line.slice(0, 400));
      errorEvents[event] = (errorEvents[event] ?? 0) + 1;
    }
    return {
      errorEvents,
      errorExamples,
      sent,
      byStatus,
      failures,
      processExits: exits,
      escapedFaults,
      healthyAfter,
      ms: Math.round(performance.now() - started),
      seed,
    };
  } finally {
    agent.destroy();
    await server.kill();
    await api.close();
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
