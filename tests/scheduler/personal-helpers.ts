/**
 * Personal DMs under test: a real SQLite file, the real Tutor and composer on a virtual clock, and a
 * DirectSender that stands in for the platform (records every DM and answers with `reply`).
 */
import { personalComposer } from '../../src/app/personal.js';
import { type MemberRef, Tutor } from '../../src/app/tutor.js';
import { createPersonalRunner, type PersonalRunnerOptions } from '../../src/scheduler/personal-runner.js';
import type { DirectSender, DirectTarget, SendOutcome } from '../../src/scheduler/types.js';
import { createStore, openDatabase, type Store, type Weekday } from '../../src/store/index.js';
import type { TmpDir } from '../helpers/tmp-db.js';
import { realCatalog } from '../helpers/world.js';
import { recordingLogger } from './helpers.js';
import { VirtualClock } from './virtual-clock.js';

export const WS = 'slack:T1';

export const ref = (externalId: string, timeZone: string): MemberRef => ({
  workspaceId: WS,
  platform: 'slack',
  externalId,
  displayName: externalId,
  timeZone,
});

export interface Dm extends DirectTarget {
  at: number;
}

type Reply = (target: DirectTarget, call: number) => SendOutcome | Promise<SendOutcome>;

export class FakeDirect implements DirectSender {
  readonly calls: Dm[] = [];
  /** Accepted DMs, the member's view. */
  readonly dms: Dm[] = [];
  /** Sends told the DM may already be there (the sender looked first). */
  readonly looked: DirectTarget[] = [];
  /**
   * `history`: the DMs the platform has accepted (by delivery key), shared by the senders of several
   * processes; a sender told mayHaveBeenSent looks there first, as a real one reads the DM's history.
   */
  constructor(
    private readonly clock: VirtualClock,
    private readonly reply: Reply = () => ({ ok: true }),
    readonly history = new Set<string>(),
  ) {}
  async send(target: DirectTarget): Promise<SendOutcome> {
    if (target.mayHaveBeenSent) {
      this.looked.push(target);
      if (this.history.has(target.deliveryKey)) return { ok: true }; // found: not sent again
    }
    const dm = { ...target, at: this.clock.now };
    this.calls.push(dm);
    const outcome = await this.reply(target, this.calls.length);
    if (outcome.ok) {
      this.dms.push(dm);
      this.history.add(target.deliveryKey);
    }
    return outcome;
  }
  of(externalId: string, kind: 'lesson' | 'reminder' = 'lesson'): Dm[] {
    return this.dms.filter((d) => d.externalId === externalId && d.kind === kind);
  }
}

let nonces = 0;

/** A world on `tmp`'s database file; a second call opens another connection (another process). */
export async function personalWorld(tmp: TmpDir, clock: VirtualClock) {
  const store: Store = createStore(tmp.track(openDatabase(tmp.file())), { now: clock.read });
  await store.workspaces.ensure({ id: WS, platform: 'slack', name: 'Acme' });
  const tutor = new Tutor({ catalog: realCatalog(), store, now: clock.read, nonce: () => `n${++nonces}` });
  const composer = personalComposer({ tutor, store, now: clock.read });
  const { log, lines } = recordingLogger();
  const runner = (sender: DirectSender, extra: Partial<PersonalRunnerOptions> = {}) =>
    createPersonalRunner({
      store,
      sender,
      composer,
      log,
      workerId: 'w1',
      now: clock.read,
      sleep: clock.sleep,
      random: () => 0.5,
      tickMs: 60_000,
      leaseMs: 120_000,
      ...extra,
    });
  /** Turns on a member's own schedule. */
  const own = async (externalId: string, timeZone: string, time = '08:30', weekdays: readonly Weekday[] = WEEK) => {
    const member = await tutor.member(ref(externalId, timeZone));
    await store.personalSchedules.set({ memberId: member.id, timeOfDay: time, weekdays, timeZone, selfSet: true });
    return member;
  };
  return { store, tutor, composer, log, lines, runner, own };
}

export const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Ticks every `stepMs` from the clock's time until `until`, as a running process would. */
export async function tickUntil(
  clock: VirtualClock,
  runner: { tick(): Promise<unknown> },
  until: number,
  stepMs = 5 * 60_000,
): Promise<void> {
  while (clock.now < until) {
    await clock.run(runner.tick());
    clock.advance(stepMs);
  }
}

/** The local wall-clock time of an instant, `YYYY-MM-DD HH:MM`. */
export function localTime(at: number, timeZone: string): string {
  const f = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return f.format(new Date(at)).replace(',', '');
}

export { VirtualClock };
