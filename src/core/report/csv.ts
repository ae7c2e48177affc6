import { withoutControls } from '../text/clean.js';
import type { TeamReport } from './team-report.js';

/**
 * Characters a spreadsheet may read as the start of a formula (OWASP's list: = + - @ tab CR, plus
 * their full-width forms, which some East Asian Excel builds accept too).
 */
const FORMULA = /[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;
/** A cell a spreadsheet would run as a formula: a formula character first, leading spaces ignored. */
const STARTS_FORMULA = /^[\s\u00a0]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/**
 * Quotes a CSV cell (RFC 4180) and defuses spreadsheet formulas, following OWASP's advice on CSV
 * injection: a member chooses their own display name, and `=HYPERLINK(…)` must not run when a
 * manager opens the file.
 *
 * - A cell that would start a formula gets a leading `'`, which spreadsheets show as text.
 * - Any other cell that holds a formula character anywhere, or a `;` / `|` / tab (separators of
 *   other locales), is double-quoted. Quoting is CSV syntax, not content: "Anne-Marie" still shows
 *   as Anne-Marie, yet `Ann;=1+1` opened with `;` as the separator stays one text cell instead of
 *   splitting into `Ann` and a formula `=1+1`. Only the cells that need it change, and visibly
 *   only those that really begin like a formula.
 * Numbers we computed are written as they are.
 */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  // Escapes and direction overrides in a name would act when the file is printed in a terminal.
  const text = withoutControls(value);
  const s = STARTS_FORMULA.test(text) ? `'${text}` : text;
  return FORMULA.test(s) || /[",;|\n\r\t]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
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
