/** One benchmark's result: its figure next to the baseline measured in the same run, and its budget. */
export interface Figure {
  benchmark: string;
  measured: string;
  /** The budget as the README states it; "—" where there is none. */
  budget: string;
  /** Within the budget, over it, or undefined where there is none. */
  within?: boolean;
}

const verdict = (f: Figure) => (f.within === undefined ? '' : f.within ? 'within' : 'OVER');

/** The figure on one line: what a benchmark run on its own prints last. */
export function figureLine(f: Figure): string {
  return `${f.benchmark}: ${f.measured} (budget ${f.budget}${f.within === undefined ? '' : `: ${verdict(f)}`})`;
}

/** The figures as a table with aligned columns. */
export function figureTable(figures: Figure[]): string {
  const rows = [
    ['benchmark', 'measured (baseline from the same run)', 'budget', ''],
    ...figures.map((f) => [f.benchmark, f.measured, f.budget, verdict(f)]),
  ];
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  const format = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')} |`;
  return [
    format(rows[0] ?? []),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(format),
  ].join('\n');
}
