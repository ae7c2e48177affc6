import { describe, expect, it } from 'vitest';
import { changeMyDaily, endEnrolment, enrolPlace, personalStandings } from '../../src/app/enrolment.js';
import type { ChoiceCheck } from '../../src/core/content/schema.js';
import type { Answer } from '../../src/core/quiz/grade.js';
import type { Card } from '../../src/views/card.js';
import { useTmpDir } from '../helpers/tmp-db.js';
import { realCatalog } from '../helpers/world.js';
import { FakeDirect, localTime, personalWorld, ref, tickUntil, VirtualClock, WEEK } from './personal-helpers.js';

const tmp = useTmpDir('chat-tutor-personal-');
const at = (iso: string) => Date.parse(iso);

/** The check on a DM card, answered (the first option, or every item in the first category). */
function answerOn(card: Card): { checkId: string; nonce: string; answer: Answer } {
  for (const b of card.blocks) {
    const value =
      b.kind === 'actions'
        ? b.buttons.find((x) => x.value.nonce)?.value
        : b.kind === 'form'
          ? b.submit.value
          : undefined;
    if (!value?.nonce || !value.check) continue;
    const check = realCatalog().check(value.check);
    if (!check) continue;
    const answer: Answer =
      check.kind === 'choice'
        ? { kind: 'choice', optionId: check.options[0]?.id ?? '' }
        : {
            kind: 'sort',
            placements: Object.fromEntries(check.items.map((i) => [i.id, check.categories[0]?.id ?? ''])),
          };
    return { checkId: value.check, nonce: value.nonce, answer };
  }
  throw new Error(`no check on the card "${card.summary}"`);
}

