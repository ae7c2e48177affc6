/**
 * Two servers on one database, as two instances behind a load balancer (issue 14): whichever
 * instance serves a member, the per-member limit, the report's explanation counters, a CSV link
 * and an open Explain picker are the same. Each pair is two real `start()`s on one SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackWorld } from '../slack/harness.js';
import { type CardJson, cardOf, openUrlsOf, submitsOf, textOf } from '../teams/cards.js';
import type { ConnectorCall } from '../teams/fake-connector.js';
import { startTeamsWorld, type TeamsWorld, type Who } from '../teams/harness.js';

describe('two Slack instances on one database', () => {
  it('refuse the 31st estimate within a minute whichever instance serves it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'instances-'));
    const a = await startSlackWorld({}, dir);
    const b = await startSlackWorld({}, dir);
    try {
      const cost = async (world: typeof a, text: string, user = 'ULOOP') => {
        const res = await world.command('/cost', text, { user, channel: 'CLOOP' });
        expect(res.status).toBe(200);
        return JSON.stringify(await res.json());
      };
      for (let i = 0; i < 30; i++) {
        const answer = await cost(i % 2 === 0 ? a : b, `${i + 1}k queries at $0.01`);
        expect(answer).not.toContain('faster than I can answer');
      }
      expect(await cost(a, '1k queries at $0.01')).toContain('faster than I can answer');
      expect(await cost(b, '1k queries at $0.01')).toContain('faster than I can answer');
      expect(await cost(b, '5 queries at $1', 'UCALM')).toContain('$5');
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('two Teams instances on one database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'instances-'));
  let now = Date.now();
  const clock = { now: () => now };
  let a: TeamsWorld;
  let b: TeamsWorld;
  beforeAll(async () => {
    a = await startTeamsWorld({ TUTOR_MANAGERS: 'aad-boss' }, dir, clock);
    b = await startTeamsWorld({ TUTOR_MANAGERS: 'aad-boss' }, dir, clock);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function say(world: TeamsWorld, text: string, who?: Who): Promise<ConnectorCall> {
    const before = world.connector.calls.length;
    expect((await world.message(text, who)).status).toBe(200);
    const replies = world.connector.calls.slice(before).filter((c) => c.kind === 'reply');
    expect(replies).toHaveLength(1);
    return replies[0] as ConnectorCall;
  }

  async function invoke(world: TeamsWorld, name: string, value: Record<string, unknown>): Promise<CardJson> {
    const res = await world.post({ ...world.activity('invoke'), name, value });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { task?: { value?: { card?: { content: CardJson } } } };
    return body.task?.value?.card?.content as CardJson;
  }

  it('add up the explanations both served in the report either shows', async () => {
    // No line at all before the day's first explanation.
    const served = (text: string) => Number(/Explanations today: (\d+) served/.exec(text)?.[1] ?? 0);
    const before = served(textOf(cardOf(await say(a, 'report', { user: 'boss' }))));
    await a.message('explain Inference is paid per request.', { user: 'boss' });
    await b.message('explain Training is a one-off cost.', { user: 'boss' });
    await b.message('explain Tokens are pieces of words.', { user: 'ada' });
    expect(served(textOf(cardOf(await say(a, 'report', { user: 'boss' }))))).toBe(before + 3);
    expect(served(textOf(cardOf(await say(b, 'report', { user: 'boss' }))))).toBe(before + 3);
  });

  it('find on one the Explain picker opened on the other', async () => {
    const lesson = cardOf(await say(a, 'lesson 3.6', { user: 'ada' }));
    const explain = submitsOf(lesson).find((s) => s.title === 'Explain a sentence');
    const picker = await invoke(a, 'task/fetch', { data: explain?.data });
    expect(textOf(picker)).toContain('one token after another');
    const pick = submitsOf(picker).find((s) => s.data.action === 'explain.pick')?.data;
    expect(pick).toBeDefined();
    const answer = await invoke(b, 'task/submit', { data: { ...pick, sel_sentence: '0' } });
    expect(textOf(answer)).toContain('In plain English');
    expect(textOf(answer)).toContain('§3.6');
  });

  it('download through one a CSV link the other made, until it expires on both', async () => {
    const card = cardOf(await say(a, 'report', { user: 'boss' }));
    const url = openUrlsOf(card).find((u) => u.title === 'Download CSV')?.url ?? '';
    expect(url.startsWith(`${a.base}/api/reports/`)).toBe(true);
    const viaB = url.replace(a.base, b.base);
    const res = await fetch(viaB);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const csv = await res.text();
    expect(csv).toContain('member,lesson 3.1');
    expect(csv).toContain('Boss');
    expect((await fetch(url)).status).toBe(200);
    now += 10 * 60_000 + 1;
    expect((await fetch(viaB)).status).toBe(404);
    expect((await fetch(url)).status).toBe(404);
  });
});
