import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/commands/parse.js';

describe('command words', () => {
  it.each([
    ['', { kind: 'lesson', mode: 'essentials' }],
    ['lesson', { kind: 'lesson', mode: 'essentials' }],
    ['lesson 3.4', { kind: 'lesson', lessonId: '3.4', mode: 'essentials' }],
    ['Lesson 3.4 FULL', { kind: 'lesson', lessonId: '3.4', mode: 'full' }],
    ['lesson full', { kind: 'lesson', mode: 'full' }],
    ['quiz', { kind: 'quiz' }],
    ['quiz 3', { kind: 'quiz', number: 3 }],
    ['review', { kind: 'review' }],
    ['progress', { kind: 'progress' }],
    ['report', { kind: 'report' }],
    ['daily #general 09:00 Europe/Berlin weekdays', { kind: 'daily', args: '#general 09:00 Europe/Berlin weekdays' }],
    ['daily me 08:30 weekdays', { kind: 'my-daily', args: '08:30 weekdays' }],
    ['Daily ME reminders off', { kind: 'my-daily', args: 'reminders off' }],
    ['daily me', { kind: 'my-daily', args: '' }],
    ['daily meetings', { kind: 'daily', args: 'meetings' }],
    ['enroll <#C1|crew> 09:00 weekdays', { kind: 'enroll', args: '<#C1|crew> 09:00 weekdays' }],
    ['enrol list', { kind: 'enroll', args: 'list' }],
    ['cost 1M queries/day at $0.01', { kind: 'cost', scenario: '1M queries/day at $0.01' }],
    ['explain Inference is a variable cost.', { kind: 'explain', sentence: 'Inference is a variable cost.' }],
    ['help', { kind: 'help' }],
  ])('%s', (text, intent) => {
    expect(parseCommand(text)).toEqual(intent);
  });

  it('turns unknown words into help, with what was not understood', () => {
    expect(parseCommand('dance')).toEqual({ kind: 'help', unknown: 'dance' });
    expect(parseCommand('quiz three')).toEqual({ kind: 'help', unknown: 'quiz three' });
    expect(parseCommand('lesson 3.4 loudly')).toEqual({ kind: 'help', unknown: 'lesson 3.4 loudly' });
  });

  it('bounds what it reads', () => {
    expect(parseCommand(`cost ${'9'.repeat(5_000)}`)).toMatchObject({ kind: 'cost' });
    expect((parseCommand(`cost ${'9'.repeat(5_000)}`) as { scenario: string }).scenario.length).toBeLessThan(1_000);
  });
});
