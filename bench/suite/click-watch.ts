/**
 * What the answer benchmarks (2 and 7) watch on the local Web API: the check card `/tutor quiz 5`
 * answered with (its buttons are what members click), and each click's chat.update, by message ts,
 * timed when it arrives (in this process, on the same clock as the click).
 */
import { Agent } from 'node:http';
import type { FakeApi } from './fake-api.js';
import { send, sleep } from './load.js';
import type { Child } from './procs.js';
import { answerButtons, type Button, slackPost, slashCommand } from './slack.js';

const UPDATE_TIMEOUT_MS = 10_000;

export interface ClickWatch {
  /** Give this to startFakeApi. */
  onCall(method: string, fields: URLSearchParams): void;
  /** Resolves when the chat.update for `ts` has arrived (true) or after the timeout (false). */
  updated(ts: string): Promise<boolean>;
  /** The answer buttons of the check card `app` shows for `/tutor quiz 5`. */
  buttons(app: Child, api: FakeApi, user: string): Promise<Button[]>;
}

export function clickWatch(): ClickWatch {
  const arrived = new Map<string, number>();
  const waiting = new Map<string, () => void>();
  let card: { blocks?: unknown } | undefined;
  return {
    onCall(method, fields) {
      if (method === 'response_url' && fields.get('blocks'))
        card = { blocks: JSON.parse(fields.get('blocks') ?? '[]') };
      if (method !== 'chat.update') return;
      const ts = fields.get('ts') ?? '';
      const wake = waiting.get(ts);
      if (wake) wake();
      else arrived.set(ts, performance.now());
    },
    updated(ts) {
      if (arrived.delete(ts)) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(ts);
          resolve(false);
        }, UPDATE_TIMEOUT_MS);
        waiting.set(ts, () => {
          clearTimeout(timer);
          waiting.delete(ts);
          resolve(true);
        });
      });
    },
    async buttons(app, api, user) {
      const body = slashCommand('/tutor', 'quiz 5', { user, channel: 'D123' }, `${api.url}/response/setup`);
      await send(new Agent({ keepAlive: false }), app.port, slackPost(body));
      for (let waited = 0; !card && waited < 10_000; waited += 20) await sleep(20);
      const found = card ? answerButtons(card) : [];
      if (found.length === 0)
        throw new Error('`/tutor quiz 5` did not answer with a check card that has answer buttons');
      return found;
    },
  };
}

/** The button with this click's own nonce in its value. */
export const withNonce = (button: Button, nonce: string): Button => ({
  ...button,
  value: JSON.stringify({ ...(JSON.parse(button.value) as object), nonce }),
});
