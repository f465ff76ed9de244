// Storefront reads: the product search over `product_search`, and the small lookups around it.
// The only SQL of the search side (README.md explains the index design).
import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { prefixTsQuery, type QueryPlan } from './cjk.js';
import type { Translations } from './catalog.tables.js';

type DbOrTx = Db | Tx;

/** pg_trgm word similarity a fuzzy word needs (one wrong letter in a five-letter word is 0.5). */
export const WORD_SIMILARITY = 0.5;

export type SearchSort = 'relevance' | 'price_asc' | 'price_desc' | 'newest' | 'bestselling' | 'name';

export interface SearchCriteria {
  plan?: QueryPlan | undefined;
  /**
   * Also match words by trigram similarity (typos). Only the fallback pass sets it: on a large
   * catalog `document %> word` costs seconds and adds loose hits, so exact/prefix matching goes first.
   */
  fuzzy?: boolean | undefined;
  categoryId?: string | undefined;
  brandId?: string | undefined;
  /** Against `price_min`, the "from" price a card shows; both bounds inclusive. */
  priceMin?: number | undefined;
  priceMax?: number | undefined;
  /** code → `code:value` list: OR within a code, AND across codes. */
  attributes: Map<string, string[]>;
  inStockOnly: boolean;
}

export interface SummaryRow {
  productId: string;
  slug: string;
  name: Translations;
  status: string;
  brandName: Translations | null;
  priceMin: number;
  priceMax: number;
  inStock: boolean;
  compareAt: number | null;
  /** The first image: key, S3 public base (null: local), rendition widths, original width. */
  image: { key: string; base: string | null; widths: number[]; width: number } | null;
}

/** Price buckets of the facet, in minor units (TWD); the last is open-ended. */
export const PRICE_BUCKETS = [0, 500, 1000, 2000, 5000] as const;

const textArray = (xs: string[]) => sql`ARRAY[${sql.join(xs.map((x) => sql`${x}`), sql`, `)}]::text[]`;

/**
 * The text match: all CJK grams (GIN on cjk_grams), and every Latin word by prefix (GIN on tsv);
 * in the fuzzy pass, a long enough word may also match by typo (GIN trigram).
 */
function textCondition(plan: QueryPlan, fuzzy: boolean): SQL {
  if (plan.empty) return sql`false`;
  const parts: SQL[] = [];
  if (plan.grams.length > 0) parts.push(sql`cjk_grams @> ${textArray(plan.grams)}`);
  for (const w of plan.words) {
    const prefix = sql`tsv @@ to_tsquery('simple', ${prefixTsQuery(w)})`;
    parts.push(fuzzy && w.fuzzy ? sql`(${prefix} OR document %> ${w.word})` : prefix);
  }
  return sql.join(parts, sql` AND `);
}

type Dimension = 'category' | 'brand' | 'price' | 'attributes' | 'stock';

/** The filter conditions, leaving out `except` (a facet is counted without its own filter). */
function filterConditions(c: SearchCriteria, except?: Dimension): SQL[] {
  const out: SQL[] = [];
  if (c.categoryId && except !== 'category') out.push(sql`category_ids @> ARRAY[${c.categoryId}]::uuid[]`);
  if (c.brandId && except !== 'brand') out.push(sql`brand_id = ${c.brandId}`);
  if (except !== 'price') {
    if (c.priceMin !== undefined) out.push(sql`price_min >= ${c.priceMin}`);
    if (c.priceMax !== undefined) out.push(sql`price_min <= ${c.priceMax}`);
  }
  if (except !== 'attributes') for (const values of c.attributes.values()) out.push(sql`attribute_values && ${textArray(values)}`);
  if (c.inStockOnly && except !== 'stock') out.push(sql`in_stock`);
  return out;
}

const and = (xs: SQL[]) => (xs.length ? sql.join(xs, sql` AND `) : sql`true`);

function baseCondition(c: SearchCriteria): SQL {
  return and([sql`visible`, ...(c.plan ? [textCondition(c.plan, c.fuzzy === true)] : [])]);
}

