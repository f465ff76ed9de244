// Storefront reads: product search with filters and facets, product detail, the category tree,
// brands, bestsellers and autocomplete. Everything here shows only shopper-visible products.
import type { z } from 'zod';
import type { ProductDetail, ProductListQuery, ProductListResponse, ProductSummary, SuggestResponse } from '@shop/contracts/catalog';
import type { Db } from '../../../db/client.js';
import { acceptedValues } from '../../../platform/accept.js';
import { NotFoundError } from '../../../platform/errors.js';
import { highlight, normalizeText, planQuery, type QueryPlan } from './cjk.js';
import {
  attributeText,
  imageSizes,
  imageUrl,
  listBrands,
  listCategories,
  srcsetOf,
  type BrandRow,
  type CategoryRow,
  type Translations,
} from '../shared.js';
import { catalogVersion, type CatalogCacheDeps } from './catalog.cache.js';
import * as repo from './search.repo.js';
import * as storefront from './storefront.repo.js';

export type Locale = 'zh-TW' | 'en';
type ListQuery = z.infer<typeof ProductListQuery>;
type Summary = z.infer<typeof ProductSummary>;

const VISIBLE = new Set(['on_shelf', 'sold_out']);

/** English text when asked for and present, else zh-TW. */
export const localized = (t: Translations | null | undefined, locale: Locale): string =>
  !t ? '' : locale === 'en' && t.en ? t.en : t['zh-TW'];

