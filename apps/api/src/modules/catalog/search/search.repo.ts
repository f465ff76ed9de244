// The product search over `product_search`: filters, sorts, facet counts, the window of a text
// search over the postings, browsing a category. Term lookups and corrections are in
// search.terms.ts, the storefront's small lookups in storefront.repo.ts (README.md explains the design).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { arrayParam, executePrepared } from '../../../db/pg.js';
import { prefixTsQuery, type QueryPlan } from './cjk.js';
import { int, termGroups, type TermGroup } from './search.terms.js';
import type { Dimension, SearchCriteria, SearchSort } from './search.types.js';

export type { Dimension, SearchCriteria, SearchSort } from './search.types.js';

/** A page of product cards: the JSON text of a `ProductSummary[]` (stored per locale, `highlight` null). */
export type CardsJson = string;

/** Price buckets of the facet, in minor units (TWD); the last is open-ended. */
export const PRICE_BUCKETS = [0, 500, 1000, 2000, 5000] as const;

/** The index into PRICE_BUCKETS of a row's from-price. */
const PRICE_BUCKET = sql.raw(
  `CASE ${PRICE_BUCKETS.map((b, i) => [b, i] as const)
    .reverse()
    .map(([b, i]) => `WHEN price_min >= ${b} THEN ${i}`)
    .join(' ')} END`,
);

const textArray = (xs: string[]) => arrayParam(xs, 'text');

/**
 * The text match on a product_search row: all CJK grams and every Latin word by prefix. Searches
 * find their rows through the postings; this checks the few rows found by name (exact-name tier).
 */
function textCondition(plan: QueryPlan): SQL {
  if (plan.empty) return sql`false`;
  const parts: SQL[] = [];
  if (plan.grams.length > 0) parts.push(sql`cjk_grams @> ${textArray(plan.grams)}`);
  if (plan.words.length > 0) parts.push(sql`tsv @@ to_tsquery('simple', ${plan.words.map((w) => `(${prefixTsQuery(w)})`).join(' & ')})`);
  return sql.join(parts, sql` AND `);
}

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
  return and([sql`visible`, ...(c.plan ? [textCondition(c.plan)] : [])]);
}

