// Reading an import file, pure: the JSON import shape (`spu`, `basicAttributes`, `skus`) or CSV
// parsed into items with their rows of origin, and problems located in the file's own terms (row,
// column or JSON path). No database: `import.service.ts` maps the items onto products and imports them.
import { z } from 'zod';
import { parseCsv } from '../../platform/csv.js';

const Scalar = z.union([z.string(), z.number(), z.boolean()]);
export const Text = z.union([z.string(), z.object({ 'zh-TW': z.string(), en: z.string().optional() })]);
/** An attribute value: text attributes may come in both languages (`{ "zh-TW": "棉", "en": "Cotton" }`). */
export const AttrValue = z.union([Scalar, z.object({ 'zh-TW': z.string(), en: z.string().optional() })]);
export type AttrValue = z.output<typeof AttrValue>;
const AttrEntry = z.object({
  attributeId: z.union([z.string(), z.number()]).optional(),
  attributeName: z.string().optional(),
  code: z.string().optional(),
  value: AttrValue,
});
export const Attrs = z.union([z.array(AttrEntry), z.record(z.string(), AttrValue)]).default([]);
const Id = z.union([z.string(), z.number()]);

/** One product in the JSON import format (extra keys ignored). */
export const ImportItem = z.object({
  categoryId: Id.optional(),
  category: z.string().optional(),
  type: z.enum(['physical', 'virtual']).optional(),
  spu: z.object({
    name: Text,
    nameEn: z.string().optional(),
    description: Text.optional(),
    descriptionEn: z.string().optional(),
    brandId: Id.nullable().optional(),
    brand: z.string().optional(),
    slug: z.string().optional(),
    type: z.enum(['physical', 'virtual']).optional(),
  }),
  basicAttributes: Attrs,
  skus: z
    .array(
      z.object({
        skuCode: z.string().optional(),
        sku: z.string().optional(),
        skuName: z.string().optional(),
        price: z.number().nonnegative().optional(),
        priceMinor: z.number().int().nonnegative().optional(),
        compareAtPrice: z.number().nonnegative().nullable().optional(),
        weightGrams: z.number().int().nonnegative().nullable().optional(),
        status: z.enum(['active', 'inactive']).optional(),
        stock: z.number().optional(),
        salesAttributes: Attrs,
      }),
    )
    .min(1),
});
export type ImportItem = z.input<typeof ImportItem>;

export const MAX_IMPORT_PRODUCTS = 2000;

/** Values filling an import problem's copy (`{ column: 'price' }`). */
export type IssueParams = Record<string, string | number>;

/**
 * One problem of an import file. `code` (upper-snake, stable) and `params` are for clients to word
 * it in their language; `message` is the same in English.
 */
export interface ImportRowError {
  row: number;
  path: string;
  code: string;
  params: IssueParams;
  message: string;
}

export type Path = Array<string | number>;
export interface Issue {
  item: number;
  path: Path;
  code: string;
  params: IssueParams;
  message: string;
}

export const fileError = (row: number, path: string, code: string, message: string, params: IssueParams = {}): ImportRowError => ({
  row,
  path,
  code,
  params,
  message,
});

/** A Zod issue as an import problem: its code upper-cased, and the bound or expected type it names. */
export function zodIssue(i: z.core.$ZodIssue): { code: string; params: IssueParams; message: string } {
  const params: IssueParams = {};
  for (const key of ['expected', 'minimum', 'maximum', 'format'] as const) {
    const v = (i as unknown as Record<string, unknown>)[key];
    if (typeof v === 'string' || typeof v === 'number') params[key] = v;
    else if (typeof v === 'bigint') params[key] = Number(v);
  }
  return { code: i.code.toUpperCase(), params, message: i.message };
}

/** Where each item came from: its row (JSON: item number; CSV: line of its first row) and each SKU's row. */
export interface ItemOrigin {
  row: number;
  skuRows: number[];
}

export interface ParsedImport {
  format: 'json' | 'csv';
  items: unknown[];
  origins: ItemOrigin[];
  /** Problems found while reading the file itself (CSV syntax, unknown columns). */
  fileErrors: ImportRowError[];
}

