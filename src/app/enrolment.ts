/**
 * Personal schedules, once for every platform: a member turns their own on, changes it or opts out;
 * a manager enrols a place, giving each of its members a schedule at that local time. The rules:
 * - a member who opted out is never re-enrolled silently (the outcome counts them, for the manager);
 * - a member who chose their own time keeps it when a place they are in is enrolled (again);
 * - ending an enrolment stops the schedules it made, not the ones members made their own.
 * Platforms list the place's members and word the outcome; nothing here knows Slack or Teams.
 */
import type { Weekday } from '../core/time/zoned.js';
import type { Enrolment, PersonalSchedule, Platform, Store } from '../store/index.js';
import type { MemberRef, Tutor } from './tutor.js';

export type EnrolDecision = 'create' | 'update' | 'keep-own' | 'opted-out';

/** What enrolling does to one member, from their schedule now (pure). */
export function enrolDecision(existing: PersonalSchedule | undefined): EnrolDecision {
  if (!existing) return 'create';
  if (existing.optedOut) return 'opted-out';
  if (existing.selfSet && existing.active) return 'keep-own';
  return existing.active ? 'update' : 'create';
}

export interface EnrolInput {
  readonly workspaceId: string;
  readonly platform: Platform;
  readonly place: string;
  readonly timeOfDay: string;
  readonly weekdays: readonly Weekday[];
  /** The manager's platform id (checked by the caller). */
  readonly managerId: string;
  /** The place's members as the platform lists them (with their time zones where known). */
  readonly members: readonly MemberRef[];
}

export interface EnrolOutcome {
  readonly enrolment: Enrolment;
  /** Platform ids by what happened to them. */
  readonly enrolled: readonly string[];
  readonly keptOwn: readonly string[];
  readonly optedOut: readonly string[];
}

/** Enrols a place: one transaction, so a second request at once cannot interleave. */
export function enrolPlace(store: Store, tutor: Tutor, input: EnrolInput): Promise<EnrolOutcome> {
  return store.transaction(async () => {
    const enrolment = await store.enrolments.upsert({
      workspaceId: input.workspaceId,
      platform: input.platform,
      place: input.place,
      timeOfDay: input.timeOfDay,
      weekdays: input.weekdays,
      createdBy: input.managerId,
    });
    const enrolled: string[] = [];
    const keptOwn: string[] = [];
    const optedOut: string[] = [];
    for (const ref of input.members) {
      const member = await tutor.member(ref);
      const decision = enrolDecision(await store.personalSchedules.get(member.id));
      if (decision === 'opted-out') optedOut.push(ref.externalId);
      else if (decision === 'keep-own') keptOwn.push(ref.externalId);
      else {
        await store.personalSchedules.set({
          memberId: member.id,
          timeOfDay: input.timeOfDay,
          weekdays: input.weekdays,
          timeZone: member.timeZone,
          selfSet: false,
          enrolledBy: input.managerId,
          enrolmentId: enrolment.id,
        });
        enrolled.push(ref.externalId);
      }
    }
    return { enrolment, enrolled, keptOwn, optedOut };
  });
}

/** `enroll off`: ends the place's enrolment and the schedules it made. */
export function endEnrolment(
  store: Store,
  workspaceId: string,
  place: string,
): Promise<{ readonly ended: boolean; readonly stopped: number }> {
  return store.transaction(async () => {
    const enrolment = await store.enrolments.deactivate(workspaceId, place);
    return enrolment
      ? { ended: true, stopped: await store.personalSchedules.endEnrolment(enrolment.id) }
      : { ended: false, stopped: 0 };
  });
}

export type MyDailyRequest =
  | { readonly kind: 'on'; readonly time: string; readonly weekdays: readonly Weekday[] }
  | { readonly kind: 'off' }
  | { readonly kind: 'reminders'; readonly on: boolean };

/** `daily me 08:30 weekdays`, `daily me off`, `daily me reminders off`: the member's own choice. */
export function changeMyDaily(
  store: Store,
  tutor: Tutor,
  ref: MemberRef,
  request: MyDailyRequest,
): Promise<
  | { readonly kind: 'on'; readonly schedule: PersonalSchedule }
  | { readonly kind: 'off' | 'reminders'; readonly changed: boolean }
> {
  return store.transaction(async () => {
    const member = await tutor.member(ref);
    switch (request.kind) {
      case 'on':
        return {
          kind: 'on' as const,
          schedule: await store.personalSchedules.set({
            memberId: member.id,
            timeOfDay: request.time,
            weekdays: request.weekdays,
            timeZone: member.timeZone,
            selfSet: true,
          }),
        };
      case 'off':
        return { kind: 'off' as const, changed: await store.personalSchedules.optOut(member.id) };
      case 'reminders':
        return {
          kind: 'reminders' as const,
          changed: await store.personalSchedules.setReminders(member.id, request.on),
        };
    }
  });
}

export type PersonalStanding = 'on-time' | 'behind' | 'opted-out' | 'unreachable' | 'finished' | 'off';

/**
 * Where each member with a personal schedule stands, for the manager's report: `behind` when the
 * last lesson DM has had no answer since, `unreachable` when DMs cannot reach them (Teams: the app
 * is not installed for them).
 */
export async function personalStandings(
  store: Store,
  workspaceId: string,
): Promise<{ memberId: number; externalId: string; standing: PersonalStanding; reason?: string }[]> {
  const out: { memberId: number; externalId: string; standing: PersonalStanding; reason?: string }[] = [];
  for (const s of await store.personalSchedules.ofWorkspace(workspaceId)) out.push(await standingOf(store, s));
  return out;
}

async function standingOf(
  store: Store,
  s: PersonalSchedule & { externalId: string },
): Promise<{ memberId: number; externalId: string; standing: PersonalStanding; reason?: string }> {
  {
    const who = { memberId: s.memberId, externalId: s.externalId };
    if (s.optedOut) return { ...who, standing: 'opted-out' };
    if (s.unreachable) return { ...who, standing: 'unreachable', reason: s.unreachable };
    if (s.finishedAt !== null) return { ...who, standing: 'finished' };
    if (!s.active) return { ...who, standing: 'off' };
    const lastSent = await store.personalDeliveries.lastLessonSent(s.memberId);
    const answered =
      lastSent === undefined || (await store.progress.attempts(s.memberId)).some((a) => a.attemptedAt >= lastSent);
    return { ...who, standing: answered ? 'on-time' : 'behind' };
  }
}
