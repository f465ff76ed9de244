import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_ROWS, parseCsv, readStockImport } from './stock-import.js';

const codes = (csv: string) => readStockImport(csv).problems.map((p) => `${p.row}:${p.column}:${p.code}`);

describe('readStockImport', () => {
  it.each([
    {
      what: 'set and add, signs, spaces, header case, BOM and CRLF',
      csv: '\uFEFFSKU, Quantity ,mode\r\nA-1, 7 ,set\r\nB-2,+3,Add\r\nC-3,-2,add\r\n',
      rows: [
        ['A-1', 'set', 7],
        ['B-2', 'add', 3],
        ['C-3', 'add', -2],
      ],
    },
    { what: 'columns in another order, quoted cells, blank lines', csv: 'mode,sku,quantity\n\nset,"A,1",0\n\n', rows: [['A,1', 'set', 0]] },
    { what: 'a header only', csv: 'sku,quantity,mode\n', rows: [] },
  ])('reads $what', ({ csv, rows }) => {
    const read = readStockImport(csv);
    expect(read.problems).toEqual([]);
    expect(read.rows.map((r) => [r.sku, r.mode, r.quantity])).toEqual(rows);
  });

  it.each([
    { what: 'empty file', csv: '', problems: ['1::FILE_EMPTY'] },
    {
      what: 'missing and unknown columns',
      csv: 'sku,qty\n',
      problems: ['1:qty:CSV_UNKNOWN_COLUMN', '1:quantity:CSV_MISSING_COLUMN', '1:mode:CSV_MISSING_COLUMN'],
    },
    { what: 'unclosed quote', csv: 'sku,quantity,mode\n"A,1,set\n', problems: ['2::CSV_UNCLOSED_QUOTE'] },
    { what: 'no sku', csv: 'sku,quantity,mode\n ,1,set\n', problems: ['2:sku:SKU_REQUIRED'] },
    {
      what: 'fractions, words, exponents, huge numbers',
      csv: 'sku,quantity,mode\nA,1.5,set\nB,ten,set\nC,1e3,set\nD,99999999999,add\nE,,set\n',
      problems: [
        '2:quantity:QUANTITY_INVALID',
        '3:quantity:QUANTITY_INVALID',
        '4:quantity:QUANTITY_INVALID',
        '5:quantity:QUANTITY_INVALID',
        '6:quantity:QUANTITY_INVALID',
      ],
    },
    { what: 'bad modes', csv: 'sku,quantity,mode\nA,1,replace\nB,1,\n', problems: ['2:mode:MODE_INVALID', '3:mode:MODE_INVALID'] },
    { what: 'a negative count', csv: 'sku,quantity,mode\nA,-1,set\n', problems: ['2:quantity:RESULT_NEGATIVE'] },
    { what: 'a duplicate sku', csv: 'sku,quantity,mode\nA,1,set\nB,1,set\nA,2,add\n', problems: ['4:sku:SKU_DUPLICATE'] },
    { what: 'a short row', csv: 'sku,quantity,mode\nA,1\n', problems: ['2::CSV_CELL_COUNT', '2:mode:MODE_INVALID'] },
  ])('reports $what', ({ csv, problems }) => {
    expect(codes(csv)).toEqual(problems);
    expect(readStockImport(csv).rows.length).toBeLessThan(csv.split('\n').length);
  });

  it('refuses more rows than one import takes', () => {
    const csv = `sku,quantity,mode\n${Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `S${i},1,add`).join('\n')}`;
    expect(codes(csv)).toEqual(['1::TOO_MANY_ROWS']);
  });

  it('keeps line numbers of rows after a quoted line break', () => {
    expect(parseCsv('a,b\n"x\ny",1\nz,2').rows.map((r) => r.line)).toEqual([1, 2, 4]);
  });
});
