// Bulk import of products: the JSON import shape (`spu`, `basicAttributes`, `skus`) or CSV, validated as a whole,
// applied all-or-nothing as drafts. The mapping is documented in this module's README.
import { ProductInput } from '@shop/contracts/catalog';
import { z } from 'zod';
import type { Tx } from '../../db/client.js';
import { authorize } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';
import type { BasicAttributeValue } from './attribute-values.js';
import * as repo from './catalog.repo.js';
import { catalogWrite } from './catalog.write.js';
import type { CatalogDeps, StaffCall } from './catalog.types.js';
import { mappingUniqueErrors, pathIds } from './categories.service.js';
import { effectiveDefinitions, validateProductAttributes } from './product-rules.js';
import { insertDraft } from './products.service.js';

const Scalar = z.union([z.string(), z.number(), z.boolean()]);
const Text = z.union([z.string(), z.object({ 'zh-TW': z.string(), en: z.string().optional() })]);
/** An attribute value: text attributes may come in both languages (`{ "zh-TW": "棉", "en": "Cotton" }`). */
const AttrValue = z.union([Scalar, z.object({ 'zh-TW': z.string(), en: z.string().optional() })]);
type AttrValue = z.output<typeof AttrValue>;
const AttrEntry = z.object({
  attributeId: z.union([z.string(), z.number()]).optional(),
  attributeName: z.string().optional(),
  code: z.string().optional(),
  value: AttrValue,
});
const Attrs = z.union([z.array(AttrEntry), z.record(z.string(), AttrValue)]).default([]);
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

type Path = Array<string | number>;
interface Issue {
  item: number;
  path: Path;
  code: string;
  params: IssueParams;
  message: string;
}

const fileError = (row: number, path: string, code: string, message: string, params: IssueParams = {}): ImportRowError => ({ row, path, code, params, message });

/** A Zod issue as an import problem: its code upper-cased, and the bound or expected type it names. */
function zodIssue(i: z.core.$ZodIssue): { code: string; params: IssueParams; message: string } {
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
  const items = Array.isArray(body) ? body : body && typeof body === 'object' && Array.isArray((body as { products?: unknown }).products) ? (body as { products: unknown[] }).products : undefined;
  if (!items) return { format: 'json', items: [], origins: [], fileErrors: [fileError(0, '', 'NOT_A_PRODUCT_LIST', 'Send a JSON array of products (or { "products": [...] }).')] };
  return { format: 'json', items, origins: items.map((_, i) => ({ row: i + 1, skuRows: [] })), fileErrors: [] };
}

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

const PRODUCT_COLUMNS = ['product', 'category', 'name_zh', 'name_en', 'description_zh', 'description_en', 'brand', 'type', 'slug'] as const;
const SKU_COLUMNS = ['sku', 'price', 'compare_at_price', 'weight_grams', 'status'] as const;

/**
 * A CSV body: one row per SKU, product columns repeated (or left empty after a product's first
 * row). Rows with the same `product` key (default: `name_zh`) form one product.
 */