function orderBy(c: SearchCriteria, sort: SearchSort, locale: 'zh-TW' | 'en', t: string): SQL {
  const col = (name: string) => sql.raw(t ? `${t}.${name}` : name);
  // Ties in product id order, descending: the order of the postings (windowed search, browsing).
  const tail = sql`${col('sold_count')} DESC, ${col('product_id')} DESC`;
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

/** Relevance: exact name, then name prefix, then name containing the query, then other fields. */
function rankColumns(plan: QueryPlan | undefined): SQL {
  if (!plan) return sql`0 AS rank, 0::real AS sim`;
  const n = plan.normalized;
  return sql`CASE WHEN name_zh = ${n} OR name_en = ${n} THEN 3
      WHEN starts_with(name_zh, ${n}) OR starts_with(name_en, ${n}) THEN 2
      WHEN strpos(name_zh, ${n}) > 0 OR strpos(name_en, ${n}) > 0 THEN 1 ELSE 0 END AS rank,
    0::real AS sim`;
}

/** Ids of the visible rows matching `c`, in the sort's order, one page (`page`: LIMIT … OFFSET …). */
function sortedIds(c: SearchCriteria, sort: SearchSort, locale: 'zh-TW' | 'en', page: SQL): SQL {
  return sql`SELECT product_id FROM (
      SELECT product_id, price_min, sold_count, created_at, name_zh,
        coalesce(nullif(name_en, ''), name_zh) AS sort_name, ${rankColumns(c.plan)}
      FROM product_search
      WHERE ${and([baseCondition(c), ...filterConditions(c)])}
    ) t
    ORDER BY ${orderBy(c, sort, locale, '')} ${page}`;
}

/** The CTE `pg` (product_id, ord) that `pageCards` reads: a page of ids, numbered in their order. */
const pageCte = (ids: SQL) => sql`pg AS MATERIALIZED (SELECT product_id, row_number() OVER () AS ord FROM (${ids}) i)`;

/** The page of matching products in order, as cards (`items`). */
function itemsQuery(c: SearchCriteria, sort: SearchSort, locale: 'zh-TW' | 'en', limit: number, offset: number): SQL {
  return sql`WITH ${pageCte(sortedIds(c, sort, locale, sql`LIMIT ${limit} OFFSET ${offset}`))} SELECT ${pageCards(locale)} AS items`;
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
function countsQuery(c: SearchCriteria, facetCategoryIds: string[]): SQL {
  const attrFacetCond = [...c.attributes.entries()].map(
    ([code, values]) => sql`(split_part(av, ':', 1) = ${code} OR attribute_values && ${textArray(values)})`,
  );
  const catCond = facetCategoryIds.length === 0 ? sql`false` : sql`k = ANY(${arrayParam(facetCategoryIds, 'uuid')})`;
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
      ${pairs(sql`SELECT ${PRICE_BUCKET} AS k, count(*)::int AS n FROM ${rowsFor('price')} r GROUP BY 1`)} AS prices`;
}

export interface SearchInput {
  criteria: SearchCriteria;
  sort: SearchSort;
  locale: 'zh-TW' | 'en';
  limit: number;
  offset: number;
  facetCategoryIds: string[] | null;
  /** False: no facet counts are needed (autocomplete). */
  facets?: boolean | undefined;
}

/**
 * Browsing with filters beyond a category: the page, and exact counts over the filtered rows.
 * Text searches use `windowSearch`, a category alone `browseCategory`.
 */
export async function searchProducts(db: Db, input: SearchInput): Promise<{ items: CardsJson; counts: FacetCounts | null }> {
  const { criteria: c } = input;
  const { items } = (await db.execute<{ items: CardsJson }>(itemsQuery(c, input.sort, input.locale, input.limit, input.offset))).rows[0]!;
  if (!input.facetCategoryIds) return { items, counts: null };
  const counts = (await db.execute<FacetCounts & Record<string, unknown>>(countsQuery(c, input.facetCategoryIds))).rows[0]!;
  return { items, counts };
}

/** The SQL of the page query, for EXPLAIN in tests. */
export function searchItemsSql(c: SearchCriteria, sort: SearchSort): SQL {
  return itemsQuery(c, sort, 'zh-TW', 24, 0);
}

export async function bestsellers(db: Db, limit: number, locale: 'zh-TW' | 'en'): Promise<CardsJson> {
  const r = await db.execute<{ items: CardsJson }>(
    itemsQuery({ attributes: new Map(), inStockOnly: false }, 'bestselling', locale, limit, 0),
  );
  return r.rows[0]!.items;
}

/** Visible products sharing the primary category, best sellers first. */
export async function relatedProducts(
  db: Db,
  input: { productId: string; categoryId: string; limit: number; locale: 'zh-TW' | 'en' },
): Promise<CardsJson> {
  // The category's postings, best sellers first: an index range, whatever the category's size.
  const rows = await executePrepared<{ items: CardsJson }>(
    db,
    sql`
    WITH ${pageCte(sql`SELECT product_id FROM search_postings WHERE term = ${`c:${input.categoryId}`} AND product_id <> ${input.productId}
      ORDER BY sold_count DESC, product_id DESC LIMIT ${int(input.limit)}`)}
    SELECT ${pageCards(input.locale)} AS items`,
  );
  return rows[0]!.items;
}

// ---------- text search over the postings (README: "Why postings ordered by sales", "The window") ----------

/** How many matches a search ranks: its pages × page size at most (a broad query shows these best sellers). */
export const SEARCH_WINDOW = 192;
/** Postings of the driving term read at most; past it a result set is estimated, not counted. */
export const DRIVE_SCAN = 20_000;
/**
 * Postings of one group, best sellers first: one index range per term, merged in key order. A
 * product carried by two terms comes twice in a row (`prev` = its own id): the window skips it,
 * which keeps the merge lazy (DISTINCT would hash every posting first). `rn` counts postings read.
 */
function groupStream(g: TermGroup, limit: number): SQL {
  const one = (t: string) => sql`(SELECT sold_count, product_id FROM search_postings WHERE term = ${t}
    ORDER BY sold_count DESC, product_id DESC LIMIT ${int(limit)})`;
  // Padded with the empty term (no postings) to 1, 2, 4, 8, 16 or 32 ranges: few statement shapes,
  // so each connection plans them once.
  const size = 2 ** Math.ceil(Math.log2(Math.max(1, g.terms.length)));
  const terms = [...g.terms, ...Array<string>(size - g.terms.length).fill('')];
  return sql`(SELECT sold_count, product_id, row_number() OVER o AS rn, lag(product_id) OVER o AS prev
    FROM (${sql.join(terms.map(one), sql` UNION ALL `)}) u
    WINDOW o AS (ORDER BY sold_count DESC, product_id DESC) LIMIT ${int(limit)})`;
}

/**
 * Also matched by every other group: a probe of the postings key per candidate. `OFFSET 0` keeps
 * it a per-row probe: as a semi-join the planner would read those terms' whole posting lists.
 */
const probe = (g: TermGroup) => sql`EXISTS (SELECT 1 FROM search_postings q
  WHERE q.term = ANY(${textArray(g.terms)}) AND q.sold_count = d.sold_count AND q.product_id = d.product_id OFFSET 0)`;

const WINDOW_COLUMNS = sql`product_id, brand_id, category_ids, attribute_values, price_min, price_max, in_stock, sold_count, created_at, name_zh,
  coalesce(nullif(name_en, ''), name_zh) AS sort_name, name_en`;

/**
 * The window: up to `size + 1` matching visible products, best sellers first, found by walking the
 * postings of the rarest group and probing the others; plus products named exactly as the query
 * (relevance puts them first wherever their sales are). `rn` is how far into the driving postings
 * a row was found, for estimating the total of a truncated window.
 */
function windowCte(groups: TermGroup[], c: SearchCriteria, size: number): SQL {
  const drive = groups.reduce((a, b) => (b.docs < a.docs ? b : a));
  // the rarest first: a candidate most likely fails there, and the probes stop at the first failure
  const others = groups.filter((g) => g !== drive).sort((a, b) => a.docs - b.docs);
  const heapFilters = [sql`s.visible`];
  if (c.priceMin !== undefined) heapFilters.push(sql`s.price_min >= ${c.priceMin}`);
  if (c.priceMax !== undefined) heapFilters.push(sql`s.price_min <= ${c.priceMax}`);
  if (c.inStockOnly) heapFilters.push(sql`s.in_stock`);
  const n = c.plan?.normalized;
  const exactNamed = n
    ? sql`UNION ALL SELECT ${WINDOW_COLUMNS}, 0::bigint AS rn FROM product_search
        WHERE (name_zh = ${n} OR name_en = ${n}) AND ${and([baseCondition(c), ...filterConditions(c)])}
          AND product_id NOT IN (SELECT product_id FROM w)`
    : sql``;
  return sql`
    d AS (SELECT * FROM ${groupStream(drive, DRIVE_SCAN)} x),
    w AS MATERIALIZED (
      SELECT s.*, d.rn FROM d
      CROSS JOIN LATERAL (SELECT ${WINDOW_COLUMNS} FROM product_search s
        WHERE s.product_id = d.product_id AND ${and(heapFilters)} OFFSET 0) s
      WHERE d.prev IS DISTINCT FROM d.product_id AND ${and(others.map(probe))}
      ORDER BY d.sold_count DESC, d.product_id DESC
      LIMIT ${int(size + 1)}
    ),
    win AS MATERIALIZED (SELECT * FROM w ${exactNamed})`;
}

interface WindowRow {
  items: CardsJson;
  n: number;
  maxRn: number | null;
  /** `#b<brand>`, `#p<bucket>`, `#c<category>` and `code:value` with their counts. */
  facets: Array<[string, number]>;
}

/**
 * The cards of the page `pg` (product_id, ord), in order: the stored card texts of the locale
 * joined into one JSON array text (nothing is rebuilt or parsed per request).
 */
const pageCards = (
  locale: 'zh-TW' | 'en',
) => sql`(SELECT '[' || coalesce(string_agg(${sql.raw(locale === 'en' ? 'c.en' : 'c.zh')}, ',' ORDER BY pg.ord), '') || ']'
  FROM pg JOIN product_cards c ON c.product_id = pg.product_id)`;

/**
 * One statement: the window, the requested page of it in the chosen order with what its cards
 * show, and the facet counts over the window (one keyed aggregate: cheap to plan and to run).
 */
function windowQuery(
  groups: TermGroup[],
  c: SearchCriteria,
  input: {
    sort: SearchSort;
    locale: 'zh-TW' | 'en';
    limit: number;
    offset: number;
    facetCategoryIds: string[] | null;
    size: number;
    facets?: boolean | undefined;
  },
): SQL {
  const wanted = input.facetCategoryIds ?? [];
  const catKeys = wanted.length
    ? sql`UNION ALL SELECT '#c' || k FROM win, unnest(win.category_ids) k WHERE k = ANY(${arrayParam(wanted, 'uuid')})`
    : sql``;
  const page = Math.max(0, Math.min(input.limit, input.size - input.offset));
  // Keys: `#b<brand>`, `#p<bucket>`, `#c<category>`, and attribute values as they are (`code:value`).
  const facets =
    input.facets === false
      ? sql`'[]'::json`
      : sql`(SELECT coalesce(json_agg(json_build_array(k, n)), '[]'::json) FROM (
          SELECT k, count(*)::int AS n FROM (
            SELECT unnest(ARRAY['#b' || win.brand_id, '#p' || ${PRICE_BUCKET}] || win.attribute_values) AS k FROM win ${catKeys}
          ) keys WHERE k IS NOT NULL GROUP BY k) f)`;
  return sql`
    WITH ${windowCte(groups, c, input.size)},
    ranked AS (SELECT *, ${rankColumns(c.plan)} FROM win),
    ${pageCte(sql`SELECT * FROM ranked ORDER BY ${orderBy(c, input.sort, input.locale, '')} LIMIT ${int(page)} OFFSET ${int(input.offset)}`)}
    SELECT
      ${pageCards(input.locale)} AS items,
      (SELECT count(*) FROM win)::int AS n,
      (SELECT max(rn) FROM w)::int AS "maxRn",
      ${facets} AS facets`;
}

/** The keyed facet counts of a window, by dimension. */
function splitFacets(keyed: Array<[string, number]>): Omit<FacetCounts, 'total'> {
  const out: Omit<FacetCounts, 'total'> = { categories: [], brands: [], attributes: [], prices: [] };
  for (const [key, n] of keyed) {
    if (key.startsWith('#c')) out.categories.push([key.slice(2), n]);
    else if (key.startsWith('#b')) out.brands.push([key.slice(2), n]);
    else if (key.startsWith('#p')) out.prices.push([Number(key.slice(2)), n]);
    else out.attributes.push([key, n]);
  }
  return out;
}

export interface WindowResult {
  items: CardsJson;
  counts: FacetCounts;
  exact: boolean;
  pages: number;
  corrections: Map<string, string[]>;
}

/**
 * A text search (or any search with category/brand/attribute filters) over the postings: exact
 * when every match fits the window, otherwise the window's best sellers with an estimated total.
 * A filtered dimension's facet is counted over a window without that filter (another statement).
 */
export async function windowSearch(db: Db, input: SearchInput & { size?: number }): Promise<WindowResult> {
  const c = input.criteria;
  const size = input.size ?? SEARCH_WINDOW;
  const pageCount = (n: number) => Math.max(1, Math.ceil(Math.min(n, size) / input.limit));
  const resolved = await termGroups(db, c);
  if (!resolved || resolved.groups.length === 0) {
    return {
      items: '[]',
      counts: { total: 0, categories: [], brands: [], attributes: [], prices: [] },
      exact: true,
      pages: 1,
      corrections: new Map(),
    };
  }
  const { groups, corrections } = resolved;
  // Prepared: planning this statement costs about as much as running it.
  const run = async (g: TermGroup[], cr: SearchCriteria, limit: number) =>
    (await executePrepared<WindowRow>(db, windowQuery(g, cr, { ...input, limit, size })))[0]!;
  const r = await run(groups, c, input.limit);
  const drive = groups.reduce((a, b) => (b.docs < a.docs ? b : a));
  const truncated = r.n > size || drive.docs > DRIVE_SCAN;
  let total = r.n;
  if (truncated) {
    // Matches found per driving posting read, times the postings there are.
    const read = r.n > size ? Math.max(r.maxRn ?? 1, 1) : DRIVE_SCAN;
    total = Math.max(Math.min(r.n, size), Math.round((drive.docs * Math.min(r.n, size + 1)) / read));
  }
  const counts: FacetCounts = { total, ...splitFacets(r.facets) };
  // A filtered dimension's facet: counted without its own filter (attribute codes: without the code's).
  for (const d of ['category', 'brand', 'price'] as const) {
    if (!filtersOn(c, d)) continue;
    const without: SearchCriteria = {
      ...c,
      ...(d === 'category'
        ? { categoryId: undefined }
        : d === 'brand'
          ? { brandId: undefined }
          : { priceMin: undefined, priceMax: undefined }),
    };
    const g = d === 'price' ? groups : groups.filter((x) => x.dimension !== d);
    const o = await run(g, without, 0);
    const split = splitFacets(o.facets);
    if (d === 'category') counts.categories = split.categories;
    if (d === 'brand') counts.brands = split.brands;
    if (d === 'price') counts.prices = split.prices;
  }
  if (c.attributes.size > 0) {
    const byCode: Array<[string, number]> = [];
    for (const [code, values] of c.attributes) {
      const without: SearchCriteria = { ...c, attributes: new Map([...c.attributes].filter(([k]) => k !== code)) };
      const g = groups.filter((x) => !(x.dimension === 'attributes' && x.terms.some((t) => values.includes(t.slice(2)))));
      const o = await run(g, without, 0);
      byCode.push(...splitFacets(o.facets).attributes.filter(([av]) => av.startsWith(`${code}:`)));
    }
    const filteredCodes = new Set(c.attributes.keys());
    counts.attributes = [...counts.attributes.filter(([av]) => !filteredCodes.has(av.slice(0, av.indexOf(':')))), ...byCode];
  }
  return { items: r.items, counts, exact: !truncated, pages: pageCount(total), corrections };
}

/** The window statement a text search runs (for EXPLAIN in tests and the benchmark); null when a term matches nothing. */
export async function searchWindowSql(db: Db, c: SearchCriteria, sort: SearchSort = 'relevance'): Promise<SQL | null> {
  const resolved = await termGroups(db, c);
  if (!resolved || resolved.groups.length === 0) return null;
  return windowQuery(resolved.groups, c, { sort, locale: 'zh-TW', limit: 24, offset: 0, facetCategoryIds: null, size: SEARCH_WINDOW });
}

// ---------- browsing a category (or everything) without other filters ----------

/** Facet values kept per dimension (brands, each attribute code): the most common ones. */
export const FACET_VALUES = 30;

/**
 * A page of a category, or of every visible product, with its facet counts, in one prepared
 * statement. Counts come from `search_facet_counts` (kept by the indexer), so a category of any
 * size costs the same. Best sellers first reads the category's postings; another order sorts the
 * category's rows (`sortedIds`).
 */
export async function browseCategory(
  db: Db,
  input: {
    categoryId: string | undefined;
    sort: SearchSort;
    locale: 'zh-TW' | 'en';
    limit: number;
    offset: number;
    facetCategoryIds: string[];
  },
): Promise<{ items: CardsJson; counts: FacetCounts }> {
  const scope = input.categoryId ? `c:${input.categoryId}` : '*';
  const criteria: SearchCriteria = { categoryId: input.categoryId, attributes: new Map(), inStockOnly: false };
  const page = sql`LIMIT ${int(input.limit)} OFFSET ${int(input.offset)}`;
  const ids =
    input.sort !== 'bestselling'
      ? sortedIds(criteria, input.sort, input.locale, page)
      : input.categoryId
        ? sql`SELECT product_id FROM search_postings WHERE term = ${scope} ORDER BY sold_count DESC, product_id DESC ${page}`
        : sql`SELECT product_id FROM product_search WHERE visible ORDER BY sold_count DESC, product_id DESC ${page}`;
  const wanted = input.facetCategoryIds.map((id) => `#c${id}`);
  // Every kept count of the scope (~90 rows for a leaf category, ~860 for everything); searchCatalog
  // keeps the commonest values per dimension (a window function choosing them here cost more than
  // the rest of the statement).
  const rows = await executePrepared<{ items: CardsJson; facets: Array<[string, number]> }>(
    db,
    sql`
    WITH ${pageCte(ids)}
    SELECT
      ${pageCards(input.locale)} AS items,
      (SELECT coalesce(json_agg(json_build_array(facet, n)), '[]'::json) FROM (
        SELECT facet, n FROM search_facet_counts WHERE scope = ${scope} AND n > 0 AND facet NOT LIKE '#c%'
        UNION ALL
        SELECT facet, n FROM search_facet_counts WHERE scope = '*' AND facet = ANY(${textArray(wanted)}) AND n > 0
      ) f) AS facets`,
  );
  const r = rows[0]!;
  const total = r.facets.find(([k]) => k === '#n')?.[1] ?? 0;
  return { items: r.items, counts: { total, ...splitFacets(r.facets.filter(([k]) => k !== '#n')) } };
}