function orderBy(c: SearchCriteria, sort: SearchSort, locale: 'zh-TW' | 'en', t: string): SQL {
  const col = (name: string) => sql.raw(t ? `${t}.${name}` : name);
  const tail = sql`${col('sold_count')} DESC, ${col('product_id')}`;
  switch (sort) {
    case 'relevance':
      return c.plan ? sql`${col('rank')} DESC, ${col('sim')} DESC, ${tail}` : sql`${col('created_at')} DESC, ${col('product_id')}`;
    case 'price_asc':
      return sql`${col('price_min')}, ${tail}`;
    case 'price_desc':
      return sql`${col('price_min')} DESC, ${tail}`;
    case 'newest':
      return sql`${col('created_at')} DESC, ${col('product_id')}`;
    case 'bestselling':
      return tail;
    case 'name':
      return locale === 'en' ? sql`${col('sort_name')}, ${col('product_id')}` : sql`${col('name_zh')}, ${col('product_id')}`;
  }
}

function rankColumns(plan: QueryPlan | undefined, fuzzy: boolean): SQL {
  if (!plan) return sql`0 AS rank, 0::real AS sim`;
  const n = plan.normalized;
  // Similarity is a tiebreak worth computing only for typo matches: on exact/prefix hits it would
  // score every matching row (tens of thousands at 1M products) to order the first 24.
  return sql`CASE WHEN name_zh = ${n} OR name_en = ${n} THEN 3
      WHEN starts_with(name_zh, ${n}) OR starts_with(name_en, ${n}) THEN 2
      WHEN strpos(name_zh, ${n}) > 0 OR strpos(name_en, ${n}) > 0 THEN 1 ELSE 0 END AS rank,
    ${fuzzy ? sql`word_similarity(${n}, document)` : sql`0::real`} AS sim`;
}

/** The page of matching product ids in order, joined to what a product card shows. */
function itemsQuery(c: SearchCriteria, sort: SearchSort, locale: 'zh-TW' | 'en', limit: number, offset: number): SQL {
  return sql`
    SELECT ps.product_id AS "productId", p.slug, p.name, p.status, b.name AS "brandName", ps.price_min AS "priceMin",
      ps.price_max AS "priceMax", ps.in_stock AS "inStock",
      (SELECT v.compare_at_minor FROM variants v WHERE v.product_id = p.id AND v.status = 'active'
        ORDER BY v.price_minor, v.sort_order LIMIT 1) AS "compareAt",
      (SELECT json_build_object('key', i.storage_key, 'base', i.public_base, 'widths', i.widths, 'width', i.width)
        FROM product_images i WHERE i.product_id = p.id ORDER BY i.sort_order, i.created_at LIMIT 1) AS "image"
    FROM (
      SELECT product_id, price_min, price_max, in_stock, sold_count, created_at, name_zh,
        coalesce(nullif(name_en, ''), name_zh) AS sort_name, ${rankColumns(c.plan, c.fuzzy === true)}
      FROM product_search
      WHERE ${and([baseCondition(c), ...filterConditions(c)])}
      ORDER BY ${orderBy(c, sort, locale, '')}
      LIMIT ${limit} OFFSET ${offset}
    ) ps
    JOIN products p ON p.id = ps.product_id
    LEFT JOIN brands b ON b.id = p.brand_id
    ORDER BY ${orderBy(c, sort, locale, 'ps')}`;
}

export interface FacetCounts {
  total: number;
  categories: Array<[string, number]>;
  brands: Array<[string, number]>;
  attributes: Array<[string, number]>;
  prices: Array<[number, number]>;
}

/** Whether the criteria filter on a dimension (its facet is then counted without that filter). */
function filtersOn(c: SearchCriteria, d: Dimension): boolean {
  switch (d) {
    case 'category':
      return c.categoryId !== undefined;
    case 'brand':
      return c.brandId !== undefined;
    case 'price':
      return c.priceMin !== undefined || c.priceMax !== undefined;
    case 'attributes':
      return c.attributes.size > 0;
    case 'stock':
      return c.inStockOnly;
  }
}

