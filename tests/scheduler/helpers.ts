/** A real SQLite file, a virtual clock, a recording logger and a fake platform sender. */

import { createScheduler, type SchedulerOptions } from '../../src/scheduler/runner.js';
import type { PromptSender, SendOutcome, SendTarget } from '../../src/scheduler/types.js';
import { createLogger, type Logger } from '../../src/server/log.js';
import { createStore, openDatabase, type Schedule, type Store, type UpsertSchedule } from '../../src/store/index.js';
import type { TmpDir } from '../helpers/tmp-db.js';
import { VirtualClock } from './virtual-clock.js';

export const WORKSPACE = 'slack:T1';
export const LEASE = 120_000;
export const TICK = 30_000;

export interface LogLine {
  level: string;
  event: string;
  [field: string]: unknown;
}

export function recordingLogger(): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  return { log: createLogger('debug', (line) => lines.push(JSON.parse(line) as LogLine)), lines };
}

/** Opens (another connection to) the test's database file, with the workspace in it. */
export async function openStore(tmp: TmpDir, clock: VirtualClock): Promise<Store> {
  const store = createStore(tmp.track(openDatabase(tmp.file())), { now: clock.read });
  await store.workspaces.ensure({ id: WORKSPACE, platform: 'slack', name: 'Acme' });
  return store;
}

export function addSchedule(store: Store, target: string, extra: Partial<UpsertSchedule> = {}): Promise<Schedule> {
  return store.schedules.upsert({
    workspaceId: WORKSPACE,
    platform: 'slack',
    target,
    timeOfDay: '09:00',
    timeZone: 'Europe/Berlin',
    weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    createdBy: 'U1',
    ...extra,
  });
}

type Reply = (target: SendTarget, call: number) => SendOutcome | Promise<SendOutcome>;

/** Stands in for the platform's HTTP API: records every call and answers with `reply`. */
export class FakeSender implements PromptSender {
  readonly calls: (SendTarget & { at: number })[] = [];
  /** Successful sends per `${scheduleId}:${localDay}`: the exactly-once count. */
  readonly delivered = new Map<string, number>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly reply: Reply = () => ({ ok: true }),
    private readonly latencyMs = 0,
  ) {}

  async send(target: SendTarget): Promise<SendOutcome> {
    this.calls.push({ ...target, at: this.clock.now });
    if (this.latencyMs > 0) await this.clock.sleep(this.latencyMs);
    const outcome = await this.reply(target, this.calls.length);
    if (outcome.ok) {
      const key = `${target.scheduleId}:${target.localDay}`;
      this.delivered.set(key, (this.delivered.get(key) ?? 0) + 1);
    }
    return outcome;
  }

  callsFor(scheduleId: number): number {
    return this.calls.filter((c) => c.scheduleId === scheduleId).length;
  }
}

export function makeScheduler(
  store: Store,
  sender: PromptSender,
  clock: VirtualClock,
  log: Logger,
  extra: Partial<SchedulerOptions> = {},
) {
  return createScheduler({
    store,
    sender,
    log,
    workerId: 'w1',
    now: clock.read,
    sleep: clock.sleep,
    random: () => 0.5,
    tickMs: TICK,
    leaseMs: LEASE,
    perKey: { count: 1, intervalMs: 1_000 },
    concurrency: 20,
    ...extra,
  });
}

export const CREATED = Date.parse('2026-06-01T06:00:00Z'); // Mon 08:00 in Berlin
export const DUE = Date.parse('2026-06-01T07:00:30Z'); // 09:00:30 in Berlin
export const DAY = '2026-06-01';

/** A database with one 09:00 Europe/Berlin schedule per target (made at 08:00), the clock at 09:00:30. */
export async function setup(tmp: TmpDir, targets = ['C1'], reply?: Reply, latencyMs = 0) {
  const clock = new VirtualClock(CREATED);
  const store = await openStore(tmp, clock);
  const schedules: Schedule[] = [];
  for (const t of targets) schedules.push(await addSchedule(store, t));
  clock.now = DUE;
  const sender = new FakeSender(clock, reply, latencyMs);
  const { log, lines } = recordingLogger();
  return { clock, store, schedules, sender, log, lines };
}