// ---------- reading the file ----------

/** A JSON body: an array of products, or `{ products: [...] }`. */
export function parseJsonImport(body: unknown): ParsedImport {
  const items = Array.isArray(body)
    ? body
    : body && typeof body === 'object' && Array.isArray((body as { products?: unknown }).products)
      ? (body as { products: unknown[] }).products
      : undefined;
  if (!items)
    return {
      format: 'json',
      items: [],
      origins: [],
      fileErrors: [fileError(0, '', 'NOT_A_PRODUCT_LIST', 'Send a JSON array of products (or { "products": [...] }).')],
    };
  return { format: 'json', items, origins: items.map((_, i) => ({ row: i + 1, skuRows: [] })), fileErrors: [] };
}

const PRODUCT_COLUMNS = ['product', 'category', 'name_zh', 'name_en', 'description_zh', 'description_en', 'brand', 'type', 'slug'] as const;
const SKU_COLUMNS = ['sku', 'price', 'compare_at_price', 'weight_grams', 'status'] as const;

/**
 * A CSV body: one row per SKU, product columns repeated (or left empty after a product's first
 * row). Rows with the same `product` key (default: `name_zh`) form one product.
 */
export function parseCsvImport(text: string): ParsedImport {
  const parsed = parseCsv(text);
  const fileErrors: ImportRowError[] = [];
  if (parsed.error)
    return {
      format: 'csv',
      items: [],
      origins: [],
      fileErrors: [fileError(0, '', 'CSV_UNCLOSED_QUOTE', parsed.error.message, { line: parsed.error.line })],
    };
  const [header, ...data] = parsed.rows;
  if (!header) return { format: 'csv', items: [], origins: [], fileErrors: [fileError(1, '', 'FILE_EMPTY', 'The file is empty.')] };
  const cols = header.cells.map((c) => c.trim());
  cols.forEach((c) => {
    const known =
      (PRODUCT_COLUMNS as readonly string[]).includes(c) || (SKU_COLUMNS as readonly string[]).includes(c) || /^(basic|sales)\..+/.test(c);
    if (!known) fileErrors.push(fileError(header.line, c, 'CSV_UNKNOWN_COLUMN', `Unknown column "${c}".`, { column: c }));
  });
  for (const required of ['category', 'name_zh', 'price']) {
    if (!cols.includes(required))
      fileErrors.push(fileError(header.line, required, 'CSV_MISSING_COLUMN', `The column "${required}" is missing.`, { column: required }));
  }
  if (fileErrors.length) return { format: 'csv', items: [], origins: [], fileErrors };

  const groups = new Map<
    string,
    { first: { line: number; get: (c: string) => string }; rows: Array<{ line: number; get: (c: string) => string }> }
  >();
  for (const r of data) {
    if (r.cells.length !== cols.length) {
      fileErrors.push(
        fileError(r.line, '', 'CSV_CELL_COUNT', `Expected ${cols.length} cells, found ${r.cells.length}.`, {
          expected: cols.length,
          found: r.cells.length,
        }),
      );
    }
    const get = (c: string) => (r.cells[cols.indexOf(c)] ?? '').trim();
    const key = get('product') || get('name_zh');
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { first: { line: r.line, get }, rows: [{ line: r.line, get }] });
      continue;
    }
    for (const c of cols.filter((x) => (PRODUCT_COLUMNS as readonly string[]).includes(x) || x.startsWith('basic.'))) {
      if (get(c) !== '' && get(c) !== g.first.get(c)) {
        fileErrors.push(
          fileError(r.line, c, 'CSV_DIFFERS_FROM_FIRST_ROW', `Differs from the product's first row (line ${g.first.line}).`, {
            line: g.first.line,
          }),
        );
      }
    }
    g.rows.push({ line: r.line, get });
  }

  const items: unknown[] = [];
  const origins: ItemOrigin[] = [];
  // Numbers as spreadsheets write them: `1200`, `1,200` (thousands separators) and `1,200.50` all read.
  const num = (s: string) => {
    if (s === '') return undefined;
    const plain = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? s.replaceAll(',', '') : s;
    return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : s;
  };
  for (const { first, rows } of groups.values()) {
    // `basic.material.en` is the English text of `basic.material`.
    const attrs = (prefix: string, get: (c: string) => string) => {
      const out: Record<string, string | { 'zh-TW': string; en: string }> = {};
      for (const c of cols.filter((x) => x.startsWith(prefix) && !/\.en$/.test(x.slice(prefix.length)) && get(x) !== '')) {
        const en = prefix === 'basic.' && cols.includes(`${c}.en`) ? get(`${c}.en`) : '';
        out[c.slice(prefix.length)] = en ? { 'zh-TW': get(c), en } : get(c);
      }
      return out;
    };
    const opt = (s: string) => (s === '' ? undefined : s);
    items.push({
      category: opt(first.get('category')),
      type: opt(first.get('type')),
      spu: {
        name: first.get('name_zh'),
        nameEn: opt(first.get('name_en')),
        description: opt(first.get('description_zh')),
        descriptionEn: opt(first.get('description_en')),
        brand: opt(first.get('brand')),
        slug: opt(first.get('slug')),
      },
      basicAttributes: attrs('basic.', first.get),
      skus: rows.map((r) => ({
        skuCode: opt(r.get('sku')),
        price: num(r.get('price')),
        compareAtPrice: num(r.get('compare_at_price')),
        weightGrams: num(r.get('weight_grams')),
        status: opt(r.get('status')),
        salesAttributes: attrs('sales.', r.get),
      })),
    });
    origins.push({ row: first.line, skuRows: rows.map((r) => r.line) });
  }
  return { format: 'csv', items, origins, fileErrors };
}

