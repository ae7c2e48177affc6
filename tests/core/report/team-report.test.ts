import { describe, expect, it } from 'vitest';
import { csvCell, reportCsv } from '../../../src/core/report/csv.js';
import { buildTeamReport, hasId, type ReportInput } from '../../../src/core/report/team-report.js';

const now = Date.parse('2026-11-21T10:00:00Z');

const input: ReportInput = {
  lessons: [
    { id: '3.1', title: 'What is training' },
    { id: '3.2', title: 'What is inference' },
  ],
  checks: [
    { id: 'bill-sort', title: 'Sort the bill' },
    { id: 'viral-bill', title: 'The viral bill' },
  ],
  concepts: [
    { id: 'training-capex', name: 'Training is CapEx' },
    { id: 'linear-scaling', name: 'Linear scaling' },
    { id: 'latency', name: 'Latency' },
  ],
  // Ada read both lessons, passed both checks (the last an hour ago).
  // Grace answered at 01:00 on 21 Nov Los Angeles time (09:00 UTC): today for her.
  // Linus answered at 23:00 on 20 Nov Tokyo time (14:00 UTC): yesterday for him, since it is now 19:00 on 21 Nov in Tokyo.
  members: [
    {
      id: 1,
      name: 'Ada',
      timeZone: 'Europe/Berlin',
      lessonsRead: '3.1,3.2',
      checksDone: 'bill-sort,viral-bill',
      checksPassed: 'bill-sort,viral-bill',
      lastAttemptAt: now - 3600_000,
    },
    {
      id: 2,
      name: 'Grace',
      timeZone: 'America/Los_Angeles',
      lessonsRead: '3.1',
      checksDone: 'viral-bill',
      checksPassed: '',
      lastAttemptAt: Date.parse('2026-11-21T09:00:00Z'),
    },
    {
      id: 3,
      name: 'Linus',
      timeZone: 'Asia/Tokyo',
      lessonsRead: '',
      checksDone: 'viral-bill',
      checksPassed: 'viral-bill',
      lastAttemptAt: Date.parse('2026-11-20T14:00:00Z'),
    },
  ],
  conceptTotals: [
    { conceptId: 'training-capex', correct: 10, total: 12 },
    { conceptId: 'linear-scaling', correct: 2, total: 3 },
  ],
  now,
};

describe('team report', () => {
  const report = buildTeamReport(input);

  it('shows completion per member per lesson and check, best status first', () => {
    const ada = report.members.find((m) => m.name === 'Ada');
    expect(ada).toMatchObject({
      lessons: { '3.1': true, '3.2': true },
      checks: { 'bill-sort': 'passed', 'viral-bill': 'passed' },
      lessonsRead: 2,
      checksDone: 2,
      checksPassed: 2,
    });
    expect(report.members.find((m) => m.name === 'Grace')).toMatchObject({
      lessons: { '3.1': true, '3.2': false },
      checks: { 'bill-sort': 'open', 'viral-bill': 'attempted' },
      checksPassed: 0,
    });
  });

  it('gives accuracy per concept across the team, weakest first', () => {
    expect(report.concepts.map((c) => [c.name, c.percent])).toEqual([
      ['Linear scaling', 67],
      ['Training is CapEx', 83],
      ['Latency', undefined],
    ]);
  });

  it("lists who has not done today's check, in each member's own time zone", () => {
    expect(report.notDoneToday.map((m) => m.name)).toEqual(['Linus']);
    expect(report.totals).toEqual({ members: 3, finishedAllLessons: 1, finishedAllChecks: 1, doneToday: 2 });
  });

  it('handles an empty team', () => {
    const empty = buildTeamReport({ ...input, members: [], conceptTotals: [] });
    expect(empty.totals.members).toBe(0);
    expect(empty.notDoneToday).toEqual([]);
  });
});

describe('CSV export', () => {
  const report = buildTeamReport(input);

  it('has one row per member with lessons, checks and totals', () => {
    const lines = reportCsv(report, { showScores: false }).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'member,lesson 3.1,lesson 3.2,"check bill-sort","check viral-bill",lessons read,checks done,done today',
    );
    expect(lines[1]).toBe('Ada,read,read,done,done,2,2,yes');
    expect(lines[2]).toBe('Grace,read,,,done,1,1,yes');
    expect(lines).toHaveLength(4);
  });

  it('shows passed or attempted only when the workspace shows individual scores', () => {
    const lines = reportCsv(report, { showScores: true }).trimEnd().split('\r\n');
    expect(lines[0]).toContain('checks passed');
    expect(lines[2]).toBe('Grace,read,,,attempted,1,1,0,yes');
  });

  it('quotes commas and quotes, and defuses spreadsheet formulas in names', () => {
    expect(csvCell('Hopper, Grace')).toBe('"Hopper, Grace"');
    expect(csvCell('Say "hi"')).toBe('"Say ""hi"""');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
  });

  it('neutralises a formula character anywhere in a cell, not only the first', () => {
    // Opened with `;` as the separator (many European locales), an unquoted `Ann;=1+1` splits
    // into `Ann` and a live formula; quoted, it stays one text cell.
    expect(csvCell('Ann;=1+1')).toBe('"Ann;=1+1"');
    expect(csvCell('x@y')).toBe('"x@y"');
    expect(csvCell('Ann|=1+1')).toBe('"Ann|=1+1"');
    expect(csvCell('  =1+1')).toBe(`"'  =1+1"`);
    expect(csvCell('\t=1+1')).toBe(`"'\t=1+1"`);
    expect(csvCell('＝1+1')).toBe(`"'＝1+1"`);
    // Ordinary names only gain quotes, which a spreadsheet does not show.
    expect(csvCell('Anne-Marie')).toBe('"Anne-Marie"');
    expect(csvCell('Grace')).toBe('Grace');
    expect(csvCell(-1)).toBe('-1');
  });

  it('a hostile name in the exported file never starts a cell with a formula, whatever the separator', () => {
    const hostile = buildTeamReport({
      ...input,
      members: input.members.map((m, i) => (i === 0 ? { ...m, name: 'Ann;=1+1' } : m)),
    });
    const row = reportCsv(hostile, { showScores: false }).split('\r\n')[1] ?? '';
    expect(row.startsWith('"Ann;=1+1",')).toBe(true);
  });
});

describe('hasId', () => {
  it('finds whole ids only, wherever they sit in the list', () => {
    expect(hasId('3.1,3.2', '3.1')).toBe(true);
    expect(hasId('3.1,3.2', '3.2')).toBe(true);
    expect(hasId('3.10,3.11', '3.1')).toBe(false);
    expect(hasId('x3.1,3.1', '3.1')).toBe(true);
    expect(hasId('bill-sort', 'sort')).toBe(false);
    expect(hasId('', '3.1')).toBe(false);
    expect(hasId('3.1', '')).toBe(false);
    expect(hasId('', '')).toBe(false);
  });
});

describe('acting characters in names', () => {
  it('leave the CSV: no terminal escapes, NUL or direction overrides reach a manager’s file', () => {
    const name = 'Eve\u001b]8;;http://evil.example\u0007CLICK\u001b]8;;\u0007\u001b[2J\u202eRTL\u0000nul';
    const cell = csvCell(name);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters
    expect(cell).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    expect(cell).toContain('CLICK');
  });
});
