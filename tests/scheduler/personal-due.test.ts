import { describe, expect, it } from 'vitest';
import { dueLesson, dueReminder, reminderInstant, zoneToAdopt } from '../../src/scheduler/personal-due.js';
import type { PersonalSchedule } from '../../src/store/index.js';

const at = (iso: string) => Date.parse(iso);
const schedule = (extra: Partial<PersonalSchedule> = {}): PersonalSchedule => ({
  memberId: 1,
  timeOfDay: '08:30',
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  timeZone: 'Europe/Berlin',
  zoneSince: 0,
  reminders: true,
  active: true,
  optedOut: false,
  selfSet: true,
  enrolledBy: null,
  enrolmentId: null,
  finishedAt: null,
  unreachable: null,
  createdAt: 0,
  updatedAt: 0,
  ...extra,
});

describe('when a personal lesson is due', () => {
  it('at the local time on a weekday, today only, and not on a day the schedule was set after its moment', () => {
    const s = schedule({ weekdays: ['mon'] });
    expect(dueLesson(s, at('2026-06-01T06:29:00Z'))).toBeUndefined(); // Mon 08:29 Berlin
    expect(dueLesson(s, at('2026-06-01T06:30:00Z'))).toEqual({
      localDay: '2026-06-01',
      dueAt: at('2026-06-01T06:30:00Z'),
    });
    expect(dueLesson(s, at('2026-06-02T06:30:00Z'))).toBeUndefined(); // Tuesday: a day off
    expect(dueLesson({ ...s, updatedAt: at('2026-06-01T07:00:00Z') }, at('2026-06-01T08:00:00Z'))).toBeUndefined();
  });

  it('a time the spring change skips is served an hour later that day', () => {
    const s = schedule({ timeOfDay: '02:30' });
    // 2026-03-29: Berlin jumps from 02:00 to 03:00; 02:30 does not exist, so 03:30 (01:30 UTC).
    expect(dueLesson(s, at('2026-03-29T01:29:00Z'))).toBeUndefined();
    expect(dueLesson(s, at('2026-03-29T01:30:00Z'))?.localDay).toBe('2026-03-29');
  });

  it('a new zone is adopted only when valid, and serves from the next local day', () => {
    expect(zoneToAdopt(schedule(), 'America/New_York')).toBe('America/New_York');
    expect(zoneToAdopt(schedule(), 'Europe/Berlin')).toBeUndefined();
    expect(zoneToAdopt(schedule(), 'Mars/Olympus')).toBeUndefined();
    const moved = schedule({ timeZone: 'America/New_York', zoneSince: at('2026-06-01T05:00:00Z') }); // 01:00 in NY
    expect(dueLesson(moved, at('2026-06-01T13:00:00Z'))).toBeUndefined();
    expect(dueLesson(moved, at('2026-06-02T12:30:00Z'))?.localDay).toBe('2026-06-02');
  });
});

describe('the one reminder of a day', () => {
  const day = '2026-06-01';
  it('4 h after the lesson, moved up to 08:00, never past 19:00', () => {
    expect(reminderInstant(schedule(), day, at('2026-06-01T06:30:00Z'))).toBe(at('2026-06-01T10:30:00Z'));
    expect(reminderInstant(schedule(), day, at('2026-06-01T01:00:00Z'))).toBe(at('2026-06-01T06:00:00Z')); // 08:00
    expect(reminderInstant(schedule(), day, at('2026-06-01T13:00:00Z'))).toBe(at('2026-06-01T17:00:00Z')); // 19:00
    expect(reminderInstant(schedule(), day, at('2026-06-01T13:01:00Z'))).toBeUndefined();
  });

  it('none when answered, reminders are off, on a day off, or once the window has closed', () => {
    const lesson = { localDay: day, sentAt: at('2026-06-01T06:30:00Z') };
    const later = at('2026-06-01T11:00:00Z');
    expect(dueReminder(schedule(), lesson, false, later)).toBe(at('2026-06-01T10:30:00Z'));
    expect(dueReminder(schedule(), lesson, true, later)).toBeUndefined();
    expect(dueReminder(schedule({ reminders: false }), lesson, false, later)).toBeUndefined();
    expect(dueReminder(schedule({ weekdays: ['tue'] }), lesson, false, later)).toBeUndefined();
    expect(dueReminder(schedule(), lesson, false, at('2026-06-01T17:01:00Z'))).toBeUndefined();
    expect(dueReminder(schedule({ optedOut: true, active: false }), lesson, false, later)).toBeUndefined();
  });
});
