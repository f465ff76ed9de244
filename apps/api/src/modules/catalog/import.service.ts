// Bulk import of products (the use case): parsed items (import.parse.ts) mapped onto ProductInput,
// validated as a whole, applied all-or-nothing as drafts. The mapping is documented in this module's README.
import { ProductInput } from '@shop/contracts/catalog';
import type { z } from 'zod';
import type { Tx } from '../../db/client.js';
import { authorize } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';
import type { BasicAttributeValue } from './attribute-values.js';
import * as repo from './catalog.repo.js';
import { catalogWrite } from './catalog.write.js';
import type { CatalogDeps, StaffCall } from './catalog.types.js';
import { mappingUniqueErrors, pathIds } from './categories.service.js';
import { effectiveDefinitions, validateProductAttributes } from './product-rules.js';
import type { Attrs, Text } from './import.parse.js';
import {
  fileError,
  fromProductPath,
  ImportItem,
  locate,
  MAX_IMPORT_PRODUCTS,
  splitPath,
  zodIssue,
  type AttrValue,
  type ImportRowError,
  type Issue,
  type ParsedImport,
  type Path,
} from './import.parse.js';
import { insertDraft } from './products.service.js';

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
  return l.brands.find(
    (b) => b.id === ref || b.slug === r || norm(b.name['zh-TW']) === r || (b.name.en !== undefined && norm(b.name.en) === r),
  );
}

type Def = repo.AttributeDefWithDepth;