/**
 * Total and facet counts. `m` is the result set (visible, text match, every filter), so the total
 * and the facets of unfiltered dimensions cost one pass over it. A facet whose own dimension is
 * filtered is counted over the rows that match every *other* filter (the usual e-commerce rule),
 * in a query of its own; attribute values of a selected code are counted without that code's
 * filter but with the other codes'.
 */
function countsQuery(c: SearchCriteria, facetCategoryIds: string[] | 'all' | 'skip'): SQL {
  const attrFacetCond = [...c.attributes.entries()].map(
    ([code, values]) => sql`(split_part(av, ':', 1) = ${code} OR attribute_values && ${textArray(values)})`,
  );
  const bucket = sql.raw(
    `CASE ${PRICE_BUCKETS.map((b, i) => [b, i] as const)
      .reverse()
      .map(([b, i]) => `WHEN price_min >= ${b} THEN ${i}`)
      .join(' ')} END`,
  );
  const catCond =
    facetCategoryIds === 'all'
      ? sql`true`
      : facetCategoryIds === 'skip' || facetCategoryIds.length === 0
        ? sql`false`
        : sql`k = ANY(ARRAY[${sql.join(facetCategoryIds.map((x) => sql`${x}`), sql`, `)}]::uuid[])`;
  const columns = sql`brand_id, category_ids, attribute_values, price_min, in_stock`;
  const rowsFor = (d: Dimension) =>
    filtersOn(c, d) ? sql`(SELECT ${columns} FROM product_search WHERE ${and([baseCondition(c), ...filterConditions(c, d)])})` : sql`m`;
  const pairs = (inner: SQL) => sql`(SELECT coalesce(json_agg(json_build_array(k, n)), '[]'::json) FROM (${inner}) x)`;
  return sql`
    WITH m AS MATERIALIZED (
      SELECT ${columns} FROM product_search WHERE ${and([baseCondition(c), ...filterConditions(c)])}
    )
    SELECT
      (SELECT count(*) FROM m)::int AS total,
      ${pairs(sql`SELECT k, count(*)::int AS n FROM ${rowsFor('category')} r, unnest(r.category_ids) k
        WHERE ${catCond} GROUP BY k`)} AS categories,
      ${pairs(sql`SELECT brand_id AS k, count(*)::int AS n FROM ${rowsFor('brand')} r
        WHERE brand_id IS NOT NULL GROUP BY brand_id`)} AS brands,
      ${pairs(sql`SELECT av AS k, count(*)::int AS n FROM ${rowsFor('attributes')} r, unnest(r.attribute_values) av
        WHERE ${and(attrFacetCond)} GROUP BY av`)} AS attributes,
      ${pairs(sql`SELECT ${bucket} AS k, count(*)::int AS n FROM ${rowsFor('price')} r GROUP BY 1`)} AS prices`;
}

