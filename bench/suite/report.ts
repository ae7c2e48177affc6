/** One line of the summary table, and the table itself. */
export interface Row {
  readonly bench: string;
  readonly figure: string;
  readonly value: string;
  /** The baseline measured in the same run, or '—' where the figure has none. */
  readonly baseline: string;
  readonly ratio: string;
  readonly target: string;
  /** Whether the target is met; undefined when the figure has no target. */
  readonly met?: boolean;
}

export interface Bench {
  readonly name: string;
  run(): Promise<Row[]>;
}

export const ratio = (value: number, baseline: number) =>
  Number.isFinite(value / baseline) ? `${(value / baseline).toFixed(2)}×` : 'n/a';

export function table(rows: readonly Row[]): string {
  const head = ['benchmark', 'figure', 'value', 'baseline (same run)', 'ratio', 'target', 'met'];
  const cells = rows.map((r) => [
    r.bench,
    r.figure,
    r.value,
    r.baseline,
    r.ratio,
    r.target,
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]) => `| ${c.map((x, i) => x.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}
