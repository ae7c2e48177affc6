import { describe, expect, it } from 'vitest';
import { describeDays, describeSchedule } from '../../src/scheduler/days.js';
import { channelIdOf, type DailyParse, parseDaily, parseTime } from '../../src/scheduler/parse.js';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];
const EVERY_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function request(text: string, tz?: string) {
  const parsed = parseDaily(text, tz);
  if (!parsed.ok) throw new Error(`expected "${text}" to parse: ${parsed.message}`);
  return parsed.request;
}

function refusal(text: string, tz?: string): Extract<DailyParse, { ok: false }> {
  const parsed = parseDaily(text, tz);
  if (parsed.ok) throw new Error(`expected "${text}" to be refused`);
  // Every refusal carries an example that itself parses.
  expect(parseDaily(parsed.example.replace(/^daily /, ''), 'UTC').ok).toBe(true);
  return parsed;
}

describe('parseDaily', () => {
  it.each([
    ['09:00 Europe/Berlin weekdays', { time: '09:00', timeZone: 'Europe/Berlin', weekdays: WEEKDAYS }],
    ['9am', { time: '09:00', timeZone: 'America/New_York', weekdays: WEEKDAYS }],
    ['9 am', { time: '09:00', timeZone: 'America/New_York', weekdays: WEEKDAYS }],
    ['9:30pm', { time: '21:30', timeZone: 'America/New_York', weekdays: WEEKDAYS }],
    ['12am UTC daily', { time: '00:00', timeZone: 'UTC', weekdays: EVERY_DAY }],
    ['12pm Asia/Tokyo', { time: '12:00', timeZone: 'Asia/Tokyo', weekdays: WEEKDAYS }],
    ['08:30 daily', { time: '08:30', timeZone: 'America/New_York', weekdays: EVERY_DAY }],
    ['08:30 every day', { time: '08:30', timeZone: 'America/New_York', weekdays: EVERY_DAY }],
    ['mon,wed,fri 9:15', { time: '09:15', timeZone: 'America/New_York', weekdays: ['mon', 'wed', 'fri'] }],
    ['9:15 Mon, Wed, Fri', { time: '09:15', timeZone: 'America/New_York', weekdays: ['mon', 'wed', 'fri'] }],
    ['10:00 weekends europe/berlin', { time: '10:00', timeZone: 'Europe/Berlin', weekdays: ['sat', 'sun'] }],
    ['07:45 tuesdays and thursdays', { time: '07:45', timeZone: 'America/New_York', weekdays: ['tue', 'thu'] }],
    ['07:45 fri-mon', { time: '07:45', timeZone: 'America/New_York', weekdays: ['mon', 'fri', 'sat', 'sun'] }],
    ['  23:59   Australia/Sydney  mon-fri ', { time: '23:59', timeZone: 'Australia/Sydney', weekdays: WEEKDAYS }],
  ])('%s', (text, expected) => {
    expect(request(text, 'America/New_York')).toEqual({ kind: 'set', ...expected });
  });

  it('reads list and off, with or without a channel', () => {
    expect(request('list')).toEqual({ kind: 'list' });
    expect(request('OFF')).toEqual({ kind: 'off' });
    expect(parseDaily('off <#C0123ABC|general>')).toEqual({
      ok: true,
      request: { kind: 'off' },
      channel: { id: 'C0123ABC', name: 'general' },
    });
    expect(parseDaily('#random 09:00 UTC')).toMatchObject({ ok: true, channel: { name: 'random' } });
    expect(channelIdOf('<#C0123ABC|general>')).toBe('C0123ABC');
    expect(channelIdOf('<#C0123ABC>')).toBe('C0123ABC');
    expect(channelIdOf('general')).toBeUndefined();
  });

  it('refuses unknown time zones with a hint', () => {
    expect(refusal('09:00 Mars/Olympus').message).toMatch(
      /time zone "Mars\/Olympus".*IANA name like Europe\/Berlin or America\/New_York/,
    );
    expect(refusal('09:00 Berlin').message).toMatch(/Did you mean Europe\/Berlin\?/);
    expect(refusal('09:00 PST').message).toMatch(/abbreviation.*IANA name/);
    expect(refusal('09:00 weekdays').message).toMatch(/Which time zone\?/); // no zone and no default
    expect(refusal('09:00', 'Not/AZone').message).toMatch(/Which time zone\?/);
  });

  it.each([
    ['', /Tell me when/],
    ['weekdays', /Give a time of day/],
    ['25:00', /00:00 to 23:59/],
    ['9:75', /00:00 to 23:59/],
    ['13pm', /hour is 1 to 12/],
    ['9 UTC', /not a time I can read/],
    ['09:00 10:00', /one time of day/],
    ['09:00 UTC Europe/Berlin', /one time zone/],
    ['09:00 mon,wed,fir', /"fir" is not a day/],
    ['09:00 mon-fir', /not a range of days/],
    ['09:00 UTC soon', /"soon": it is neither days/],
    ['list everything', /takes no other words/],
    ['<#C1|a> <#C2|b> 09:00', /one channel/],
    ['9am '.repeat(60), /too long/],
  ])('refuses %j clearly', (text, message) => {
    expect(refusal(text, 'UTC').message).toMatch(message);
  });
});

describe('parseTime', () => {
  it('reads the usual ways of writing a time', () => {
    expect(parseTime('9:05')).toBe('09:05');
    expect(parseTime('9.05')).toBe('09:05');
    expect(parseTime('9am')).toBe('09:00');
    expect(parseTime('12:30am')).toBe('00:30');
    expect(parseTime('9')).toBeUndefined(); // a lone number could be anything
    expect(parseTime('Europe/Berlin')).toBeUndefined();
  });
});

describe('describeSchedule', () => {
  it('says the time, zone and days briefly', () => {
    expect(
      describeSchedule({
        timeOfDay: '09:00',
        timeZone: 'Europe/Berlin',
        weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
      }),
    ).toBe('09:00 Europe/Berlin, Mon–Fri');
    expect(describeDays(['fri', 'mon', 'wed'])).toBe('Mon, Wed, Fri');
    expect(describeDays(['sat', 'sun'])).toBe('Sat, Sun');
    expect(describeDays(['mon', 'tue', 'wed', 'sat'])).toBe('Mon–Wed, Sat');
    expect(describeDays(EVERY_DAY as never)).toBe('every day');
  });
});
