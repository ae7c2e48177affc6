import { describe, expect, it } from 'vitest';
import { csvCell, reportCsv } from '../../../src/core/report/csv.js';
import { buildTeamReport, type ReportInput } from '../../../src/core/report/team-report.js';

const now = Date.parse('2026-11-21T10:00:00Z');
const concepts = (id: string, correct: number, total: number) => [{ conceptId: id, correct, total }];

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
  members: [
    { id: 1, name: 'Ada', timeZone: 'Europe/Berlin' },
    { id: 2, name: 'Grace', timeZone: 'America/Los_Angeles' },
    { id: 3, name: 'Linus', timeZone: 'Asia/Tokyo' },
  ],
  reads: [
    { memberId: 1, lessonId: '3.1' },
    { memberId: 1, lessonId: '3.2' },
    { memberId: 1, lessonId: '3.2' },
    { memberId: 2, lessonId: '3.1' },
  ],
  attempts: [
    // Ada: missed the sort, then passed it; passed the choice today.
    {
      memberId: 1,
      checkId: 'bill-sort',
      correct: false,
      attemptedAt: now - 3 * 86_400_000,
      concepts: concepts('training-capex', 4, 6),
    },
    {
      memberId: 1,
      checkId: 'bill-sort',
      correct: true,
      attemptedAt: now - 2 * 86_400_000,
      concepts: concepts('training-capex', 6, 6),
    },
    {
      memberId: 1,
      checkId: 'viral-bill',
      correct: true,
      attemptedAt: now - 3600_000,
      concepts: concepts('linear-scaling', 1, 1),
    },
    // Grace answered at 01:00 on 21 Nov Los Angeles time (09:00 UTC): today for her.
    {
      memberId: 2,
      checkId: 'viral-bill',
      correct: false,
      attemptedAt: Date.parse('2026-11-21T09:00:00Z'),
      concepts: concepts('linear-scaling', 0, 1),
    },
    // Linus answered at 23:00 on 20 Nov Tokyo time (14:00 UTC): yesterday for him, since it is now 19:00 on 21 Nov in Tokyo.
    {
      memberId: 3,
      checkId: 'viral-bill',
      correct: true,
      attemptedAt: Date.parse('2026-11-20T14:00:00Z'),
      concepts: concepts('linear-scaling', 1, 1),
    },
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
    const empty = buildTeamReport({ ...input, members: [], reads: [], attempts: [] });
    expect(empty.totals.members).toBe(0);
    expect(empty.notDoneToday).toEqual([]);
  });
});

describe('CSV export', () => {
  const report = buildTeamReport(input);

  it('has one row per member with lessons, checks and totals', () => {
    const lines = reportCsv(report, { showScores: false }).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'member,lesson 3.1,lesson 3.2,check bill-sort,check viral-bill,lessons read,checks done,done today',
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
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});