/** `?locale=` wins; else the first of zh/en in Accept-Language; else zh-TW. */
export function resolveLocale(query: Locale | undefined, acceptLanguage: string | undefined): Locale {
  if (query) return query;
  for (const { value: tag } of acceptedValues(acceptLanguage)) {
    if (tag.startsWith('zh')) return 'zh-TW';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-TW';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The cards of a page, with highlights when a query asked for them (the stored cards have none). */
function cardsJson(items: repo.CardsJson, plan: QueryPlan | undefined): string {
  if (!plan) return items;
  const cards = JSON.parse(items) as Summary[];
  for (const card of cards) card.highlight = highlight(card.name, plan);
  return JSON.stringify(cards);
}

/** `attr=size:M` values grouped by code; malformed ones (no colon) are ignored. */
export function parseAttributeFilter(attr: string | string[] | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const a of attr === undefined ? [] : Array.isArray(attr) ? attr : [attr]) {
    const i = a.indexOf(':');
    if (i <= 0 || i === a.length - 1) continue;
    const code = a.slice(0, i);
    out.set(code, [...new Set([...(out.get(code) ?? []), a])]);
  }
  return out;
}

const NO_MATCH = '00000000-0000-0000-0000-000000000000';

/** Ties between facet values: the order `localeCompare` gives, without building a collator per call. */
const collator = new Intl.Collator();

/** The query with each corrected word replaced by its first correction ("shrit" → "shirt"). */
function correctedText(plan: QueryPlan, corrections: Map<string, string[]>): string {
  let out = plan.normalized;
  for (const [word, terms] of corrections) out = out.replace(word, terms[0]!);
  return out;
}

/** Highlights mark the corrected words where a word was corrected. */
function highlightPlan(plan: QueryPlan | undefined, corrections: Map<string, string[]>): QueryPlan | undefined {
  if (!plan || corrections.size === 0) return plan;
  return { ...plan, words: plan.words.flatMap((w) => (corrections.get(w.word) ?? [w.word]).map((word) => ({ ...w, word }))) };
}

interface Lookups {
  categories: CategoryRow[];
  brands: BrandRow[];
  /**
   * Per code, for facets over many categories: the first definition's label and the allowed values
   * of all its definitions (categories may define a code with different options; the first label of
   * a value wins).
   */
  definitions: Map<string, storefront.AttributeDefinitionRow>;
  /** Each category's own definitions, by code. */
  definitionsOf: Map<string, Map<string, storefront.AttributeDefinitionRow>>;
  /** By id and by slug. */
  categoryByKey: Map<string, CategoryRow>;
  brandByKey: Map<string, BrandRow>;
  /** Top-level categories, and each category's children (the category facet's values). */
  children: Map<string | null, CategoryRow[]>;
}
const lookupMemo = new WeakMap<Db, { version: string; lookups: Promise<Lookups> }>();

/**
 * Categories, brands and attribute definitions (small tables every list reads), read once per
 * catalog version: a staff write bumps the version (through Redis, in every process), so a
 * process never answers from lookups older than the newest write it can see.
 */
async function catalogLookups(db: Db, cache: CatalogCacheDeps | undefined): Promise<Lookups> {
  const load = async (): Promise<Lookups> => {
    const [categories, brands, rows] = await Promise.all([listCategories(db), listBrands(db), storefront.allAttributeDefinitions(db)]);
    const definitions = new Map<string, storefront.AttributeDefinitionRow>();
    const definitionsOf = new Map<string, Map<string, storefront.AttributeDefinitionRow>>();
    for (const d of rows) {
      const own = definitionsOf.get(d.categoryId) ?? new Map<string, storefront.AttributeDefinitionRow>();
      own.set(d.code, d);
      definitionsOf.set(d.categoryId, own);
      const kept = definitions.get(d.code);
      if (!kept) definitions.set(d.code, { ...d, allowedValues: d.allowedValues ? [...d.allowedValues] : null });
      else if (d.allowedValues) {
        const values = (kept.allowedValues ??= []);
        for (const a of d.allowedValues) if (!values.some((v) => v.value === a.value)) values.push(a);
      }
    }
    const children = new Map<string | null, CategoryRow[]>();
    for (const c of categories) {
      const list = children.get(c.parentId);
      if (list) list.push(c);
      else children.set(c.parentId, [c]);
    }
    return {
      categories,
      brands,
      definitions,
      definitionsOf,
      // slugs first: an id wins over a slug that happens to look like one
      categoryByKey: new Map([...categories.map((c) => [c.slug, c] as const), ...categories.map((c) => [c.id, c] as const)]),
      brandByKey: new Map([...brands.map((b) => [b.slug, b] as const), ...brands.map((b) => [b.id, b] as const)]),
      children,
    };
  };
  if (!cache) return load();
  const version = await catalogVersion(cache);
  const kept = lookupMemo.get(cache.db);
  if (kept && kept.version === version) return kept.lookups;
  const lookups = load();
  lookupMemo.set(cache.db, { version, lookups });
  lookups.catch(() => lookupMemo.delete(cache.db));
  return lookups;
}

/**
 * `GET /api/products`, as the JSON text of a `ProductListResponse`: the page's cards are the
 * stored card texts passed through as they are (parsed only to add highlights for a query).
 */
export async function searchCatalog(
  db: Db,
  input: { query: ListQuery; locale: Locale; cache?: CatalogCacheDeps | undefined },
): Promise<string> {
  const { query: q, locale } = input;
  const plan = q.q ? planQuery(q.q) : undefined;
  const { definitions, categoryByKey, brandByKey, children } = await catalogLookups(db, input.cache);
  // An unknown category or brand filters everything out rather than being ignored.
  const category = q.category ? categoryByKey.get(q.category) : undefined;
  const brand = q.brand ? brandByKey.get(q.brand) : undefined;
  const criteria: repo.SearchCriteria = {
    plan,
    categoryId: q.category ? (category?.id ?? NO_MATCH) : undefined,
    brandId: q.brand ? (brand?.id ?? NO_MATCH) : undefined,
    priceMin: q.priceMin,
    priceMax: q.priceMax,
    attributes: parseAttributeFilter(q.attr),
    inStockOnly: q.inStock === 'true',
  };
  // Without a query, "relevance" means best sellers first.
  const sort = q.sort === 'relevance' && !plan ? 'bestselling' : q.sort;
  // Category facet: the top level, and the chosen category's children.
  const facetCategories = [...(children.get(null) ?? []), ...(category ? (children.get(category.id) ?? []) : [])];
  const search = {
    criteria,
    sort,
    locale,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
    facetCategoryIds: facetCategories.map((c) => c.id),
  };
  // A query searches the postings (a window of the best matches). Browsing a category (or all)
  // reads its kept facet counts; browsing with other filters counts the filtered rows.
  const onlyCategory =
    !plan &&
    !criteria.brandId &&
    criteria.priceMin === undefined &&
    criteria.priceMax === undefined &&
    criteria.attributes.size === 0 &&
    !criteria.inStockOnly;
  const found = plan
    ? await repo.windowSearch(db, search)
    : {
        ...(onlyCategory
          ? await repo.browseCategory(db, { ...search, categoryId: criteria.categoryId })
          : await repo.searchProducts(db, search)),
        exact: true,
        corrections: new Map<string, string[]>(),
      };
  const { items, counts } = found;
  const total = counts?.total ?? 0;
  const pages = 'pages' in found ? found.pages : Math.max(1, Math.ceil(total / q.pageSize));

  const catCount = new Map(counts?.categories ?? []);
  const attrCounts = counts?.attributes ?? [];
  const byCode = new Map<string, Array<[string, number]>>();
  for (const [av, n] of attrCounts) {
    const code = av.slice(0, av.indexOf(':'));
    const list = byCode.get(code);
    if (list) list.push([av, n]);
    else byCode.set(code, [[av, n]]);
  }
  const attributes = [...byCode.keys()].sort().map((code) => {
    const def = definitions.get(code);
    return {
      code,
      label: def ? localized(def.label, locale) : code,
      values: byCode
        .get(code)!
        .map(([av, count]) => {
          const value = av.slice(code.length + 1);
          const allowed = def?.allowedValues?.find((a) => a.value === value);
          return { value: av, label: allowed ? localized(allowed.label, locale) : value, count };
        })
        .sort((a, b) => b.count - a.count || collator.compare(a.value, b.value))
        .filter((v, i) => i < repo.FACET_VALUES || criteria.attributes.get(code)?.includes(v.value)),
    };
  });
  const brands = (counts?.brands ?? []).flatMap(([id, count]) => {
    const b = count > 0 ? brandByKey.get(id) : undefined;
    return b ? [{ value: b.id, label: localized(b.name, locale), count }] : [];
  });
  const priceCount = new Map(counts?.prices ?? []);

  const rest: Omit<z.infer<typeof ProductListResponse>, 'items'> = {
    total,
    totalExact: found.exact,
    pages,
    correctedQuery: plan && found.corrections.size > 0 ? correctedText(plan, found.corrections) : null,
    page: q.page,
    pageSize: q.pageSize,
    facets: {
      categories: facetCategories
        .filter((c) => (catCount.get(c.id) ?? 0) > 0)
        .map((c) => ({ value: c.id, label: localized(c.name, locale), count: catCount.get(c.id)! })),
      brands: brands
        .sort((a, b) => b.count - a.count || collator.compare(a.label, b.label))
        // the commonest brands, and the chosen one
        .filter((b, i) => i < repo.FACET_VALUES || b.value === criteria.brandId),
      attributes,
      prices: repo.PRICE_BUCKETS.map((min, i) => ({
        min,
        max: i + 1 < repo.PRICE_BUCKETS.length ? repo.PRICE_BUCKETS[i + 1]! - 1 : null,
        count: priceCount.get(i) ?? 0,
      })),
    },
  };
  return `{"items":${cardsJson(items, highlightPlan(plan, found.corrections))},${JSON.stringify(rest).slice(1)}`;
}

export async function listBestsellers(db: Db, input: { limit: number; locale: Locale }): Promise<Summary[]> {
  return JSON.parse(await repo.bestsellers(db, input.limit, input.locale)) as Summary[];
}

export type LocalizedCategoryNode = {
  id: string;
  parentId: string | null;
  slug: string;
  name: string;
  depth: number;
  sortOrder: number;
  children: LocalizedCategoryNode[];
};

export async function localizedCategoryTree(db: Db, input: { locale: Locale }): Promise<LocalizedCategoryNode[]> {
  const rows = await listCategories(db);
  const nodes = new Map<string, LocalizedCategoryNode>(
    rows.map((c) => [
      c.id,
      {
        id: c.id,
        parentId: c.parentId,
        slug: c.slug,
        name: localized(c.name, input.locale),
        depth: c.depth,
        sortOrder: c.sortOrder,
        children: [],
      },
    ]),
  );
  const roots: LocalizedCategoryNode[] = [];
  for (const c of rows) {
    const node = nodes.get(c.id)!;
    const parent = c.parentId ? nodes.get(c.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export async function listBrandsLocalized(db: Db, input: { locale: Locale }) {
  return (await listBrands(db)).map((b) => ({ id: b.id, slug: b.slug, name: localized(b.name, input.locale), logoUrl: b.logoUrl }));
}

/**
 * The sales attributes of the variants with localized names and value labels: codes in the order the
 * variants first use them, values in the definition's order (then unknown ones as they come).
 */
function variantOptionLabels(
  variants: readonly storefront.VariantRow[],
  definitions: Map<string, storefront.AttributeDefinitionRow>,
  locale: Locale,
) {
  const codes: string[] = [];
  for (const v of variants) for (const code of Object.keys(v.salesAttributes)) if (!codes.includes(code)) codes.push(code);
  return codes.map((code) => {
    const def = definitions.get(code);
    const used = new Set(variants.map((v) => v.salesAttributes[code]).filter((x) => x !== undefined));
    const known = (def?.allowedValues ?? []).filter((a) => used.has(a.value));
    const rest = [...used].filter((value) => !known.some((a) => a.value === value));
    return {
      code,
      label: def ? localized(def.label, locale) : code,
      values: [
        ...known.map((a) => ({ value: a.value, label: localized(a.label, locale) })),
        ...rest.map((value) => ({ value, label: value })),
      ],
    };
  });
}

export type ProductLookup = { kind: 'found'; product: z.infer<typeof ProductDetail> } | { kind: 'moved'; slug: string };

/**
 * `GET /api/products/:idOrSlug`. Invisible and unknown products are the same 404; a former slug
 * of a visible product answers `moved` with the canonical slug.
 */
export async function getProductDetail(
  db: Db,
  input: { idOrSlug: string; locale: Locale; cache?: CatalogCacheDeps | undefined },
): Promise<ProductLookup> {
  const { idOrSlug, locale } = input;
  let product = UUID.test(idOrSlug) ? await storefront.findProductById(db, idOrSlug) : await storefront.findProductBySlug(db, idOrSlug);
  let moved = false;
  if (!product && !UUID.test(idOrSlug)) {
    const id = await storefront.findProductIdByOldSlug(db, idOrSlug);
    product = id ? await storefront.findProductById(db, id) : undefined;
    moved = true;
  }
  if (!product || !VISIBLE.has(product.status) || product.deletedAt) throw new NotFoundError('product', idOrSlug, 'PRODUCT_NOT_FOUND');
  if (moved) return { kind: 'moved', slug: product.slug };

  const [variants, images, { categoryByKey, brandByKey, definitions: anyDefinitions, definitionsOf }, searchRow] = await Promise.all([
    storefront.activeVariants(db, product.id),
    storefront.productImages(db, product.id),
    catalogLookups(db, input.cache),
    storefront.findSearchRow(db, product.id),
  ]);
  const inStock = searchRow?.inStock ?? product.status !== 'sold_out';
  const stock = inStock ? ('in_stock' as const) : ('out' as const);
  const primary = product.primaryCategoryId ? categoryByKey.get(product.primaryCategoryId) : undefined;
  const breadcrumbs = primary
    ? primary.path
        .split('/')
        .filter(Boolean)
        .map((id) => categoryByKey.get(id))
        .filter((c) => c !== undefined)
        .map((c) => ({ id: c.id, slug: c.slug, name: localized(c.name, locale) }))
    : [];
  const brand = product.brandId ? brandByKey.get(product.brandId) : undefined;
  // The definitions in force for the product: its primary category's and its ancestors', the
  // nearest winning; a code defined nowhere on that path falls back to any definition of it.
  const definitions = new Map(anyDefinitions);
  for (const id of primary ? primary.path.split('/').filter(Boolean) : [])
    for (const [code, d] of definitionsOf.get(id) ?? []) definitions.set(code, d);
  const basic = Object.entries(product.basicAttributes ?? {});
  const related = primary
    ? (JSON.parse(await repo.relatedProducts(db, { productId: product.id, categoryId: primary.id, limit: 4, locale })) as Summary[])
    : [];
  const prices = variants.map((v) => v.priceMinor);
  const cheapest = [...variants].sort((a, b) => a.priceMinor - b.priceMinor)[0];

  return {
    kind: 'found',
    product: {
      id: product.id,
      slug: product.slug,
      name: localized(product.name, locale),
      description: product.description ? localized(product.description, locale) : null,
      status: product.status as ProductDetail['status'],
      brand: brand ? { id: brand.id, slug: brand.slug, name: localized(brand.name, locale) } : null,
      priceMinor: prices.length ? Math.min(...prices) : 0,
      priceMaxMinor: prices.length ? Math.max(...prices) : 0,
      compareAtMinor: cheapest?.compareAtMinor ?? null,
      stock,
      coolingOffExempt: product.coolingOffExempt,
      attributes: basic.map(([code, value]) => {
        const def = definitions.get(code);
        const allowed = def?.allowedValues?.find((a) => a.value === String(value));
        return {
          code,
          label: def ? localized(def.label, locale) : code,
          value: allowed ? localized(allowed.label, locale) : attributeText(value, locale),
        };
      }),
      options: variantOptionLabels(variants, definitions, locale),
      variants: variants.map((v) => ({ ...v, stock })),
      images: images.map((i) => ({
        id: i.id,
        url: imageUrl(i),
        sizes: imageSizes(i),
        srcset: srcsetOf(imageSizes(i)),
        width: i.width,
        height: i.height,
        alt: i.alt ? localized(i.alt, locale) : null,
        variantId: i.variantId,
      })),
      breadcrumbs,
      related,
    },
  };
}

/** `GET /api/search/suggest`: up to 8 product names (same matching as search) and matching categories and brands. */
export async function suggest(
  db: Db,
  input: { q: string; locale: Locale; cache?: CatalogCacheDeps | undefined },
): Promise<z.infer<typeof SuggestResponse>> {
  const plan = planQuery(input.q);
  if (plan.empty) return { products: [], categories: [], brands: [] };
  const [{ items, corrections }, { categories, brands }] = await Promise.all([
    repo.windowSearch(db, {
      criteria: { plan, attributes: new Map(), inStockOnly: false },
      sort: 'relevance',
      locale: input.locale,
      limit: 8,
      offset: 0,
      facetCategoryIds: null,
      facets: false,
    }),
    catalogLookups(db, input.cache),
  ]);
  // Categories and brands are few: matched in memory, by the same normalised prefix/contains rule.
  const matches = (t: Translations) => {
    const texts = [t['zh-TW'], t.en ?? ''].map(normalizeText);
    return (
      texts.some((x) => x.includes(plan.normalized)) ||
      plan.words.some((w) => texts.some((x) => x.split(/[^\p{L}\p{N}]+/u).some((word) => word.startsWith(w.word))))
    );
  };
  const named = (r: { id: string; slug: string; name: Translations }) => ({
    id: r.id,
    slug: r.slug,
    name: localized(r.name, input.locale),
  });
  return {
    products: (JSON.parse(items) as Summary[]).map((r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      highlight: highlight(r.name, highlightPlan(plan, corrections) ?? plan),
    })),
    categories: categories
      .filter((c) => matches(c.name))
      .slice(0, 5)
      .map(named),
    brands: brands
      .filter((b) => matches(b.name))
      .slice(0, 5)
      .map(named),
  };
}
