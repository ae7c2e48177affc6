/**
 * The words after `daily me` and `enroll`, parsed into requests. Pure; a bad request is a value with
 * a message and an example that works. Personal times are in each member's own time zone, so a zone
 * in the text is refused rather than quietly ignored.
 */
import type { Weekday } from '../core/time/zoned.js';
import { parseDays } from './days.js';
import { type ChannelRef, parseDaily } from './parse.js';

export type MyDailyParse =
  | {
      ok: true;
      request:
        | { kind: 'on'; time: string; weekdays: Weekday[] }
        | { kind: 'off' }
        | { kind: 'status' }
        | { kind: 'reminders'; on: boolean };
    }
  | { ok: false; message: string; example: string };

export type EnrollParse =
  | {
      ok: true;
      request:
        | { kind: 'list' }
        | { kind: 'off'; place: ChannelRef }
        | { kind: 'on'; place: ChannelRef; time: string; weekdays: Weekday[] };
    }
  | { ok: false; message: string; example: string };

export const MY_DAILY_EXAMPLE = 'daily me 08:30 weekdays';
export const ENROLL_EXAMPLE = 'enroll #channel 09:00 weekdays';
const OWN_ZONE = 'Personal lessons come at that time in each person’s own time zone: leave the zone out.';

/** A zone word in the text (a name with a slash, UTC or GMT, or an abbreviation like CET). */
const namesZone = (text: string) =>
  text
    .split(/\s+/)
    .some((w) => w.includes('/') || /^(UTC|GMT)$/i.test(w) || (/^[A-Z]{3,5}$/.test(w) && !parseDays([w]).ok));

/** A time and days, no zone: through parseDaily, so both read times and days alike. */
function timeAndDays(
  text: string,
  example: string,
):
  | { ok: true; time: string; weekdays: Weekday[]; channel?: ChannelRef }
  | { ok: false; message: string; example: string } {
  if (namesZone(text.replace(/<[^>]*>/g, ''))) return { ok: false, message: OWN_ZONE, example };
  const parsed = parseDaily(text, 'UTC');
  if (!parsed.ok) return { ok: false, message: parsed.message, example };
  if (parsed.request.kind !== 'set') return { ok: false, message: 'Give a time of day, like 09:00 or 9am.', example };
  return {
    ok: true,
    time: parsed.request.time,
    weekdays: parsed.request.weekdays,
    ...(parsed.channel ? { channel: parsed.channel } : {}),
  };
}

/** `08:30 weekdays`, `off`, `reminders off`, `` (status). */
export function parseMyDaily(input: string): MyDailyParse {
  const text = input.trim();
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0 || (words.length === 1 && (words[0] === 'status' || words[0] === 'list')))
    return { ok: true, request: { kind: 'status' } };
  if (words.length === 1 && (words[0] === 'off' || words[0] === 'stop')) return { ok: true, request: { kind: 'off' } };
  if (words[0] === 'reminders' || words[0] === 'reminder') {
    if (words.length === 2 && (words[1] === 'on' || words[1] === 'off'))
      return { ok: true, request: { kind: 'reminders', on: words[1] === 'on' } };
    return { ok: false, message: 'Say `reminders on` or `reminders off`.', example: 'daily me reminders off' };
  }
  const parsed = timeAndDays(text, MY_DAILY_EXAMPLE);
  if (!parsed.ok) return parsed;
  if (parsed.channel)
    return {
      ok: false,
      message: 'Your own lessons come by direct message: name no channel.',
      example: MY_DAILY_EXAMPLE,
    };
  return { ok: true, request: { kind: 'on', time: parsed.time, weekdays: parsed.weekdays } };
}

/** `#channel 09:00 weekdays`, `list`, `off #channel`. */
export function parseEnroll(input: string, here?: ChannelRef): EnrollParse {
  const text = input.trim();
  const words = text.split(/\s+/).filter(Boolean);
  const first = words[0]?.toLowerCase();
  if (first === 'list' && words.length === 1) return { ok: true, request: { kind: 'list' } };
  if (first === 'off' || first === 'stop') {
    const rest = words.slice(1).join(' ');
    const place = rest ? parseDaily(`${rest} off`) : undefined;
    const named = place?.ok ? place.channel : undefined;
    if (rest && !named)
      return {
        ok: false,
        message: 'Name the channel to stop, e.g. `enroll off #general`.',
        example: 'enroll off #channel',
      };
    const target = named ?? here;
    if (!target) return { ok: false, message: 'Name the channel to stop.', example: 'enroll off #channel' };
    return { ok: true, request: { kind: 'off', place: target } };
  }
  const parsed = timeAndDays(text, ENROLL_EXAMPLE);
  if (!parsed.ok) return parsed;
  const place = parsed.channel ?? here;
  if (!place) return { ok: false, message: 'Name the channel whose members to enrol.', example: ENROLL_EXAMPLE };
  return { ok: true, request: { kind: 'on', place, time: parsed.time, weekdays: parsed.weekdays } };
}
