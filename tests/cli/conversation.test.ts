/**
 * The terminal's Conversation through the one chat router, on a real database: commands spelled
 * as the terminal spells them, every reply private, nothing posted or sent to anyone else.
 */
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replyTo } from '../../src/app/chat/router.js';
import { terminalConversation } from '../../src/cli/conversation.js';
import { terminalDeps } from '../../src/cli/deps.js';
import { cardToText } from '../../src/views/text.js';
import { makeWorld, type World } from '../helpers/world.js';

let w: World;
let stderr = '';
beforeEach(() => {
  w = makeWorld();
  stderr = '';
});
afterEach(() => w.close());

const ada = { workspaceId: 'cli:local', platform: 'cli' as const, externalId: 'ada', displayName: 'ada' };
const ask = (intent: Parameters<typeof replyTo>[0]) => {
  const err = new PassThrough();
  err.on('data', (c) => {
    stderr += c;
  });
  return replyTo(intent, terminalConversation(ada), terminalDeps({ ...w, now: () => w.now }, { stderr: err }));
};

describe('the terminal conversation', () => {
  it('serves lessons in order and refuses an unknown one, as a refusal the CLI exits on', async () => {
    expect((await ask({ kind: 'lesson', mode: 'essentials' })).card.summary).toBe('Lesson 3.1: What is training');
    const missing = await ask({ kind: 'lesson', lessonId: '9.9', mode: 'essentials' });
    expect(missing.refused).toBe(true);
    expect(cardToText(missing.card)).toContain('There is no lesson "9.9"');
  });

  it('spells help and hints the terminal way', async () => {
    const help = cardToText((await ask({ kind: 'help' })).card);
    expect(help).toContain('tutor quiz');
    expect(help).toContain('tutor cost 1M queries/day');
    expect(help).not.toContain('/tutor');
  });

  it('answers a cost scenario, and refuses one it cannot read', async () => {
    expect(cardToText((await ask({ kind: 'cost', scenario: '1M queries/day at $0.01' })).card)).toContain('$10,000');
    expect((await ask({ kind: 'cost', scenario: '1M queries at' })).refused).toBe(true);
  });

  it('shows the report (the terminal reads its own database) with the member counted in', async () => {
    const report = await ask({ kind: 'report' });
    expect(report.refused).toBeUndefined();
    expect(cardToText(report.card)).toContain('1 member');
  });

  it('sets up no daily lessons: nothing is posted from a terminal', async () => {
    const daily = await ask({ kind: 'daily', args: '09:00 Europe/Berlin weekdays' });
    expect(cardToText(daily.card)).toContain('set them up there');
    expect(await w.store.schedules.list('cli:local')).toEqual([]);
    expect(stderr).toBe('');
  });
});
