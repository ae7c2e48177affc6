/**
 * The ids the renderer writes into Block Kit and the functions that read them back from Slack
 * payloads. Everything read back is untrusted (anyone can post a forged payload to the app's URL),
 * so the readers never throw and return only plain string records.
 */

/** Slack caps `action_id` and `block_id` at 255 characters. */
export const MAX_ID = 255;
/** Buttons' `value` and a modal's `private_metadata` limits. */
export const MAX_VALUE = 2000;
export const MAX_METADATA = 3000;

/**
 * Action ids are `${action}:${n}`, n counting up through one message or view: Slack wants them
 * unique, while two buttons may share an action (one "quiz.answer" per option).
 */
export function actionId(action: string, n: number): string {
  const suffix = `:${n}`;
  return action.slice(0, MAX_ID - suffix.length) + suffix;
}

/** The card action behind a rendered action id: `quiz.answer:3` → `quiz.answer`. */
export const actionOf = (id: string): string => id.replace(/:\d+$/, '');

/** Prefix of a form select's action id; choosing an option sends a `block_actions` to acknowledge. */
export const SELECT_ACTION_PREFIX = 'tutor.select:';
const SELECT_BLOCK = 'tutor.form';
const SUBMIT_BLOCK = 'tutor.submit';

/**
 * The block id of a form's select (`tutor.form|<form>|<select>`) or of its submit button
 * (`tutor.submit|<form>`). Parts are URI-encoded so any id survives, `|` included.
 */
export function formBlockId(formId: string, selectId?: string): string {
  const form = encodeURIComponent(formId);
  return selectId === undefined ? `${SUBMIT_BLOCK}|${form}` : `${SELECT_BLOCK}|${form}|${encodeURIComponent(selectId)}`;
}

const decode = (part: string): string | undefined => {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
};

/** Reads a block id written by `formBlockId`; undefined for any other block. */
export function parseFormBlockId(blockId: unknown): { formId: string; selectId?: string } | undefined {
  if (typeof blockId !== 'string' || blockId.length > MAX_ID) return undefined;
  const [kind, form, select, ...rest] = blockId.split('|');
  if (form === undefined || rest.length > 0) return undefined;
  const formId = decode(form);
  if (formId === undefined) return undefined;
  if (kind === SUBMIT_BLOCK && select === undefined) return { formId };
  const selectId = select === undefined ? undefined : decode(select);
  return kind === SELECT_BLOCK && selectId !== undefined ? { formId, selectId } : undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A button value (or private_metadata) back to its record; undefined unless an object of strings. */
export function parseActionValue(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'string' || value.length > MAX_METADATA) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!isRecord(parsed)) return undefined;
  const entries = Object.entries(parsed);
  if (!entries.every((e): e is [string, string] => typeof e[1] === 'string')) return undefined;
  // fromEntries defines own properties, so a "__proto__" key cannot reach the prototype.
  return Object.fromEntries(entries);
}

/**
 * The chosen option of each select of form `formId`, keyed by select id, from a Slack state:
 * `body.state` of a `block_actions` payload or `view.state` of a `view_submission` (either the
 * state or its `values`). Unchosen selects and anything malformed are left out.
 */
export function formSelectionsFromState(state: unknown, formId: string): Record<string, string> {
  const values = isRecord(state) && isRecord(state.values) ? state.values : state;
  const chosen: [string, string][] = [];
  if (!isRecord(values)) return {};
  for (const [blockId, actions] of Object.entries(values)) {
    const ids = parseFormBlockId(blockId);
    if (ids?.formId !== formId || ids.selectId === undefined || !isRecord(actions)) continue;
    for (const action of Object.values(actions)) {
      if (!isRecord(action) || action.type !== 'static_select' || !isRecord(action.selected_option)) continue;
      const picked = action.selected_option.value;
      if (typeof picked === 'string' && picked.length <= 75) chosen.push([ids.selectId, picked]);
    }
  }
  return Object.fromEntries(chosen);
}
