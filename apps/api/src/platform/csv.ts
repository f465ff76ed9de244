// Reading CSV files that staff upload (product and stock imports).

/** RFC 4180: quoted fields, `""` escapes, CRLF or LF, a leading BOM. Returns rows with their 1-based line numbers. */
export function parseCsv(text: string): { rows: Array<{ line: number; cells: string[] }>; error?: { line: number; message: string } } {
  const rows: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const s = text.replace(/^\uFEFF/, '');
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (quoted) return { rows, error: { line: rowLine, message: `Unclosed quote starting on line ${rowLine}.` } };
  if (cell !== '' || cells.length > 0) endRow();
  return { rows };
}
