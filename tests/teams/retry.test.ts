/**
 * Teams throttles a bot that replies in bursts: the Bot Connector answers 429 (or 503) with
 * Retry-After. A member's reply must survive more of those than botbuilder's own three retries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLY_RETRY, waitBefore } from '../../src/server/retry-after.js';
import { cardOf, textOf } from './cards.js';
import { startTeamsWorld, type TeamsWorld } from './harness.js';

let w: TeamsWorld;
beforeAll(async () => {
  w = await startTeamsWorld();
});
afterAll(() => w.close());

describe('a reply throttled by the Bot Connector', () => {
  it('reaches the member after 5 × 429 with Retry-After, then a 200', async () => {
    let refused = 0;
    w.connector.override('reply', () => {
      if (refused >= 5) return undefined;
      refused += 1;
      return { status: 429, headers: { 'retry-after': '0' }, body: { error: { code: 'Throttled' } } };
    });
    expect((await w.message('lesson 3.1', { user: 'rita' })).status).toBe(200);
    const replies = w.connector.calls.filter((c) => c.kind === 'reply');
    expect(replies).toHaveLength(6);
    const delivered = replies[5];
    expect(delivered?.responseId).toBeDefined();
    // The lesson itself, not an apology for a failed turn.
    expect(textOf(cardOf(delivered as NonNullable<typeof delivered>))).toContain('What is training');
  });

  it('after a 503 too, and gives up within its budget when Teams keeps refusing', async () => {
    const before = w.connector.calls.length;
    w.connector.override('reply', () => ({ status: 503, headers: { 'retry-after': '0' }, body: {} }));
    await w.message('progress', { user: 'sam' });
    const tries = w.connector.calls.slice(before).filter((c) => c.kind === 'reply').length;
    // The reply's own tries; the turn's error notice (which fails the same way) may add its own.
    expect(tries).toBeGreaterThanOrEqual(REPLY_RETRY.retries + 1);
    expect(tries).toBeLessThanOrEqual(2 * (REPLY_RETRY.retries + 1));
    w.connector.override('reply', () => undefined);
  });
});

describe('the wait between tries', () => {
  it('honours Retry-After up to a cap, else backs off, and stops at the budget or the try limit', () => {
    expect(waitBefore(0, 2_000, 0)).toBe(2_000);
    expect(waitBefore(0, 120_000, 0)).toBe(REPLY_RETRY.maxWaitMs);
    expect(waitBefore(2, undefined, 0, () => 0.5)).toBe(REPLY_RETRY.baseMs * 4);
    expect(waitBefore(0, 5_000, REPLY_RETRY.budgetMs - 1_000)).toBeUndefined();
    expect(waitBefore(REPLY_RETRY.retries, 0, 0)).toBeUndefined();
  });
});
