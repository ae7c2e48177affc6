/**
 * The round trip of a card submit. An Action.Submit sends its `data` merged with the card's input
 * values as `activity.value`; the renderer writes `{ action, ...button value, cardId? }` and names
 * each select's input `sel_<select id>`, so an input can never overwrite `action` or a value field.
 * `readSubmit` reads that back. The activity comes from the network: anything unexpected is dropped.
 */

/** Prefix of the input id of a select; the rest is the select's id in the card model. */
export const SELECT_PREFIX = 'sel_';

export const selectInputId = (selectId: string): string => `${SELECT_PREFIX}${selectId}`;

/** Keys the renderer writes itself; a button value using one of them is not passed through. */
export const isReservedKey = (key: string): boolean =>
  key === 'action' || key === 'cardId' || key === 'msteams' || key.startsWith(SELECT_PREFIX);

export interface Submit {
  /** The action id of the button, e.g. `quiz.sort`. */
  readonly action: string;
  /** The button's value fields, plus `cardId` when the card was rendered with one. */
  readonly data: Record<string, string>;
  /** Select id → chosen option value, for the selects the member filled in. */
  readonly selections: Record<string, string>;
}

/**
 * Bounds above anything the card model writes (ids, nonces; a cost what-if carries its scenario,
 * clipped to 2,000 characters by src/views/cost.ts) and far below anything harmful.
 */
export const SUBMIT_LIMITS = { keyLength: 64, valueLength: 2000, fields: 64 } as const;

const KEY = /^[A-Za-z0-9_.:-]+$/;
/** Own keys that would change an object's prototype or shadow its methods if copied by assignment. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf']);
const ACTION = /^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/i;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses `activity.value` from a submit of a card this renderer made; undefined when it is not one. */
export function readSubmit(value: unknown): Submit | undefined {
  if (!isRecord(value)) return undefined;
  const action = Object.hasOwn(value, 'action') ? value.action : undefined;
  if (typeof action !== 'string' || action.length > SUBMIT_LIMITS.keyLength || !ACTION.test(action)) return undefined;
  const data: Record<string, string> = {};
  const selections: Record<string, string> = {};
  let seen = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (++seen > SUBMIT_LIMITS.fields) break;
    const field = value[key];
    if (key === 'action' || key === 'msteams' || typeof field !== 'string' || field.length > SUBMIT_LIMITS.valueLength)
      continue;
    if (key.length > SUBMIT_LIMITS.keyLength || !KEY.test(key)) continue;
    if (key.startsWith(SELECT_PREFIX)) {
      const id = key.slice(SELECT_PREFIX.length);
      // An unanswered select arrives as "" (or not at all): leave it out, grading reports it missing.
      if (id && !FORBIDDEN.has(id) && field !== '') selections[id] = field;
    } else if (!FORBIDDEN.has(key)) data[key] = field;
  }
  return { action, data, selections };
}
