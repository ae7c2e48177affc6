import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackWorld, sign, startSlackWorld } from './harness.js';

let w: SlackWorld;
beforeAll(async () => {
  w = await startSlackWorld();
});
afterAll(() => w.close());

describe('an event Slack delivers again', () => {
  it('is answered once, however many times it arrives', async () => {
    const body = JSON.stringify({
      token: 'x',
      team_id: 'T1',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: 'EvRETRY1',
      event_time: 1,
      event: {
        type: 'app_mention',
        user: 'U1',
        channel: 'C42',
        ts: '1700000900.000200',
        text: '<@UBOT> cost 2M queries/day at $0.01',
        event_ts: '1',
      },
    });
    expect((await w.post(body, 'json')).status).toBe(200);
    for (const n of ['1', '2'])
      expect(
        (await w.post(body, 'json', { ...sign(body), 'x-slack-retry-num': n, 'x-slack-retry-reason': 'http_timeout' }))
          .status,
      ).toBe(200);
    await w.api.waitFor('chat.postMessage', (c) => c.body.channel === 'C42');
    // A later, different event is still answered: only repeats of one event_id are dropped.
    await w.event({
      type: 'app_mention',
      user: 'U1',
      channel: 'C43',
      ts: '1.2',
      text: '<@UBOT> cost 1M queries/day at $0.01',
      event_ts: '2',
    });
    await w.api.waitFor('chat.postMessage', (c) => c.body.channel === 'C43');
    expect(w.api.called('chat.postMessage').filter((c) => c.body.channel === 'C42')).toHaveLength(1);
  });
});

describe('an event with odd fields', () => {
  it('is acknowledged and ignored, never reaching the store', async () => {
    const before = w.api.calls.length;
    for (const event of [
      { type: 'app_mention', user: { id: 'U1' }, channel: 'C50', text: 'cost 1M queries/day at $0.01' },
      { type: 'app_home_opened', user: 42, tab: 'home' },
      { type: 'message', channel_type: 'im', user: ['U1'], channel: 'D9', text: 'lesson' },
    ]) {
      const res = await w.event(event);
      expect(res.status).toBe(200);
    }
    // A well-formed mention afterwards is answered, and nothing was posted for the odd ones.
    await w.event({
      type: 'app_mention',
      user: 'U1',
      channel: 'C51',
      ts: '1.3',
      text: '<@UBOT> cost 1M queries/day at $0.01',
    });
    await w.api.waitFor('chat.postMessage', (c) => c.body.channel === 'C51');
    const posted = w.api.calls.slice(before).filter((c) => c.method !== 'auth.test' && c.body.channel !== 'C51');
    expect(posted.map((c) => c.method)).toEqual([]);
  });
});