// ---------- locating problems ----------

const CSV_COLUMNS: Record<string, string> = {
  categoryId: 'category',
  category: 'category',
  type: 'type',
  'spu.name': 'name_zh',
  'spu.nameEn': 'name_en',
  'spu.description': 'description_zh',
  'spu.descriptionEn': 'description_en',
  'spu.brandId': 'brand',
  'spu.brand': 'brand',
  'spu.slug': 'slug',
  skuCode: 'sku',
  price: 'price',
  compareAtPrice: 'compare_at_price',
  weightGrams: 'weight_grams',
  status: 'status',
};

export function locate(parsed: ParsedImport, issue: Issue): ImportRowError {
  const origin = parsed.origins[issue.item]!;
  const p = issue.path;
  const { code, params, message } = issue;
  if (parsed.format === 'json') return { row: origin.row, path: p.join('.'), code, params, message };
  if (p[0] === 'skus' && typeof p[1] === 'number') {
    const rest = p.slice(2);
    const col =
      rest[0] === 'salesAttributes' && rest[1] !== undefined ? `sales.${rest[1]}` : (CSV_COLUMNS[rest.join('.')] ?? rest.join('.'));
    return { row: origin.skuRows[p[1]] ?? origin.row, path: col, code, params, message };
  }
  const col = p[0] === 'basicAttributes' && p[1] !== undefined ? `basic.${p[1]}` : (CSV_COLUMNS[p.join('.')] ?? p.join('.'));
  return { row: origin.row, path: col, code, params, message };
}

/** ProductInput paths (and attribute rules' `body.` paths) back in the import's own terms. */
export function fromProductPath(path: Path): Path {
  const p = path[0] === 'body' ? path.slice(1) : path;
  const top: Record<string, Path> = {
    name: ['spu', 'name'],
    description: ['spu', 'description'],
    slug: ['spu', 'slug'],
    brandId: ['spu', 'brandId'],
    primaryCategoryId: ['categoryId'],
  };
  if (p[0] === 'variants' && typeof p[1] === 'number') {
    const field: Record<string, string> = {
      sku: 'skuCode',
      priceMinor: 'price',
      compareAtMinor: 'compareAtPrice',
      weightGrams: 'weightGrams',
      status: 'status',
    };
    const f = String(p[2] ?? '');
    return ['skus', p[1], ...(field[f] ? [field[f]] : p.slice(2))];
  }
  return top[String(p[0])] ? [...top[String(p[0])]!, ...p.slice(1)] : p;
}

export const splitPath = (s: string): Path => s.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x));
