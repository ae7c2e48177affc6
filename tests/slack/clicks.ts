/**
 * Slack's side of a member's click and of a channel's history, for the tests that drive a whole
 * server process: a signed block_actions POST as Slack sends it, and history that answers with what
 * the fake Web API accepted (so a take-over can see what was already posted).
 */
import type { FakeSlack } from './fake-slack-api.js';
import { sign } from './harness.js';

export interface Click {
  readonly user: string;
  readonly check: string;
  readonly option: string | undefined;
  readonly nonce: string;
  /** Slack's response URL for this click: tells one click's answer from another's. */
  readonly responseUrl: string;
  readonly channel?: string;
}

/** A member clicks an option on their check card; resolves with the server's HTTP answer. */
export function clickAnswer(base: string, c: Click): Promise<Response> {
  const channel = c.channel ?? 'D1';
  const payload = {
    type: 'block_actions',
    user: { id: c.user, team_id: 'T1' },
    team: { id: 'T1' },
    container: { type: 'message', message_ts: '1.0', channel_id: channel, is_ephemeral: true },
    channel: { id: channel },
    response_url: c.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: 'quiz.answer:0',
        block_id: 'b',
        value: JSON.stringify({ check: c.check, option: c.option, nonce: c.nonce }),
      },
    ],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) },
    body,
  });
}

/** conversations.history answers with the posts the fake accepted in that channel, as Slack keeps them. */
export function historyFromPosts(api: FakeSlack): void {
  api.override('conversations.history', (call, calls) => ({
    body: {
      ok: true,
      messages: calls
        .filter((c) => c.method === 'chat.postMessage' && c.body.channel === call.body.channel)
        .map((c) => ({ ts: '1.0', text: c.body.text, metadata: c.body.metadata })),
    },
  }));
}