export function parseCsvImport(text: string): ParsedImport {
  const parsed = parseCsv(text);
  const fileErrors: ImportRowError[] = [];
  if (parsed.error) return { format: 'csv', items: [], origins: [], fileErrors: [fileError(0, '', 'CSV_UNCLOSED_QUOTE', parsed.error.message, { line: parsed.error.line })] };
  const [header, ...data] = parsed.rows;
  if (!header) return { format: 'csv', items: [], origins: [], fileErrors: [fileError(1, '', 'FILE_EMPTY', 'The file is empty.')] };
  const cols = header.cells.map((c) => c.trim());
  cols.forEach((c) => {
    const known = (PRODUCT_COLUMNS as readonly string[]).includes(c) || (SKU_COLUMNS as readonly string[]).includes(c) || /^(basic|sales)\..+/.test(c);
    if (!known) fileErrors.push(fileError(header.line, c, 'CSV_UNKNOWN_COLUMN', `Unknown column "${c}".`, { column: c }));
  });
  for (const required of ['category', 'name_zh', 'price']) {
    if (!cols.includes(required)) fileErrors.push(fileError(header.line, required, 'CSV_MISSING_COLUMN', `The column "${required}" is missing.`, { column: required }));
  }
  if (fileErrors.length) return { format: 'csv', items: [], origins: [], fileErrors };

  const groups = new Map<string, { first: { line: number; get: (c: string) => string }; rows: Array<{ line: number; get: (c: string) => string }> }>();
  for (const r of data) {
    if (r.cells.length !== cols.length) {
      fileErrors.push(fileError(r.line, '', 'CSV_CELL_COUNT', `Expected ${cols.length} cells, found ${r.cells.length}.`, { expected: cols.length, found: r.cells.length }));
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
        fileErrors.push(fileError(r.line, c, 'CSV_DIFFERS_FROM_FIRST_ROW', `Differs from the product's first row (line ${g.first.line}).`, { line: g.first.line }));
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

function locate(parsed: ParsedImport, issue: Issue): ImportRowError {
  const origin = parsed.origins[issue.item]!;
  const p = issue.path;
  const { code, params, message } = issue;
  if (parsed.format === 'json') return { row: origin.row, path: p.join('.'), code, params, message };
  if (p[0] === 'skus' && typeof p[1] === 'number') {
    const rest = p.slice(2);
    const col = rest[0] === 'salesAttributes' && rest[1] !== undefined ? `sales.${rest[1]}` : (CSV_COLUMNS[rest.join('.')] ?? rest.join('.'));
    return { row: origin.skuRows[p[1]] ?? origin.row, path: col, code, params, message };
  }
  const col = p[0] === 'basicAttributes' && p[1] !== undefined ? `basic.${p[1]}` : (CSV_COLUMNS[p.join('.')] ?? p.join('.'));
  return { row: origin.row, path: col, code, params, message };
}

/** ProductInput paths (and attribute rules' `body.` paths) back in the import's own terms. */
function fromProductPath(path: Path): Path {
  const p = path[0] === 'body' ? path.slice(1) : path;
  const top: Record<string, Path> = { name: ['spu', 'name'], description: ['spu', 'description'], slug: ['spu', 'slug'], brandId: ['spu', 'brandId'], primaryCategoryId: ['categoryId'] };
  if (p[0] === 'variants' && typeof p[1] === 'number') {
    const field: Record<string, string> = { sku: 'skuCode', priceMinor: 'price', compareAtMinor: 'compareAtPrice', weightGrams: 'weightGrams', status: 'status' };
    const f = String(p[2] ?? '');
    return ['skus', p[1], ...(field[f] ? [field[f]] : p.slice(2))];
  }
  return top[String(p[0])] ? [...top[String(p[0])]!, ...p.slice(1)] : p;
}

const splitPath = (s: string): Path => s.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x));

// ---------- mapping onto ProductInput ----------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();
const BRAND_ATTRIBUTE_NAMES = new Set(['品牌', 'brand']);

interface Lookup {
  categories: repo.CategoryRow[];
  brands: repo.BrandRow[];
  defs: repo.AttributeDefWithDepth[];
}

function findBrand(l: Lookup, ref: string): repo.BrandRow | undefined {
  const r = norm(ref);
  return l.brands.find((b) => b.id === ref || b.slug === r || norm(b.name['zh-TW']) === r || (b.name.en !== undefined && norm(b.name.en) === r));
}

type Def = repo.AttributeDefWithDepth;

function findDef(defs: readonly Def[], entry: { code?: string | undefined; attributeId?: string | number | undefined; attributeName?: string | undefined; key?: string }): Def | undefined {
  const byCode = (c: string) => defs.find((d) => d.code === c || d.code === norm(c));
  if (entry.code) return byCode(entry.code);
  if (entry.attributeId !== undefined && UUID.test(String(entry.attributeId))) {
    const d = defs.find((x) => x.id === String(entry.attributeId));
    if (d) return d;
  }
  const name = entry.attributeName ?? entry.key;
  if (!name) return undefined;
  const n = norm(name);
  return byCode(name) ?? defs.find((d) => norm(d.label['zh-TW']) === n || (d.label.en !== undefined && norm(d.label.en) === n));
}

/**
 * The stored value for an attribute: enum values by value or either label; numbers and booleans
 * from text; text in both languages kept as such for basic text attributes (else its zh-TW text).
 */
function mapValue(def: Def, given: AttrValue): BasicAttributeValue {
  if (typeof given === 'object') {
    if (def.kind === 'basic' && def.type === 'text') return given.en ? { 'zh-TW': given['zh-TW'], en: given.en } : given['zh-TW'];
    given = given['zh-TW'];
  }
  const value = given;
  if (def.type === 'enum') {
    const v = norm(String(value));
    const hit = (def.allowedValues ?? []).find((a) => norm(a.value) === v || norm(a.label['zh-TW']) === v || (a.label.en !== undefined && norm(a.label.en) === v));
    return hit ? hit.value : String(value);
  }
  if (def.kind === 'sales') return String(value);
  if (def.type === 'number' && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (def.type === 'boolean' && typeof value === 'string') {
    const v = norm(value);
    if (['true', 'yes', '是', '1'].includes(v)) return true;
    if (['false', 'no', '否', '0'].includes(v)) return false;
  }
  return value;
}

type Entries = Array<{ code?: string | undefined; attributeId?: string | number | undefined; attributeName?: string | undefined; key?: string; value: AttrValue }>;
const entriesOf = (a: z.output<typeof Attrs>): Entries => (Array.isArray(a) ? a : Object.entries(a).map(([key, value]) => ({ key, value })));
const entryName = (e: Entries[number]) => e.code ?? e.attributeName ?? e.key ?? String(e.attributeId ?? '?');

function mapAttributes(defs: readonly Def[], entries: Entries, base: Path, issues: Omit<Issue, 'item'>[]): Record<string, BasicAttributeValue> {
  const out: Record<string, BasicAttributeValue> = {};
  for (const e of entries) {
    const def = findDef(defs, e);
    if (!def) {
      issues.push({ path: [...base, entryName(e)], code: 'UNKNOWN_ATTRIBUTE', params: { attribute: entryName(e) }, message: `${entryName(e)} is not an attribute of this category.` });
      continue;
    }
    out[def.code] = mapValue(def, e.value);
  }
  return out;
}

/** The zh-TW text of an attribute value. */
const zhText = (v: AttrValue): string => (typeof v === 'object' ? v['zh-TW'] : String(v));
const textOf = (t: z.output<typeof Text>, en: string | undefined) => (typeof t === 'string' ? { 'zh-TW': t, ...(en ? { en } : {}) } : { ...t, ...(en ? { en } : {}) });

/** Maps one parsed item onto ProductInput's values, collecting every problem. */
function mapItem(l: Lookup, item: z.output<typeof ImportItem>, index: number, issues: Omit<Issue, 'item'>[]): unknown {
  const catRef = item.category ?? (item.categoryId === undefined ? undefined : String(item.categoryId));
  const catPath: Path = item.category !== undefined ? ['category'] : ['categoryId'];
  const category = catRef === undefined ? undefined : l.categories.find((c) => c.id === catRef || c.slug === norm(catRef));
  if (catRef === undefined) issues.push({ path: catPath, code: 'CATEGORY_REQUIRED', params: {}, message: 'Name the category (id or slug).' });
  else if (!category) issues.push({ path: catPath, code: 'CATEGORY_NOT_FOUND', params: { ref: catRef }, message: `No category with id or slug "${catRef}".` });
  const defs = category ? effectiveDefinitions(l.defs.filter((d) => pathIds(category.path).includes(d.categoryId))) as Def[] : [];

  let basic = entriesOf(item.basicAttributes);
  let brandRef = item.spu.brandId ?? item.spu.brand;
  const brandPath: Path = item.spu.brandId !== undefined ? ['spu', 'brandId'] : ['spu', 'brand'];
  // The JSON format may carry the brand as a basic attribute (品牌); use it when the category has no such attribute.
  const brandAttr = basic.find((e) => !findDef(defs, e) && BRAND_ATTRIBUTE_NAMES.has(norm(entryName(e))));
  let brand: repo.BrandRow | undefined;
  if (brandRef !== undefined && brandRef !== null) {
    brand = findBrand(l, String(brandRef));
    if (!brand && brandAttr) brand = findBrand(l, zhText(brandAttr.value));
    if (!brand) issues.push({ path: brandPath, code: 'BRAND_NOT_FOUND', params: { ref: String(brandRef) }, message: `No brand with id, slug or name "${brandRef}".` });
  } else if (brandAttr) {
    brand = findBrand(l, zhText(brandAttr.value));
    brandRef = zhText(brandAttr.value);
    if (!brand) issues.push({ path: ['basicAttributes', entryName(brandAttr)], code: 'BRAND_NOT_FOUND', params: { ref: zhText(brandAttr.value) }, message: `No brand named "${zhText(brandAttr.value)}".` });
  }
  if (brandAttr && (brand || brandRef !== undefined)) basic = basic.filter((e) => e !== brandAttr);

  const basicAttributes = category ? mapAttributes(defs.filter((d) => d.kind === 'basic'), basic, ['basicAttributes'], issues) : {};
  const salesDefs = defs.filter((d) => d.kind === 'sales');
  const variants = item.skus.map((s, j) => {
    const price = s.priceMinor ?? s.price;
    const notWhole = { code: 'PRICE_NOT_WHOLE', params: {}, message: 'Prices are in whole New Taiwan dollars.' };
    if (price === undefined) issues.push({ path: ['skus', j, 'price'], code: 'PRICE_REQUIRED', params: {}, message: 'A price is required.' });
    else if (!Number.isInteger(price)) issues.push({ path: ['skus', j, 'price'], ...notWhole });
    if (s.compareAtPrice != null && !Number.isInteger(s.compareAtPrice)) issues.push({ path: ['skus', j, 'compareAtPrice'], ...notWhole });
    return {
      sku: s.skuCode ?? s.sku ?? `P${index + 1}-${j + 1}-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
      salesAttributes: category ? (mapAttributes(salesDefs, entriesOf(s.salesAttributes), ['skus', j, 'salesAttributes'], issues) as Record<string, string>) : {},
      priceMinor: price ?? 0,
      compareAtMinor: s.compareAtPrice ?? null,
      status: s.status ?? 'active',
      weightGrams: s.weightGrams ?? null,
    };
  });
  return {
    name: textOf(item.spu.name, item.spu.nameEn),
    ...(item.spu.description !== undefined ? { description: textOf(item.spu.description, item.spu.descriptionEn) } : {}),
    ...(item.spu.slug ? { slug: item.spu.slug } : {}),
    brandId: brand?.id ?? null,
    primaryCategoryId: category?.id ?? '00000000-0000-4000-8000-000000000000',
    type: item.type ?? item.spu.type ?? 'physical',
    basicAttributes,
    variants,
  };
}

export interface ImportedProduct {
  row: number;
  id: string;
  slug: string;
  skus: string[];
}

/**
 * Validates every item (shape, category/brand/attribute references, attribute rules, SKUs unique
 * in the file and not taken in the database) and then creates all as drafts, in the caller's
 * transaction; or throws 400 IMPORT_INVALID with `errors: [{ row, path, message }]` having created nothing.
 * No access check: `importProducts` does that for staff, the demo seed is trusted.
 */
export async function importParsed(tx: Tx, input: { actorId: string | null; parsed: ParsedImport }): Promise<ImportedProduct[]> {
  const { parsed } = input;
  const errors: ImportRowError[] = [...parsed.fileErrors];
  if (parsed.items.length === 0 && errors.length === 0) errors.push(fileError(0, '', 'NO_PRODUCTS', 'The file has no products.'));
  if (parsed.items.length > MAX_IMPORT_PRODUCTS) errors.push(fileError(0, '', 'TOO_MANY_PRODUCTS', `At most ${MAX_IMPORT_PRODUCTS} products per import.`, { max: MAX_IMPORT_PRODUCTS }));
  if (errors.length) throw invalid(errors);

  const lookup: Lookup = { categories: await repo.listCategories(tx), brands: await repo.listBrands(tx), defs: await repo.listAllAttributeDefs(tx) };
  const issues: Issue[] = [];
  const values: Array<z.output<typeof ProductInput> | undefined> = parsed.items.map((raw, item) => {
    const shape = ImportItem.safeParse(raw);
    if (!shape.success) {
      for (const i of shape.error.issues) issues.push({ item, path: i.path as Path, ...zodIssue(i) });
      return undefined;
    }
    const own: Omit<Issue, 'item'>[] = [];
    const mapped = mapItem(lookup, shape.data, item, own);
    issues.push(...own.map((i) => ({ ...i, item })));
    const product = ProductInput.safeParse(mapped);
    if (!product.success) {
      for (const i of product.error.issues) issues.push({ item, path: fromProductPath(i.path as Path), ...zodIssue(i) });
      return undefined;
    }
    if (own.length) return undefined;
    const category = lookup.categories.find((c) => c.id === product.data.primaryCategoryId)!;
    const defs = lookup.defs.filter((d) => pathIds(category.path).includes(d.categoryId));
    for (const f of validateProductAttributes(defs, product.data)) {
      const path = splitPath(f.path);
      issues.push({ item, path: fromProductPath(path), code: f.code, params: { attribute: String(path.at(-1) ?? '') }, message: f.message });
    }
    return product.data;
  });

  // SKUs: unique across the file (case-insensitive, as within a product) and not taken in the database.
  const seen = new Map<string, number>();
  values.forEach((v, item) =>
    v?.variants.forEach((variant, j) => {
      const key = variant.sku.toLowerCase();
      const other = seen.get(key);
      if (other !== undefined && other !== item) {
        const row = parsed.origins[other]!.row;
        issues.push({ item, path: ['skus', j, 'skuCode'], code: 'SKU_DUPLICATE_IN_FILE', params: { sku: variant.sku, row }, message: `SKU ${variant.sku} is also in row ${row}.` });
      }
      else seen.set(key, item);
    }),
  );
  const allSkus = values.flatMap((v) => v?.variants.map((x) => x.sku) ?? []);
  const taken = new Set(await repo.skusTakenElsewhere(tx, allSkus, null));
  values.forEach((v, item) =>
    v?.variants.forEach((variant, j) => {
      if (taken.has(variant.sku)) issues.push({ item, path: ['skus', j, 'skuCode'], code: 'SKU_TAKEN', params: { sku: variant.sku }, message: `SKU ${variant.sku} already exists.` });
    }),
  );

  if (issues.length) throw invalid(issues.map((i) => locate(parsed, i)));
  const out: ImportedProduct[] = [];
  for (const [item, v] of values.entries()) {
    const view = await insertDraft(tx, { actorId: input.actorId, values: v!, operation: 'import' });
    out.push({ row: parsed.origins[item]!.row, id: view.id, slug: view.slug, skus: view.variants.map((x) => x.sku) });
  }
  return out;
}

function invalid(errors: ImportRowError[]): AppError {
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  const rows = new Set(sorted.map((e) => e.row)).size;
  return new AppError('IMPORT_INVALID', 400, `${sorted.length} problem(s) in ${rows} row(s); nothing was imported.`, { errors: sorted });
}

/**
 * `POST /api/admin/products/import`: staff with `create` on products import a JSON array or CSV,
 * all products as drafts in one transaction (each logged as `import`, indexed), or none.
 */
export async function importProducts(deps: CatalogDeps, input: StaffCall & { parsed: ParsedImport }): Promise<ImportedProduct[]> {
  await authorize(deps.db, { ...input, action: 'create', resource: { type: 'product' } });
  return mappingUniqueErrors(() => catalogWrite(deps, (tx) => importParsed(tx, { actorId: input.actor?.userId ?? null, parsed: input.parsed })));
}
