/**
 * The words after `daily` (Slack `/tutor daily …`, Teams `daily …`), parsed into a request. Pure:
 * a bad request is a value with a message and an example that works, never an exception.
 */
import { isValidTimeZone, type Weekday } from '../core/time/zoned.js';
import { parseDays } from './days.js';

export type DailyRequest =
  | { kind: 'set'; time: string; timeZone: string; weekdays: Weekday[] }
  | { kind: 'list' }
  | { kind: 'off' };

/** A channel named in the text: Slack's `<#C0123ABC|general>` carries the id, a bare `#general` only the name. */
export interface ChannelRef {
  id?: string;
  name?: string;
}

export type DailyParse =
  | { ok: true; request: DailyRequest; channel?: ChannelRef }
  | { ok: false; message: string; example: string };

export const DAILY_EXAMPLE = 'daily 09:00 Europe/Berlin weekdays';
const MAX_INPUT = 200;
const TZ_HINT = 'Use an IANA name like Europe/Berlin or America/New_York.';

const fail = (message: string, example = DAILY_EXAMPLE): DailyParse => ({ ok: false, message, example });

const MENTION = /^<#([CGD][A-Z0-9]+)(?:\|([^>]*))?>$/;

/** `<#C0123ABC|general>` → `C0123ABC`; anything else → undefined. */
export function channelIdOf(token: string): string | undefined {
  return MENTION.exec(token.trim())?.[1];
}

function channelOf(token: string): ChannelRef | undefined {
  const m = MENTION.exec(token);
  if (m) return m[2] ? { id: m[1] as string, name: m[2] } : { id: m[1] as string };
  return /^#[\w.-]{1,80}$/.test(token) ? { name: token.slice(1) } : undefined;
}

/** `09:00`, `9:00`, `9am`, `9:30 pm`, `12am` → `HH:MM`; undefined when it is not a time at all. */
export function parseTime(text: string): string | { error: string } | undefined {
  const m = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/i.exec(text);
  if (!m || (!m[2] && !m[3])) return undefined; // a lone number is not a time ("9" could be anything)
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  const half = m[3]?.toLowerCase().replaceAll('.', '');
  if (half) {
    if (hour < 1 || hour > 12) return { error: `"${text}" is not a time: with am/pm the hour is 1 to 12.` };
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return { error: `"${text}" is not a time of day: use 00:00 to 23:59.` };
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The canonical spelling of a zone Intl knows ("europe/berlin" → "Europe/Berlin"). */
function canonicalZone(name: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
}

/** A hint for a zone we refuse: the IANA zone a city name points at, if there is exactly one. */
function zoneHint(name: string): string {
  const city = name.replace(/\s+/g, '_').toLowerCase();
  const matches = Intl.supportedValuesOf('timeZone').filter((z) => z.toLowerCase().endsWith(`/${city}`));
  return matches.length === 1 ? `Did you mean ${matches[0]}? ${TZ_HINT}` : TZ_HINT;
}

function parseZone(token: string): { zone: string } | { error: string } {
  // Abbreviations name no rules for summer time (EST is New York's winter only), so we ask for a place.
  if (/^[A-Z]{2,5}$/.test(token) && token !== 'UTC' && token !== 'GMT') {
    return { error: `"${token}" is an abbreviation, not a time zone. ${TZ_HINT}` };
  }
  if (!isValidTimeZone(token)) {
    const what = token.includes('/')
      ? `the time zone "${token}"`
      : `"${token}": it is neither days (like mon,wed,fri) nor a time zone`;
    return { error: `I don't know ${what}. ${zoneHint(token)}` };
  }
  return { zone: canonicalZone(token) };
}

/**
 * Parses `09:00 Europe/Berlin weekdays`, `9am`, `08:30 daily`, `mon,wed,fri 9:15`, `list`, `off`.
 * `defaultTimeZone` (e.g. the member's Slack time zone) applies when the text names none; the days
 * default to Mon–Fri, since a work chat rarely wants a lesson on Saturday.
 */
export function parseDaily(input: string, defaultTimeZone?: string): DailyParse {
  const text = input.trim();
  if (text.length > MAX_INPUT) return fail(`That is too long for a schedule (at most ${MAX_INPUT} characters).`);
  let channel: ChannelRef | undefined;
  const words: string[] = [];
  for (const token of text.split(/\s+/).filter(Boolean)) {
    const ref = channelOf(token);
    if (!ref) words.push(token);
    else if (channel) return fail('Name one channel at a time.');
    else channel = ref;
  }
  const withChannel = (request: DailyRequest): DailyParse =>
    channel ? { ok: true, request, channel } : { ok: true, request };

  const first = words[0]?.toLowerCase();
  if (words.length === 0) return fail('Tell me when to post the daily lesson, for example:');
  if (first === 'list' || first === 'off' || first === 'stop') {
    if (words.length > 1)
      return fail(`"${first}" takes no other words.`, first === 'list' ? 'daily list' : 'daily off');
    return withChannel({ kind: first === 'list' ? 'list' : 'off' });
  }

  let time: string | undefined;
  let zone: string | undefined;
  const dayWords: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    // "9 am" is two words; join them before reading the time.
    const next = words[i + 1];
    const joined = next && /^(am|pm|a\.m\.|p\.m\.)$/i.test(next) ? `${word}${next}` : word;
    const parsedTime = parseTime(joined);
    if (parsedTime !== undefined) {
      if (typeof parsedTime !== 'string') return fail(parsedTime.error);
      if (time) return fail(`Give one time of day, not ${time} and ${parsedTime}.`);
      time = parsedTime;
      if (joined !== word) i++;
      continue;
    }
    if (parseDays([word]).ok || /^(every|day|days|and)$/i.test(word)) {
      dayWords.push(word);
      continue;
    }
    if (/^\d/.test(word)) return fail(`"${word}" is not a time I can read: write it like 09:00 or 9am.`);
    // A list or range of letters is meant as days ("mon,wed,fir"): say what is wrong with them.
    if (/^[a-z]+([,-][a-z]*)+$/i.test(word)) {
      const days = parseDays([word]);
      if (!days.ok) return fail(days.message, 'daily 09:00 mon,wed,fri');
    }
    const parsedZone = parseZone(word);
    if ('error' in parsedZone) return fail(parsedZone.error);
    if (zone) return fail(`Give one time zone, not ${zone} and ${parsedZone.zone}.`);
    zone = parsedZone.zone;
  }

  if (!time) return fail('Give a time of day, like 09:00 or 9am.');
  const days = parseDays(dayWords);
  if (!days.ok) return fail(days.message, 'daily 09:00 mon,wed,fri');
  const timeZone =
    zone ?? (defaultTimeZone && isValidTimeZone(defaultTimeZone) ? canonicalZone(defaultTimeZone) : undefined);
  if (!timeZone) return fail(`Which time zone? ${TZ_HINT}`);
  return withChannel({ kind: 'set', time, timeZone, weekdays: days.weekdays });
}

export { describeDays, describeSchedule } from './days.js';