function findDef(
  defs: readonly Def[],
  entry: { code?: string | undefined; attributeId?: string | number | undefined; attributeName?: string | undefined; key?: string },
): Def | undefined {
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
    const hit = (def.allowedValues ?? []).find(
      (a) => norm(a.value) === v || norm(a.label['zh-TW']) === v || (a.label.en !== undefined && norm(a.label.en) === v),
    );
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

type Entries = Array<{
  code?: string | undefined;
  attributeId?: string | number | undefined;
  attributeName?: string | undefined;
  key?: string;
  value: AttrValue;
}>;
const entriesOf = (a: z.output<typeof Attrs>): Entries =>
  Array.isArray(a) ? a : Object.entries(a).map(([key, value]) => ({ key, value }));
const entryName = (e: Entries[number]) => e.code ?? e.attributeName ?? e.key ?? String(e.attributeId ?? '?');

function mapAttributes(
  defs: readonly Def[],
  entries: Entries,
  base: Path,
  issues: Omit<Issue, 'item'>[],
): Record<string, BasicAttributeValue> {
  const out: Record<string, BasicAttributeValue> = {};
  for (const e of entries) {
    const def = findDef(defs, e);
    if (!def) {
      issues.push({
        path: [...base, entryName(e)],
        code: 'UNKNOWN_ATTRIBUTE',
        params: { attribute: entryName(e) },
        message: `${entryName(e)} is not an attribute of this category.`,
      });
      continue;
    }
    out[def.code] = mapValue(def, e.value);
  }
  return out;
}

/** The zh-TW text of an attribute value. */
const zhText = (v: AttrValue): string => (typeof v === 'object' ? v['zh-TW'] : String(v));
const textOf = (t: z.output<typeof Text>, en: string | undefined) =>
  typeof t === 'string' ? { 'zh-TW': t, ...(en ? { en } : {}) } : { ...t, ...(en ? { en } : {}) };

/** Maps one parsed item onto ProductInput's values, collecting every problem. */
function mapItem(l: Lookup, item: z.output<typeof ImportItem>, index: number, issues: Omit<Issue, 'item'>[]): unknown {
  const catRef = item.category ?? (item.categoryId === undefined ? undefined : String(item.categoryId));
  const catPath: Path = item.category !== undefined ? ['category'] : ['categoryId'];
  const category = catRef === undefined ? undefined : l.categories.find((c) => c.id === catRef || c.slug === norm(catRef));
  if (catRef === undefined)
    issues.push({ path: catPath, code: 'CATEGORY_REQUIRED', params: {}, message: 'Name the category (id or slug).' });
  else if (!category)
    issues.push({
      path: catPath,
      code: 'CATEGORY_NOT_FOUND',
      params: { ref: catRef },
      message: `No category with id or slug "${catRef}".`,
    });
  const defs = category ? (effectiveDefinitions(l.defs.filter((d) => pathIds(category.path).includes(d.categoryId))) as Def[]) : [];

  let basic = entriesOf(item.basicAttributes);
  let brandRef = item.spu.brandId ?? item.spu.brand;
  const brandPath: Path = item.spu.brandId !== undefined ? ['spu', 'brandId'] : ['spu', 'brand'];
  // The JSON format may carry the brand as a basic attribute (品牌); use it when the category has no such attribute.
  const brandAttr = basic.find((e) => !findDef(defs, e) && BRAND_ATTRIBUTE_NAMES.has(norm(entryName(e))));
  let brand: repo.BrandRow | undefined;
  if (brandRef !== undefined && brandRef !== null) {
    brand = findBrand(l, String(brandRef));
    if (!brand && brandAttr) brand = findBrand(l, zhText(brandAttr.value));
    if (!brand)
      issues.push({
        path: brandPath,
        code: 'BRAND_NOT_FOUND',
        params: { ref: String(brandRef) },
        message: `No brand with id, slug or name "${brandRef}".`,
      });
  } else if (brandAttr) {
    brand = findBrand(l, zhText(brandAttr.value));
    brandRef = zhText(brandAttr.value);
    if (!brand)
      issues.push({
        path: ['basicAttributes', entryName(brandAttr)],
        code: 'BRAND_NOT_FOUND',
        params: { ref: zhText(brandAttr.value) },
        message: `No brand named "${zhText(brandAttr.value)}".`,
      });
  }
  if (brandAttr && (brand || brandRef !== undefined)) basic = basic.filter((e) => e !== brandAttr);

  const basicAttributes = category
    ? mapAttributes(
        defs.filter((d) => d.kind === 'basic'),
        basic,
        ['basicAttributes'],
        issues,
      )
    : {};
  const salesDefs = defs.filter((d) => d.kind === 'sales');
  const variants = item.skus.map((s, j) => {
    const price = s.priceMinor ?? s.price;
    const notWhole = { code: 'PRICE_NOT_WHOLE', params: {}, message: 'Prices are in whole New Taiwan dollars.' };
    if (price === undefined)
      issues.push({ path: ['skus', j, 'price'], code: 'PRICE_REQUIRED', params: {}, message: 'A price is required.' });
    else if (!Number.isInteger(price)) issues.push({ path: ['skus', j, 'price'], ...notWhole });
    if (s.compareAtPrice != null && !Number.isInteger(s.compareAtPrice)) issues.push({ path: ['skus', j, 'compareAtPrice'], ...notWhole });
    return {
      sku: s.skuCode ?? s.sku ?? `P${index + 1}-${j + 1}-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
      salesAttributes: category
        ? (mapAttributes(salesDefs, entriesOf(s.salesAttributes), ['skus', j, 'salesAttributes'], issues) as Record<string, string>)
        : {},
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
  if (parsed.items.length > MAX_IMPORT_PRODUCTS)
    errors.push(fileError(0, '', 'TOO_MANY_PRODUCTS', `At most ${MAX_IMPORT_PRODUCTS} products per import.`, { max: MAX_IMPORT_PRODUCTS }));
  if (errors.length) throw invalid(errors);

  const lookup: Lookup = {
    categories: await repo.listCategories(tx),
    brands: await repo.listBrands(tx),
    defs: await repo.listAllAttributeDefs(tx),
  };
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
      issues.push({
        item,
        path: fromProductPath(path),
        code: f.code,
        params: { attribute: String(path.at(-1) ?? '') },
        message: f.message,
      });
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
        issues.push({
          item,
          path: ['skus', j, 'skuCode'],
          code: 'SKU_DUPLICATE_IN_FILE',
          params: { sku: variant.sku, row },
          message: `SKU ${variant.sku} is also in row ${row}.`,
        });
      } else seen.set(key, item);
    }),
  );
  const allSkus = values.flatMap((v) => v?.variants.map((x) => x.sku) ?? []);
  const taken = new Set(await repo.skusTakenElsewhere(tx, allSkus, null));
  values.forEach((v, item) =>
    v?.variants.forEach((variant, j) => {
      if (taken.has(variant.sku))
        issues.push({
          item,
          path: ['skus', j, 'skuCode'],
          code: 'SKU_TAKEN',
          params: { sku: variant.sku },
          message: `SKU ${variant.sku} already exists.`,
        });
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
  return mappingUniqueErrors(() =>
    catalogWrite(deps, (tx) => importParsed(tx, { actorId: input.actor?.userId ?? null, parsed: input.parsed })),
  );
}
