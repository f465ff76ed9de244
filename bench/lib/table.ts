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
