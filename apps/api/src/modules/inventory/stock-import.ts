// Reading a stock import: CSV with the columns `sku, quantity, mode` (mode `set` or `add`), checked
// row by row before anything is looked up or applied.

import { parseCsv as readCsv } from '../../platform/csv.js';

export const MAX_IMPORT_ROWS = 10_000;
const COLUMNS = ['sku', 'quantity', 'mode'] as const;

/** One problem of an import, located by CSV line (1 = the header) and column. */
export interface StockImportProblem {
  row: number;
  column: string;
  code: string;
  sku?: string | undefined;
  message: string;
}

export interface StockImportRow {
  row: number;
  sku: string;
  mode: 'set' | 'add';
  quantity: number;
}

/**
 * The file's rows (platform's CSV reader), without rows that hold only white space: a stock count
 * pasted from a spreadsheet often ends in one.
 */
export function parseCsv(text: string): ReturnType<typeof readCsv> {
  const read = readCsv(text);
  return { ...read, rows: read.rows.filter((r) => r.cells.length > 1 || r.cells[0]!.trim() !== '') };
}

const QUANTITY = /^-?\d{1,10}$/;

/**
 * The rows of an import file, or the problems that make it unusable. Rows are checked on their own
 * here (SKU present, whole-number quantity, known mode, no SKU twice); whether the SKU exists and
 * what the result would be is for the apply step.
 */
export function readStockImport(text: string): { rows: StockImportRow[]; problems: StockImportProblem[] } {
  const parsed = parseCsv(text);
  if (parsed.error)
    return { rows: [], problems: [{ row: parsed.error.line, column: '', code: 'CSV_UNCLOSED_QUOTE', message: parsed.error.message }] };
  const [header, ...data] = parsed.rows;
  if (!header) return { rows: [], problems: [{ row: 1, column: '', code: 'FILE_EMPTY', message: 'The file is empty.' }] };
  const cols = header.cells.map((c) => c.trim().toLowerCase());
  const problems: StockImportProblem[] = [];
  for (const c of cols) {
    if (!(COLUMNS as readonly string[]).includes(c))
      problems.push({ row: header.line, column: c, code: 'CSV_UNKNOWN_COLUMN', message: `Unknown column "${c}".` });
  }
  for (const c of COLUMNS) {
    if (!cols.includes(c))
      problems.push({ row: header.line, column: c, code: 'CSV_MISSING_COLUMN', message: `The column "${c}" is missing.` });
  }
  if (problems.length > 0) return { rows: [], problems };
  if (data.length > MAX_IMPORT_ROWS) {
    return {
      rows: [],
      problems: [
        {
          row: header.line,
          column: '',
          code: 'TOO_MANY_ROWS',
          message: `At most ${MAX_IMPORT_ROWS} rows per import; this file has ${data.length}.`,
        },
      ],
    };
  }

  const rows: StockImportRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const r of data) {
    const get = (c: (typeof COLUMNS)[number]) => (r.cells[cols.indexOf(c)] ?? '').trim();
    const sku = get('sku');
    const rowProblems: StockImportProblem[] = [];
    const add = (column: string, code: string, message: string) =>
      rowProblems.push({ row: r.line, column, code, message, ...(sku ? { sku } : {}) });
    if (r.cells.length !== cols.length) add('', 'CSV_CELL_COUNT', `Expected ${cols.length} cells, found ${r.cells.length}.`);
    if (!sku) add('sku', 'SKU_REQUIRED', 'The SKU is empty.');
    else if (firstRowOf.has(sku)) add('sku', 'SKU_DUPLICATE', `The SKU ${sku} is already on row ${firstRowOf.get(sku)}.`);
    else firstRowOf.set(sku, r.line);
    const mode = get('mode').toLowerCase();
    if (mode !== 'set' && mode !== 'add') add('mode', 'MODE_INVALID', `The mode is "set" or "add", not "${get('mode')}".`);
    const raw = get('quantity').replace(/^\+/, '');
    const quantity = QUANTITY.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(quantity) || Math.abs(quantity) > 1_000_000_000)
      add('quantity', 'QUANTITY_INVALID', `"${get('quantity')}" is not a whole number of units.`);
    else if (mode === 'set' && quantity < 0) add('quantity', 'RESULT_NEGATIVE', 'A stock count cannot be negative.');
    if (rowProblems.length > 0) problems.push(...rowProblems);
    else rows.push({ row: r.line, sku, mode: mode as 'set' | 'add', quantity });
  }
  return { rows, problems };
}
