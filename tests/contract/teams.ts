/**
 * The contract driver for Teams: real activities into the real CloudAdapter (tests/teams/harness.ts);
 * what the bot sent is read back from the FakeConnector (replies, sends, updates) and from invoke
 * answers (dialogs). Members are `29:<name>` / `aad-<name>`; the private place is their personal
 * chat, the shared place the team's General channel.
 */

import { type TestBackend, testBackend } from '../support/test-database.js';
import type { ConnectorCall } from '../teams/fake-connector.js';
import { CHANNEL_ID, personalConversation, startTeamsWorld, type TeamsWorld } from '../teams/harness.js';
import {
  buttonOf,
  type PlatformDriver,
  type Seen,
  type SeenButton,
  type SeenSelect,
  type StartOptions,
  settle,
  stringsUnder,
  type Who,
  waitUntil,
} from './driver.js';

const PERSONAL = personalConversation('');
const SELECT_PREFIX = 'sel_';

interface Handle {
  readonly scope: 'personal' | 'channel';
  /** The activity a submit answers (replyToId); absent for a dialog. */
  readonly activityId?: string;
  readonly submits: readonly Record<string, unknown>[];
}

const TEXT_KEYS = new Set(['text', 'title', 'value']);
const NOT_TEXT = new Set(['actions', 'selectAction', 'choices', 'data']);

