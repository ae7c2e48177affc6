/**
 * Slack's side of a request, made the way Slack makes it (as tests/slack/harness.ts does): a
 * form-encoded body and a `v0=` HMAC-SHA256 signature of `v0:timestamp:body`, so every request
 * pays for the real signature check in the receiver.
 */
import { createHmac } from 'node:crypto';
import type { Req } from './load.js';

export const SIGNING_SECRET = 'bench-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-bench-token';
export const TEAM = 'T1';

export function signed(body: string, secret = SIGNING_SECRET, ts = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature };
}

/** A signed POST to /slack/events with a form body. */
export function slackPost(body: string): Req {
  return {
    method: 'POST',
    path: '/slack/events',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...signed(body) },
    body,
  };
}

export function slashCommand(
  command: string,
  text: string,
  who: { user: string; channel?: string },
  responseUrl: string,
): string {
  return new URLSearchParams({
    token: 'deprecated',
    team_id: TEAM,
    team_domain: 'acme',
    channel_id: who.channel ?? 'C1',
    channel_name: 'general',
    user_id: who.user,
    user_name: who.user.toLowerCase(),
    command,
    text,
    api_app_id: 'A1',
    response_url: responseUrl,
    trigger_id: `trigger.${who.user}`,
  }).toString();
}

// Four kinds of scenario the cost engine reads. `n` makes a scenario no one has asked before.
const SCENARIOS = [
  (n: string) => `${n} queries/day at $0.01`,
  (n: string) => `${n} queries/day, 800 tokens/query at $0.002 per 1k tokens`,
  (n: string) => `${n} queries/day at $0.004 with 40% cache hits`,
  (n: string) => `training $${n} one-time, inference $18M/year`,
];
const FIXED = ['1M', '1M', '250k', '2M'];

/**
 * The i-th `/cost` request, from member U<PREFIX><i>: a new member each time, so the per-member
 * limit of 30 a minute never turns the work into a "slow down" note — every request costs in full.
 * The text is one of four scenarios asked word for word again and again (as a cohort pastes a
 * lesson's examples), or with `unique`, a different one every time (no remembered answer helps).
 */
export function costRequest(i: number, prefix: string, responseBase: string, unique = false): Req {
  const kind = i % SCENARIOS.length;
  const text = SCENARIOS[kind]?.(unique ? `${i + 1}k` : (FIXED[kind] ?? '1M')) ?? '1M queries at $0.01';
  const user = `U${prefix.toUpperCase().replace(/[^A-Z0-9]/g, '')}${i}`; // Slack ids: [A-Z0-9]
  return slackPost(slashCommand('/cost', text, { user }, `${responseBase}/response/${prefix}${i}`));
}

export interface Button {
  readonly action_id: string;
  readonly block_id: string;
  readonly value: string;
}

/** The answer buttons of a check card as the app rendered it (Block Kit). */
export function answerButtons(message: { blocks?: unknown }): Button[] {
  const blocks = (message.blocks ?? []) as { block_id?: string; elements?: { action_id?: string; value?: string }[] }[];
  return blocks.flatMap((b) =>
    (b.elements ?? [])
      .filter((e) => e.action_id?.startsWith('quiz.answer'))
      .map((e) => ({ action_id: e.action_id ?? '', block_id: b.block_id ?? 'b', value: e.value ?? '' })),
  );
}

/**
 * A click on `button` in the member's DM with the bot (`D…`, not ephemeral): the app answers by
 * updating that message with chat.update, and `ts` tells us which click the update is for.
 */
export function answerClick(
  button: Button,
  who: { user: string; channel: string; ts: string; responseUrl: string },
): Req {
  const payload = {
    type: 'block_actions',
    user: { id: who.user, username: who.user.toLowerCase(), team_id: TEAM },
    team: { id: TEAM, domain: 'acme' },
    api_app_id: 'A1',
    container: { type: 'message', message_ts: who.ts, channel_id: who.channel, is_ephemeral: false },
    channel: { id: who.channel, name: 'directmessage' },
    trigger_id: `trigger.${who.ts}`,
    response_url: who.responseUrl,
    actions: [{ type: 'button', ...button, action_ts: who.ts }],
  };
  return slackPost(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
}
