// A plain-text table: the first row is the header, underlined with dashes; the columns in `right`
// are right-aligned (figures), the others left-aligned.
export function formatTable(table: readonly string[][], right: readonly number[]): string[] {
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  const lines: string[] = [];
  for (const [i, r] of table.entries()) {
    lines.push(
      r
        .map((c, j) => (right.includes(j) ? c.padStart(widths[j]!) : c.padEnd(widths[j]!)))
        .join('  ')
        .trimEnd(),
    );
    if (i === 0) lines.push(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  return lines;
}

/** One figure of a benchmark, beside its ceiling and target where it has them. */
export interface FigureRow {
  scenario: string;
  figure: number | string;
  unit: string;
  ceiling?: number;
  ratio?: number;
  target?: string;
  ok?: boolean;
}

/** The figures as the table the cart and checkout benches print (figure, ceiling and ratio right-aligned). */
export function formatFigures(rows: readonly FigureRow[]): string[] {
  const fmt = (n: number | string | undefined) => (n === undefined ? '' : String(n));
  const table = [
    ['scenario', 'figure', 'unit', 'ceiling', 'ratio', 'target', 'verdict'],
    ...rows.map((r) => [
      r.scenario,
      fmt(r.figure),
      r.unit,
      fmt(r.ceiling),
      fmt(r.ratio),
      r.target ?? '',
      r.ok === undefined ? '' : r.ok ? 'target met' : 'target NOT met',
    ]),
  ];
  return formatTable(table, [1, 3, 4]);
}