describe('personal daily lessons by DM', () => {
  it('members in three time zones each get exactly one lesson a day at their own 08:30, across midnight and a DST change', async () => {
    const clock = new VirtualClock(at('2026-03-26T13:00:00Z'));
    const w = await personalWorld(tmp, clock);
    const zones = { UB: 'Europe/Berlin', UN: 'America/New_York', UT: 'Asia/Tokyo' } as const;
    for (const [id, zone] of Object.entries(zones)) await w.own(id, zone);
    const dm = new FakeDirect(clock);
    // Berlin moves its clocks forward on 2026-03-29 at 02:00.
    await tickUntil(clock, w.runner(dm), at('2026-03-31T00:00:00Z'));

    const seen = (id: keyof typeof zones) => dm.of(id).map((d) => localTime(d.at, zones[id]));
    expect(seen('UB')).toEqual(['2026-03-27 08:30', '2026-03-28 08:30', '2026-03-29 08:30', '2026-03-30 08:30']);
    expect(seen('UN')).toEqual(['2026-03-27 08:30', '2026-03-28 08:30', '2026-03-29 08:30', '2026-03-30 08:30']);
    expect(seen('UT')).toEqual([
      '2026-03-27 08:30',
      '2026-03-28 08:30',
      '2026-03-29 08:30',
      '2026-03-30 08:30',
      '2026-03-31 08:30',
    ]);
    // Each local day's DM is the member's next lesson: lessons in order, recorded as read once sent.
    const lessons = realCatalog().lessons.map((l) => l.id);
    const ub = await w.tutor.member(ref('UB', zones.UB));
    expect((await w.store.progress.reads(ub.id)).map((r) => r.lessonId)).toEqual(lessons.slice(0, 4));
    expect(dm.of('UB')[0]?.card.summary).toContain("Today's lesson");
    // A lesson DM carries its check, issued to this member (an answer on it counts).
    const first = answerOn(dm.of('UB')[0]?.card as Card);
    expect(await w.tutor.answer(ref('UB', zones.UB), first)).toMatchObject({ ok: true, recorded: true });
  });

  it('a time the autumn change repeats is served once, at its first occurrence', async () => {
    // New York, 2026-11-01: 01:00–02:00 happens twice.
    const clock = new VirtualClock(at('2026-10-31T12:00:00Z'));
    const w = await personalWorld(tmp, clock);
    await w.own('UN', 'America/New_York', '01:30');
    const dm = new FakeDirect(clock);
    await tickUntil(clock, w.runner(dm), at('2026-11-02T12:00:00Z'));
    expect(dm.of('UN').map((d) => [d.localDay, new Date(d.at).toISOString()])).toEqual([
      ['2026-11-01', '2026-11-01T05:30:00.000Z'], // 01:30 EDT, not again at 01:30 EST
      ['2026-11-02', '2026-11-02T06:30:00.000Z'],
    ]);
  });

  it('a member whose time zone changes is served at the new local time from the next local day', async () => {
    // West: Berlin → New York after today's Berlin lesson.
    const clock = new VirtualClock(at('2026-06-01T00:00:00Z'));
    const w = await personalWorld(tmp, clock);
    await w.own('UW', 'Europe/Berlin');
    await w.own('UE', 'America/New_York');
    const dm = new FakeDirect(clock);
    const runner = w.runner(dm);
    await tickUntil(clock, runner, at('2026-06-01T05:00:00Z'));
    // East: New York → Berlin at 07:00 Berlin, before Berlin's 08:30 and New York's: today is skipped.
    await w.tutor.member(ref('UE', 'Europe/Berlin'));
    await tickUntil(clock, runner, at('2026-06-01T12:00:00Z'));
    await w.tutor.member(ref('UW', 'America/New_York')); // 08:00 in New York
    await tickUntil(clock, runner, at('2026-06-03T00:00:00Z'));

    expect(dm.of('UW').map((d) => `${d.localDay} ${localTime(d.at, 'UTC')}`)).toEqual([
      '2026-06-01 2026-06-01 06:30', // 08:30 Berlin
      '2026-06-02 2026-06-02 12:30', // 08:30 New York, the next day
    ]);
    expect(dm.of('UE').map((d) => localTime(d.at, 'Europe/Berlin'))).toEqual(['2026-06-02 08:30']);
  });

  it('enrols a place at each member’s local time; a member who opted out is never re-enrolled; one who chose their own time keeps it', async () => {
    const clock = new VirtualClock(at('2026-06-01T00:00:00Z'));
    const w = await personalWorld(tmp, clock);
    const members = [ref('UA', 'Europe/Berlin'), ref('UB', 'Asia/Tokyo'), ref('UC', 'America/New_York')];
    const input = {
      workspaceId: 'slack:T1',
      platform: 'slack' as const,
      place: 'C1',
      timeOfDay: '09:00',
      weekdays: [...WEEK],
      managerId: 'UMGR',
      members,
    };
    expect(await enrolPlace(w.store, w.tutor, input)).toMatchObject({ enrolled: ['UA', 'UB', 'UC'], optedOut: [] });
    await changeMyDaily(w.store, w.tutor, ref('UB', 'Asia/Tokyo'), { kind: 'off' });
    await changeMyDaily(w.store, w.tutor, ref('UC', 'America/New_York'), {
      kind: 'on',
      time: '07:00',
      weekdays: [...WEEK],
    });
    // The manager enrols the place again (or a second place with the same people).
    expect(await enrolPlace(w.store, w.tutor, { ...input, timeOfDay: '10:00' })).toMatchObject({
      enrolled: ['UA'],
      keptOwn: ['UC'],
      optedOut: ['UB'],
    });
    const dm = new FakeDirect(clock);
    await tickUntil(clock, w.runner(dm), at('2026-06-02T00:00:00Z'));
    expect(dm.of('UA').map((d) => localTime(d.at, 'Europe/Berlin'))).toEqual(['2026-06-01 10:00']);
    expect(dm.of('UC').map((d) => localTime(d.at, 'America/New_York'))).toEqual(['2026-06-01 07:00']);
    expect(dm.calls.filter((d) => d.externalId === 'UB')).toEqual([]);
    expect(
      Object.fromEntries((await personalStandings(w.store, 'slack:T1')).map((s) => [s.externalId, s.standing])),
    ).toEqual({
      UA: 'behind',
      UB: 'opted-out',
      UC: 'behind',
    });
    // Ending the enrolment stops the schedules it made, not the one UC made their own.
    expect(await endEnrolment(w.store, 'slack:T1', 'C1')).toEqual({ ended: true, stopped: 1 });
    await tickUntil(clock, w.runner(dm), at('2026-06-03T00:00:00Z'));
    expect(dm.of('UA')).toHaveLength(1);
    expect(dm.of('UC')).toHaveLength(2);
  });

  it('one reminder, about 4 h later and inside 08:00–19:00, only to a member who has not answered', async () => {
    const clock = new VirtualClock(at('2026-06-01T00:00:00Z'));
    const w = await personalWorld(tmp, clock);
    const zone = 'Europe/Berlin';
    await w.own('Answers', zone, '08:30');
    await w.own('Silent', zone, '08:30');
    await w.own('Early', zone, '03:00'); // 07:00 + window → 08:00
    await w.own('Late', zone, '16:00'); // 20:00 is past 19:00 → none
    const off = await w.own('NoReminders', zone, '08:30');
    await w.store.personalSchedules.setReminders(off.id, false);
    await w.own('Weekends', zone, '08:30', ['sat', 'sun']); // 2026-06-01 is a Monday: a day off
    const dm = new FakeDirect(clock);
    const runner = w.runner(dm);
    await tickUntil(clock, runner, at('2026-06-01T08:00:00Z')); // 10:00 Berlin
    const lesson = dm.of('Answers')[0];
    expect(lesson).toBeDefined();
    expect(await w.tutor.answer(ref('Answers', zone), answerOn(lesson?.card as Card))).toMatchObject({ ok: true });
    await tickUntil(clock, runner, at('2026-06-01T22:00:00Z'));

    const reminders = (id: string) => dm.of(id, 'reminder').map((d) => localTime(d.at, zone));
    expect(reminders('Answers')).toEqual([]);
    expect(reminders('Silent')).toEqual(['2026-06-01 12:30']);
    expect(reminders('Early')).toEqual(['2026-06-01 08:00']);
    expect(reminders('Late')).toEqual([]);
    expect(reminders('NoReminders')).toEqual([]);
    expect(dm.calls.filter((d) => d.externalId === 'Weekends')).toEqual([]);
    // The reminder carries the same check card (same nonce): answering it counts once.
    const silent = dm.of('Silent', 'reminder')[0]?.card as Card;
    expect(answerOn(silent).nonce).toBe(answerOn(dm.of('Silent')[0]?.card as Card).nonce);
  });

  it('after the last lesson: a due review, then "you have finished the chapter", and the schedule stops', async () => {
    const clock = new VirtualClock(at('2026-05-31T00:00:00Z'));
    const w = await personalWorld(tmp, clock);
    const me = ref('UF', 'UTC');
    const m = await w.own('UF', 'UTC', '09:00');
    for (const lesson of realCatalog().lessons)
      await w.store.progress.recordRead({ memberId: m.id, lessonId: lesson.id, mode: 'full', at: clock.now });
    // A missed concept comes back for review a day later.
    const shown = await w.tutor.quiz(me, { number: 5 });
    const check = shown.check as ChoiceCheck;
    const wrong = check.options.find((o) => !o.correct)?.id ?? '';
    await w.tutor.answer(me, {
      checkId: check.id,
      nonce: shown.nonce ?? '',
      answer: { kind: 'choice', optionId: wrong },
    });
    clock.now = at('2026-06-01T00:00:00Z');
    const dm = new FakeDirect(clock);
    const runner = w.runner(dm);
    await tickUntil(clock, runner, at('2026-06-01T10:00:00Z'));
    const review = dm.of('UF')[0];
    expect(review?.card.summary).toContain("Today's review");
    const right = check.options.find((o) => o.correct)?.id ?? '';
    const { nonce } = answerOn(review?.card as Card);
    expect(
      await w.tutor.answer(me, { checkId: check.id, nonce, answer: { kind: 'choice', optionId: right } }),
    ).toMatchObject({ ok: true, recorded: true });
    await tickUntil(clock, runner, at('2026-06-05T00:00:00Z'));
    expect(dm.of('UF').map((d) => d.card.summary)).toEqual([review?.card.summary, 'You have finished the chapter']);
    expect((await w.store.personalSchedules.get(m.id))?.finishedAt).not.toBeNull();
    // Turning it on again starts it again.
    await changeMyDaily(w.store, w.tutor, me, { kind: 'on', time: '09:00', weekdays: [...WEEK] });
    expect((await w.store.personalSchedules.get(m.id))?.finishedAt).toBeNull();
  });
});
