/**
 * The contract driver for Slack: slash commands and block_actions signed as Slack signs them, into
 * the real Bolt receiver (tests/slack/harness.ts); what the app sent is read back from FakeSlack
 * (ack bodies, response URLs, chat.*, views.*). Members are `U<NAME>`, their DM `D<NAME>`, the
 * shared place the channel `CSHARED`.
 */
import type { ApiCall } from '../slack/fake-slack-api.js';
import { type SlackWorld, startSlackWorld } from '../slack/harness.js';
import { type TestBackend, testBackend } from '../support/test-database.js';
import {
  buttonOf,
  type PlatformDriver,
  type Seen,
  type SeenButton,
  type SeenSelect,
  type StartOptions,
  settle,
  type Who,
  waitUntil,
} from './driver.js';

const SHARED = 'CSHARED';
const userId = (member: string) => `U${member.toUpperCase()}`;
const dmId = (member: string) => `D${member.toUpperCase()}`;
const memberOf = (slackId: string) => slackId.slice(1).toLowerCase();

interface Block {
  type: string;
  block_id?: string;
  text?: { text?: string };
  label?: { text?: string };
  fields?: { text?: string }[];
  elements?: { type?: string; text?: unknown; action_id?: string; value?: string; url?: string }[];
  accessory?: { type: string; action_id: string; options?: { value: string; text: { text: string } }[] };
}

interface Handle {
  readonly blocks: Block[];
  readonly channel: string;
  readonly ephemeral: boolean;
  readonly ts: string;
  readonly view: boolean;
}

/** Who a response URL answers, and how the message it may replace was shown. */
interface Origin {
  readonly member: string;
  readonly channel: string;
  readonly audience?: 'member' | 'place';
}

const actionOf = (id: string) => id.replace(/:\d+$/, '');

