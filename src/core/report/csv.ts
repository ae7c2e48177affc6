import type { TeamReport } from './team-report.js';

/**
 * Quotes a CSV cell (RFC 4180) and defuses spreadsheet formulas: a member can choose their own
 * display name, so a name like `=HYPERLINK(…)` must not run when a manager opens the file.
 */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * One row per member: lessons read (yes/no), each check's status, and totals. Individual results
 * (passed vs attempted) appear only when the workspace shows individual scores; otherwise a check
 * is just done or open.
 */
export function reportCsv(report: TeamReport, options: { readonly showScores: boolean }): string {
  const header = [
    'member',
    ...report.lessons.map((l) => `lesson ${l.id}`),
    ...report.checks.map((c) => `check ${c.id}`),
    'lessons read',
    'checks done',
    ...(options.showScores ? ['checks passed'] : []),
    'done today',
  ];
  const rows = report.members.map((m) => [
    m.name,
    ...report.lessons.map((l) => (m.lessons[l.id] ? 'read' : '')),
    ...report.checks.map((c) => {
      const s = m.checks[c.id] ?? 'open';
      if (s === 'open') return '';
      return options.showScores ? s : 'done';
    }),
    m.lessonsRead,
    m.checksDone,
    ...(options.showScores ? [m.checksPassed] : []),
    m.doneToday ? 'yes' : 'no',
  ]);
  return `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