function walk(node: unknown, visit: (n: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) for (const n of node) walk(n, visit);
  else if (typeof node === 'object' && node !== null) {
    visit(node as Record<string, unknown>);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

function read(card: { body?: unknown }) {
  const buttons: SeenButton[] = [];
  const submits: Record<string, unknown>[] = [];
  const selects: SeenSelect[] = [];
  walk(card.body, (n) => {
    if (n.type === 'Action.Submit') {
      const data = (n.data ?? {}) as Record<string, unknown>;
      const value: Record<string, string> = {};
      for (const [k, v] of Object.entries(data))
        if (k !== 'action' && k !== 'msteams' && k !== 'cardId' && typeof v === 'string') value[k] = v;
      buttons.push({ action: String(data.action), label: String(n.title), value });
      submits.push(data);
    } else if (n.type === 'Action.OpenUrl') {
      buttons.push({ action: 'link', label: String(n.title), value: { url: String(n.url) } });
      submits.push({});
    } else if (n.type === 'Input.ChoiceSet' && typeof n.id === 'string' && n.id.startsWith(SELECT_PREFIX)) {
      const choices = (n.choices ?? []) as { value: string }[];
      selects.push({ id: n.id.slice(SELECT_PREFIX.length), options: choices.map((c) => c.value) });
    }
  });
  return { text: stringsUnder(card.body, TEXT_KEYS, NOT_TEXT).join('\n'), buttons, submits, selects };
}

/** The Adaptive Card an activity carries, if any. */
const cardIn = (activity: Record<string, unknown>) =>
  (activity.attachments as { contentType: string; content: { body?: unknown } }[] | undefined)?.find(
    (a) => a.contentType === 'application/vnd.microsoft.card.adaptive',
  )?.content;

/** `backend`: the store the server runs on (default TEST_DATABASE's). */
export function teamsDriver(backend: TestBackend = testBackend()): PlatformDriver {
  let w: TeamsWorld;
  const seen: Seen[] = [];
  let decoded = 0;
  let actor = '';
  const failing = new Set<string>();

  function decode(call: ConnectorCall): Seen | undefined {
    if (call.kind !== 'send' && call.kind !== 'reply' && call.kind !== 'update') return undefined;
    // Refused by the connector (no activity id came back): nobody saw it.
    if (call.responseId === undefined && call.kind !== 'update') return undefined;
    const card = cardIn(call.body);
    const personal = call.conversationId.startsWith(PERSONAL);
    const shown = card ? read(card) : { text: String(call.body.text ?? ''), buttons: [], submits: [], selects: [] };
    return {
      text: shown.text,
      buttons: shown.buttons,
      selects: shown.selects,
      audience: personal ? 'member' : 'place',
      member: personal ? call.conversationId.slice(PERSONAL.length) : actor,
      replaced: call.kind === 'update',
      dialog: false,
      handle: {
        scope: personal ? 'personal' : 'channel',
        activityId: call.kind === 'update' ? call.id : call.responseId,
        submits: shown.submits,
      } satisfies Handle,
    };
  }

  function collect() {
    for (; decoded < w.connector.calls.length; decoded++) {
      const shown = decode(w.connector.calls[decoded] as ConnectorCall);
      if (shown) seen.push(shown);
    }
  }

  /** Posts an activity, then collects what the bot showed because of it (a dialog from the invoke's answer). */
  async function turn(post: () => Promise<Response>, member: string, scope: Handle['scope']): Promise<Seen[]> {
    collect();
    actor = member;
    const before = seen.length;
    const from = w.connector.calls.length;
    const res = await post();
    if (res.status !== 200) throw new Error(`the bot answered ${res.status}`);
    const raw = await res.text();
    const task = raw.startsWith('{')
      ? (JSON.parse(raw) as { task?: { type?: string; value?: unknown } }).task
      : undefined;
    let dialog: Seen | undefined;
    if (task?.type === 'continue') {
      const card = (task.value as { card?: { content?: { body?: unknown } } } | undefined)?.card?.content;
      const shown = read(card ?? {});
      dialog = {
        text: shown.text,
        buttons: shown.buttons,
        selects: shown.selects,
        audience: 'member',
        member,
        replaced: false,
        dialog: true,
        handle: { scope, submits: shown.submits } satisfies Handle,
      };
    } else if (task?.type === 'message') {
      dialog = {
        text: String(task.value ?? ''),
        buttons: [],
        selects: [],
        audience: 'member',
        member,
        replaced: false,
        dialog: true,
        handle: { scope, submits: [] } satisfies Handle,
      };
    }
    await settle(() => w.connector.calls.length, from, dialog === undefined);
    collect();
    const fresh = seen.splice(before);
    seen.push(...(dialog ? [dialog] : []), ...fresh);
    return seen.slice(before);
  }

  return {
    name: 'teams',
    whisperPlace: 'private',
    sharedPlaceId: CHANNEL_ID,
    sharedPlaceShown: 'General',
    rows: (sql, params) => w.rows(sql, params),
    async start(options: StartOptions = {}) {
      const env = { TUTOR_MANAGERS: (options.managers ?? []).map((m) => `aad-${m}`).join(',') };
      w = await startTeamsWorld(env, undefined, { backend });
      w.connector.override('send', (call) =>
        failing.has(call.conversationId)
          ? { status: 403, body: { error: { code: 'BotBlocked', message: 'The user blocked the bot' } } }
          : undefined,
      );
    },
    close: () => w.close(),
    say(text, who: Who) {
      const scope = (who.place ?? 'private') === 'private' ? 'personal' : 'channel';
      return turn(() => w.message(text, { user: who.member, scope }), who.member, scope);
    },
    click(card, action, member, options = {}) {
      const handle = card.handle as Handle;
      const wanted = buttonOf(card, action, options.label);
      const own = handle.submits[card.buttons.indexOf(wanted)] ?? {};
      const data = options.forgedValue ? { action: own.action, ...options.forgedValue } : own;
      const inputs = Object.fromEntries(
        Object.entries(options.selections ?? {}).map(([id, value]) => [`${SELECT_PREFIX}${id}`, value]),
      );
      const who = { user: member, scope: handle.scope };
      const opensDialog = (data.msteams as { type?: string } | undefined)?.type === 'task/fetch';
      if (opensDialog || card.dialog) {
        const name = opensDialog ? 'task/fetch' : 'task/submit';
        return turn(
          () => w.post({ ...w.activity('invoke', who), name, value: { data: { ...data, ...inputs } } }),
          member,
          handle.scope,
        );
      }
      return turn(() => w.submit({ ...data, ...inputs }, handle.activityId ?? 'unknown', who), member, handle.scope);
    },
    received: (member) => {
      collect();
      return seen.filter((s) => s.member === member);
    },
    waitFor(member, match, timeoutMs) {
      return waitUntil(
        () => {
          collect();
          return seen.find((s) => s.member === member && match(s));
        },
        `a card for ${member}`,
        timeoutMs,
      );
    },
    failDm(member, fail) {
      const id = personalConversation(member);
      fail ? failing.add(id) : failing.delete(id);
    },
    memberId: (member) => `aad-${member}`,
  };
}