/** Runs `fn` with the trigram threshold the fuzzy words need (a transaction-local setting). */
async function withTrigramThreshold<T>(db: Db, plan: QueryPlan | undefined, fn: (q: DbOrTx) => Promise<T>): Promise<T> {
  if (!plan?.words.some((w) => w.fuzzy)) return fn(db);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY)}, true)`);
    return fn(tx);
  });
}

export async function searchProducts(
  db: Db,
  input: SearchInput,
): Promise<{ items: SummaryRow[]; counts: FacetCounts | null }> {
  const { criteria } = input;
  if (criteria.plan?.empty) return { items: [], counts: null };
  const exact = await runSearch(db, { ...input, criteria: { ...criteria, fuzzy: false } });
  // Typo matching only when exact and prefix matching finds nothing at all.
  if (exact.items.length > 0 || !criteria.plan?.words.some((w) => w.fuzzy)) return exact;
  if ((exact.counts?.total ?? (await anyMatch(db, criteria))) > 0) return exact;
  return runSearch(db, { ...input, criteria: { ...criteria, fuzzy: true } });
}

/** Whether the non-fuzzy search matches anything (a page past the end is empty but not a miss). */
async function anyMatch(db: Db, c: SearchCriteria): Promise<number> {
  const r = await db.execute<{ n: number } & Record<string, unknown>>(sql`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM product_search
      WHERE ${and([baseCondition({ ...c, fuzzy: false }), ...filterConditions(c)])} LIMIT 1) x`);
  return r.rows[0]?.n ?? 0;
}

export interface SearchInput {
  criteria: SearchCriteria;
  sort: SearchSort;
  locale: 'zh-TW' | 'en';
  limit: number;
  offset: number;
  facetCategoryIds: string[] | null;
  /**
   * Counts over the whole visible catalog (from `catalogWideCounts`, kept per catalog version).
   * Browsing without a query uses them instead of counting a million rows per request: all facets
   * when nothing is filtered, the category facet when only a category is.
   */
  catalogWide?: FacetCounts | undefined;
}

/** Total and facets over every visible product, the category facet for every category. */
export async function catalogWideCounts(db: Db): Promise<FacetCounts> {
  const r = await db.execute<FacetCounts & Record<string, unknown>>(countsQuery({ attributes: new Map(), inStockOnly: false }, 'all'));
  return r.rows[0]!;
}

const onlyCategoryFilter = (c: SearchCriteria) =>
  !c.plan && !filtersOn(c, 'brand') && !filtersOn(c, 'price') && !filtersOn(c, 'attributes') && !filtersOn(c, 'stock');

async function runSearch(db: Db, input: SearchInput): Promise<{ items: SummaryRow[]; counts: FacetCounts | null }> {
  const { criteria: c } = input;
  return withTrigramThreshold(db, c.fuzzy ? c.plan : undefined, async (q) => {
    const items = await q.execute<SummaryRow & Record<string, unknown>>(itemsQuery(c, input.sort, input.locale, input.limit, input.offset));
    const wanted = input.facetCategoryIds;
    if (!wanted) return { items: items.rows, counts: null };
    const wide = input.catalogWide && onlyCategoryFilter(c) ? input.catalogWide : undefined;
    const pick = (all: FacetCounts) => all.categories.filter(([k]) => wanted.includes(k));
    if (wide && !filtersOn(c, 'category')) return { items: items.rows, counts: { ...wide, categories: pick(wide) } };
    const counts = (await q.execute<FacetCounts & Record<string, unknown>>(countsQuery(c, wide ? 'skip' : wanted))).rows[0]!;
    return { items: items.rows, counts: wide ? { ...counts, categories: pick(wide) } : counts };
  });
}

/** The SQL of the page query, for EXPLAIN in tests. */
export function searchItemsSql(c: SearchCriteria, sort: SearchSort): SQL {
  return itemsQuery(c, sort, 'zh-TW', 24, 0);
}

export async function bestsellers(db: Db, limit: number): Promise<SummaryRow[]> {
  const r = await db.execute<SummaryRow & Record<string, unknown>>(
    itemsQuery({ attributes: new Map(), inStockOnly: false }, 'bestselling', 'zh-TW', limit, 0),
  );
  return r.rows;
}

/** Visible products sharing the primary category, best sellers first. */
export async function relatedProducts(db: Db, input: { productId: string; categoryId: string; limit: number }): Promise<SummaryRow[]> {
  const r = await db.execute<SummaryRow & Record<string, unknown>>(sql`
    SELECT * FROM (${itemsQuery({ categoryId: input.categoryId, attributes: new Map(), inStockOnly: false }, 'bestselling', 'zh-TW', input.limit + 1, 0)}) x
    WHERE x."productId" <> ${input.productId}`);
  return r.rows.slice(0, input.limit);
}

// ---------- lookups ----------

export interface CategoryRow {
  id: string;
  parentId: string | null;
  path: string;
  depth: number;
  slug: string;
  name: Translations;
  sortOrder: number;
}

export async function listCategories(db: DbOrTx): Promise<CategoryRow[]> {
  const r = await db.execute<CategoryRow & Record<string, unknown>>(sql`
    SELECT id, parent_id AS "parentId", path, depth, slug, name, sort_order AS "sortOrder"
    FROM categories ORDER BY depth, sort_order, slug`);
  return r.rows;
}

export interface BrandRow {
  id: string;
  slug: string;
  name: Translations;
  logoUrl: string | null;
}

export async function listBrands(db: DbOrTx): Promise<BrandRow[]> {
  const r = await db.execute<BrandRow & Record<string, unknown>>(sql`
    SELECT id, slug, name, logo_url AS "logoUrl" FROM brands ORDER BY slug`);
  return r.rows;
}

export interface AttributeDefinitionRow {
  code: string;
  label: Translations;
  allowedValues: Array<{ value: string; label: Translations }> | null;
}

export async function attributeDefinitionsByCode(db: DbOrTx, codes: string[]): Promise<AttributeDefinitionRow[]> {
  if (codes.length === 0) return [];
  const r = await db.execute<AttributeDefinitionRow & Record<string, unknown>>(sql`
    SELECT DISTINCT ON (code) code, label, allowed_values AS "allowedValues"
    FROM attribute_definitions WHERE code = ANY(${textArray(codes)}) ORDER BY code, sort_order`);
  return r.rows;
}

export interface ProductRow {
  id: string;
  slug: string;
  name: Translations;
  description: Translations | null;
  status: string;
  deletedAt: Date | null;
  brandId: string | null;
  primaryCategoryId: string | null;
  basicAttributes: Record<string, string | number | boolean>;
}

const productColumns = sql`id, slug, name, description, status, deleted_at AS "deletedAt", brand_id AS "brandId",
  primary_category_id AS "primaryCategoryId", basic_attributes AS "basicAttributes"`;

export async function findProductById(db: DbOrTx, id: string): Promise<ProductRow | undefined> {
  const r = await db.execute<ProductRow & Record<string, unknown>>(sql`SELECT ${productColumns} FROM products WHERE id = ${id}`);
  return r.rows[0];
}

export async function findProductBySlug(db: DbOrTx, slug: string): Promise<ProductRow | undefined> {
  const r = await db.execute<ProductRow & Record<string, unknown>>(sql`SELECT ${productColumns} FROM products WHERE slug = ${slug}`);
  return r.rows[0];
}

/** The product a former slug belonged to. */
export async function findProductIdByOldSlug(db: DbOrTx, slug: string): Promise<string | undefined> {
  const r = await db.execute<{ product_id: string }>(sql`SELECT product_id FROM product_slug_history WHERE slug = ${slug}`);
  return r.rows[0]?.product_id;
}

export interface VariantRow {
  id: string;
  sku: string;
  salesAttributes: Record<string, string>;
  priceMinor: number;
  compareAtMinor: number | null;
}

export async function activeVariants(db: DbOrTx, productId: string): Promise<VariantRow[]> {
  const r = await db.execute<VariantRow & Record<string, unknown>>(sql`
    SELECT id, sku, sales_attributes AS "salesAttributes", price_minor AS "priceMinor", compare_at_minor AS "compareAtMinor"
    FROM variants WHERE product_id = ${productId} AND status = 'active' ORDER BY sort_order, created_at`);
  return r.rows;
}

export interface ImageRow {
  id: string;
  variantId: string | null;
  storageKey: string;
  publicBase: string | null;
  widths: number[];
  width: number;
  height: number;
  alt: Translations | null;
}

export async function productImages(db: DbOrTx, productId: string): Promise<ImageRow[]> {
  const r = await db.execute<ImageRow & Record<string, unknown>>(sql`
    SELECT id, variant_id AS "variantId", storage_key AS "storageKey", public_base AS "publicBase", widths, width, height, alt
    FROM product_images WHERE product_id = ${productId} ORDER BY sort_order, created_at`);
  return r.rows;
}

export async function findSearchRow(db: DbOrTx, productId: string): Promise<{ inStock: boolean; priceMin: number; priceMax: number } | undefined> {
  const r = await db.execute<{ inStock: boolean; priceMin: number; priceMax: number }>(sql`
    SELECT in_stock AS "inStock", price_min AS "priceMin", price_max AS "priceMax" FROM product_search WHERE product_id = ${productId}`);
  return r.rows[0];
}