function parseValue(value: string | undefined): Record<string, string> {
  if (!value) return {};
  try {
    const v = JSON.parse(value) as unknown;
    return typeof v === 'object' && v !== null ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** `tutor.form|<form>|<select>` → the select id. */
const selectIdOf = (blockId = '') => {
  const [kind, , select] = blockId.split('|');
  return kind === 'tutor.form' && select !== undefined ? decodeURIComponent(select) : undefined;
};

function textOf(blocks: Block[], fallback: unknown): string {
  const parts: string[] = [];
  for (const b of blocks) {
    if (b.text?.text) parts.push(b.text.text);
    if (b.label?.text) parts.push(b.label.text);
    for (const f of b.fields ?? []) if (f.text) parts.push(f.text);
    if (b.type === 'context')
      for (const e of b.elements ?? [])
        if (typeof (e as { text?: unknown }).text === 'string') parts.push(String(e.text));
  }
  return parts.length > 0 ? parts.join('\n') : typeof fallback === 'string' ? fallback : '';
}

function buttonsOf(blocks: Block[]): SeenButton[] {
  return blocks.flatMap((b) =>
    b.type === 'actions'
      ? (b.elements ?? [])
          .filter((e) => e.type === 'button')
          .map((e) => ({
            action: e.url ? 'link' : actionOf(e.action_id ?? ''),
            label: String((e.text as { text?: string } | undefined)?.text ?? ''),
            value: parseValue(e.value),
          }))
      : [],
  );
}

function selectsOf(blocks: Block[]): SeenSelect[] {
  const out: SeenSelect[] = [];
  for (const b of blocks) {
    const id = selectIdOf(b.block_id);
    if (id !== undefined && b.accessory?.type === 'static_select')
      out.push({ id, options: (b.accessory.options ?? []).map((o) => o.value) });
  }
  return out;
}

/** `backend`: the store the server runs on (default TEST_DATABASE's). */
export function slackDriver(backend: TestBackend = testBackend()): PlatformDriver {
  let w: SlackWorld;
  const seen: Seen[] = [];
  /** Response URL path → whom it answers. */
  const origins = new Map<string, Origin>();
  const tsOf = new Map<ApiCall, string>();
  const failing = new Set<string>();
  /** Posts Slack refused (a failed DM): nobody saw them. */
  const refused = new Set<ApiCall>();
  /** Everyone who has spoken: Slack lists them all in the shared channel. */
  const known = new Set<string>();
  let decoded = 0;
  let responses = 0;
  /** The member whose request came last: a message posted to a channel is put down to them. */
  let actor = '';
  let ts = 1_800_000_000;

  /** How one message was shown: `ephemeral` for Slack's own "only visible to you" messages. */
  interface Where {
    readonly member: string;
    readonly channel: string;
    readonly audience: 'member' | 'place';
    readonly ephemeral: boolean;
    readonly replaced?: boolean;
    readonly dialog?: boolean;
  }

  const seenFrom = (body: Record<string, unknown>, where: Where, messageTs = '1700000000.000100'): Seen | undefined => {
    const view = body.view as { blocks?: Block[] } | undefined;
    const blocks = (view?.blocks ?? body.blocks) as Block[] | undefined;
    if (!blocks && typeof body.text !== 'string') return undefined;
    const list = blocks ?? [];
    return {
      text: textOf(list, body.text),
      buttons: buttonsOf(list),
      selects: selectsOf(list),
      audience: where.audience,
      member: where.member,
      replaced: where.replaced ?? false,
      dialog: where.dialog ?? false,
      handle: {
        blocks: list,
        channel: where.channel,
        ephemeral: where.ephemeral,
        ts: messageTs,
        view: where.dialog ?? false,
      } satisfies Handle,
    };
  };

  /** What one recorded API call showed, if anything. */
  function decode(call: ApiCall): Seen | undefined {
    if (refused.has(call)) return undefined;
    const b = call.body;
    const channel = String(b.channel ?? '');
    const inDm = channel.startsWith('D') || channel.startsWith('U');
    const posted = { member: inDm ? memberOf(channel) : actor, channel, ephemeral: false } as const;
    switch (call.method) {
      case 'response_url': {
        if (b.delete_original === true) return undefined;
        const origin = origins.get(call.path) ?? { member: actor, channel: SHARED };
        const replaced = b.replace_original === true;
        // A replacement keeps the audience of the message it replaces unless it says otherwise.
        const audience =
          b.response_type === 'in_channel' ? 'place' : replaced ? (origin.audience ?? 'member') : 'member';
        const { member, channel: at } = origin;
        return seenFrom(b, { member, channel: at, audience, ephemeral: audience === 'member', replaced });
      }
      case 'chat.postMessage':
        return seenFrom(b, { ...posted, audience: inDm ? 'member' : 'place' }, tsOf.get(call));
      case 'chat.update':
        return seenFrom(b, { ...posted, audience: inDm ? 'member' : 'place', replaced: true }, String(b.ts));
      case 'chat.postEphemeral':
        return seenFrom(b, { member: memberOf(String(b.user)), channel, audience: 'member', ephemeral: true });
      case 'views.open':
      case 'views.push':
      case 'views.update': {
        const replaced = call.method === 'views.update';
        return seenFrom(b, {
          member: actor,
          channel: '',
          audience: 'member',
          ephemeral: false,
          replaced,
          dialog: true,
        });
      }
      default:
        return undefined;
    }
  }

  /** Posts a signed request, then collects what it made the app show, acknowledgement first. */
  async function turn(post: () => Promise<Response>, member: string, ack: Omit<Origin, 'member'>): Promise<Seen[]> {
    collect();
    actor = member;
    known.add(userId(member));
    const before = seen.length;
    const from = w.api.calls.length;
    const res = await post();
    if (res.status !== 200) throw new Error(`Slack answered ${res.status}`);
    const raw = await res.text();
    if (raw.startsWith('{')) {
      const body = JSON.parse(raw) as Record<string, unknown>;
      const audience = body.response_type === 'in_channel' ? 'place' : 'member';
      const dialog = body.response_action === 'update' || body.response_action === 'push';
      const ephemeral = audience === 'member';
      const shown = seenFrom(body, { member: actor, channel: ack.channel, audience, ephemeral, dialog });
      if (shown) seen.push(shown);
    }
    await settle(() => w.api.calls.length, from, seen.length === before);
    collect();
    return seen.slice(before);
  }

  function collect() {
    for (; decoded < w.api.calls.length; decoded++) {
      const call = w.api.calls[decoded] as ApiCall;
      const shown = decode(call);
      if (shown) seen.push(shown);
    }
  }

  const responseUrl = (origin: Origin) => {
    const path = `/response/contract-${++responses}`;
    origins.set(path, origin);
    return `${w.api.url}${path}`;
  };

  return {
    name: 'slack',
    whisperPlace: 'shared',
    sharedPlaceId: SHARED,
    sharedPlaceShown: `<#${SHARED}>`,
    rows: (sql, params) => w.rows(sql, params),
    async start(options: StartOptions = {}) {
      const env = { TUTOR_MANAGERS: (options.managers ?? []).map(userId).join(',') };
      w = await startSlackWorld(env, undefined, { backend });
      w.api.override('chat.postMessage', (call) => {
        const channel = String(call.body.channel);
        if (failing.has(channel)) {
          refused.add(call);
          return { body: { ok: false, error: 'cannot_dm_bot' } };
        }
        const stamp = `${++ts}.000100`;
        tsOf.set(call, stamp);
        return { body: { ok: true, channel, ts: stamp } };
      });
      w.api.override('conversations.members', () => ({
        body: { ok: true, members: [...known], response_metadata: { next_cursor: '' } },
      }));
      w.api.override('conversations.open', (call) =>
        failing.has(String(call.body.users)) ? { body: { ok: false, error: 'cannot_dm_bot' } } : undefined,
      );
    },
    close: () => w.close(),
    say(text, who: Who) {
      const [word = '', ...rest] = text.trim().split(/\s+/);
      const command = word === 'cost' ? '/cost' : word === 'explain' ? '/explain' : '/tutor';
      const args = command === '/tutor' ? text.trim() : rest.join(' ');
      const channel = (who.place ?? 'private') === 'private' ? dmId(who.member) : SHARED;
      const form = new URLSearchParams({
        token: 'deprecated',
        team_id: 'T1',
        team_domain: 'acme',
        channel_id: channel,
        channel_name: channel.startsWith('D') ? 'directmessage' : 'shared',
        user_id: userId(who.member),
        user_name: who.member,
        command,
        text: args,
        api_app_id: 'A1',
        response_url: responseUrl({ member: who.member, channel }),
        trigger_id: `trigger-${responses}`,
      }).toString();
      return turn(() => w.post(form, 'form'), who.member, { channel });
    },
    click(card, action, member, options = {}) {
      const handle = card.handle as Handle;
      const wanted = buttonOf(card, action, options.label);
      let target: { block: Block; element: NonNullable<Block['elements']>[number] } | undefined;
      for (const block of handle.blocks) {
        const element = (block.elements ?? []).find(
          (e) =>
            e.type === 'button' &&
            actionOf(e.action_id ?? '') === wanted.action &&
            String((e.text as { text?: string } | undefined)?.text ?? '') === wanted.label,
        );
        if (element) {
          target = { block, element };
          break;
        }
      }
      if (!target) throw new Error(`no ${action} button in the Slack message`);
      const values: Record<string, Record<string, unknown>> = {};
      for (const block of handle.blocks) {
        const id = selectIdOf(block.block_id);
        const chosen = id === undefined ? undefined : options.selections?.[id];
        const option = block.accessory?.options?.find((o) => o.value === chosen);
        if (option && block.block_id && block.accessory)
          values[block.block_id] = { [block.accessory.action_id]: { type: 'static_select', selected_option: option } };
      }
      const origin: Origin = { member, channel: handle.channel, audience: card.audience };
      const payload = {
        type: 'block_actions',
        user: { id: userId(member), username: member, team_id: 'T1' },
        team: { id: 'T1', domain: 'acme' },
        api_app_id: 'A1',
        container: handle.view
          ? { type: 'view', view_id: 'V1' }
          : { type: 'message', message_ts: handle.ts, channel_id: handle.channel, is_ephemeral: handle.ephemeral },
        ...(handle.view ? {} : { channel: { id: handle.channel, name: 'shared' } }),
        trigger_id: `trigger-click-${responses}`,
        response_url: responseUrl(origin),
        actions: [
          {
            type: 'button',
            action_id: target.element.action_id,
            block_id: target.block.block_id ?? 'b',
            value: options.forgedValue ? JSON.stringify(options.forgedValue) : target.element.value,
            action_ts: '1',
          },
        ],
        ...(options.selections ? { state: { values } } : {}),
      };
      return turn(
        () => w.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'form'),
        member,
        origin,
      );
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
      for (const id of [userId(member), dmId(member)]) fail ? failing.add(id) : failing.delete(id);
    },
    memberId: userId,
  };
}
