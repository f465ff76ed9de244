import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Translatable text: `{ "zh-TW": "…", "en": "…" }`; zh-TW is required, English falls back to it. */
export type Translations = { 'zh-TW': string; en?: string };

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const productStatuses = [
  'draft',
  'pending_review',
  'approved',
  'rejected',
  'on_shelf',
  'off_shelf',
  'sold_out',
  'frozen',
  'deleted',
] as const;
export type ProductStatus = (typeof productStatuses)[number];

/** A tree of any depth: `path` is the ids from the root down, `/a/b/c/`, for subtree queries. */
export const categories = pgTable(
  'categories',
  {
    id: uuid().primaryKey().defaultRandom(),
    parentId: uuid().references((): never => categories.id as never, { onDelete: 'restrict' }),
    path: text().notNull(),
    depth: integer().notNull().default(0),
    slug: text().notNull(),
    name: jsonb().$type<Translations>().notNull(),
    description: jsonb().$type<Translations>(),
    sortOrder: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('categories_slug_uq').on(t.slug),
    index('categories_parent_idx').on(t.parentId, t.sortOrder),
    index('categories_path_idx').on(t.path.op('text_pattern_ops')),
  ],
);

export const brands = pgTable(
  'brands',
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull(),
    name: jsonb().$type<Translations>().notNull(),
    logoUrl: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('brands_slug_uq').on(t.slug)],
);

/**
 * Attribute definitions per category: `basic` attributes describe the product
 * (material, origin); `sales` attributes tell variants apart (colour, size). Inherited by subcategories.
 */
export const attributeDefinitions = pgTable(
  'attribute_definitions',
  {
    id: uuid().primaryKey().defaultRandom(),
    categoryId: uuid()
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
    code: text().notNull(),
    kind: text({ enum: ['basic', 'sales'] }).notNull(),
    type: text({ enum: ['text', 'number', 'boolean', 'enum'] }).notNull(),
    required: boolean().notNull().default(false),
    label: jsonb().$type<Translations>().notNull(),
    /** For `enum`: `[{ value: 'red', label: { 'zh-TW': '紅', en: 'Red' } }]`. */
    allowedValues: jsonb().$type<Array<{ value: string; label: Translations }>>(),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [uniqueIndex('attribute_definitions_cat_code_uq').on(t.categoryId, t.code)],
);

export const products = pgTable(
  'products',
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull(),
    name: jsonb().$type<Translations>().notNull(),
    description: jsonb().$type<Translations>(),
    brandId: uuid().references(() => brands.id, { onDelete: 'restrict' }),
    /** The category whose attribute definitions apply; more may be linked in product_categories. */
    primaryCategoryId: uuid().references(() => categories.id, { onDelete: 'restrict' }),
    type: text({ enum: ['physical', 'virtual'] })
      .notNull()
      .default('physical'),
    /** Never receives order-level discounts (coupons, 滿額折) and never counts toward a promotion's threshold. */
    excludedFromOrderDiscounts: boolean().notNull().default(false),
    /** False for goods a convenience store may not hand over (store pickup is then not offered). */
    storePickupEligible: boolean().notNull().default(true),
    /**
     * Not covered by the 7-day cooling-off return (七天鑑賞期), e.g. perishables or opened digital
     * content; shoppers are told on the product page and at checkout, before they order.
     */
    coolingOffExempt: boolean().notNull().default(false),
    basicAttributes: jsonb().$type<Record<string, string | number | boolean | Translations>>().notNull().default({}),
    status: text({ enum: productStatuses }).notNull().default('draft'),
    /** Optimistic concurrency for staff edits and the version every state change bumps. */
    version: integer().notNull().default(1),
    reviewNote: text(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    firstOnShelfAt: timestamp({ withTimezone: true }),
    deletedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('products_slug_uq').on(t.slug), index('products_status_idx').on(t.status, t.updatedAt)],
);

export const productCategories = pgTable(
  'product_categories',
  {
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    categoryId: uuid()
      .notNull()
      .references(() => categories.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.productId, t.categoryId] }), index('product_categories_cat_idx').on(t.categoryId)],
);

/** Former slugs of a product, so old links redirect. */
export const productSlugHistory = pgTable('product_slug_history', {
  slug: text().primaryKey(),
  productId: uuid()
    .notNull()
    .references(() => products.id, { onDelete: 'cascade' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const variants = pgTable(
  'variants',
  {
    id: uuid().primaryKey().defaultRandom(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    sku: text().notNull(),
    salesAttributes: jsonb().$type<Record<string, string>>().notNull().default({}),
    /** Minor units of the shop currency (TWD: whole dollars). */
    priceMinor: integer().notNull(),
    compareAtMinor: integer(),
    status: text({ enum: ['active', 'inactive'] })
      .notNull()
      .default('active'),
    weightGrams: integer(),
    sortOrder: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('variants_sku_uq').on(t.sku), index('variants_product_idx').on(t.productId, t.sortOrder)],
);

export const productImages = pgTable(
  'product_images',
  {
    id: uuid().primaryKey().defaultRandom(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    variantId: uuid().references(() => variants.id, { onDelete: 'cascade' }),
    storageKey: text().notNull(),
    contentType: text().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    bytes: integer().notNull(),
    alt: jsonb().$type<Translations>(),
    sortOrder: integer().notNull().default(0),
    /** Widths of the WebP renditions stored next to the original (`<key stem>-w<width>.webp`); empty for S3 uploads. */
    widths: integer()
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    /** Where the key is served from: null for local disk (`/media`), else the S3 public base URL at upload time. */
    publicBase: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('product_images_product_idx').on(t.productId, t.sortOrder)],
);

/** What a buyer saw, deduplicated by content hash; orders reference these. */
export const productSnapshots = pgTable(
  'product_snapshots',
  {
    id: uuid().primaryKey().defaultRandom(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    contentHash: text().notNull(),
    content: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('product_snapshots_hash_uq').on(t.contentHash), index('product_snapshots_product_idx').on(t.productId, t.createdAt)],
);

/** Every staff write to the catalog: who, what, and the diff. */
export const catalogOperationLog = pgTable(
  'catalog_operation_log',
  {
    id: uuid().primaryKey().defaultRandom(),
    actorId: uuid(),
    entityType: text().notNull(),
    entityId: uuid().notNull(),
    operation: text().notNull(),
    diff: jsonb().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('catalog_operation_log_entity_idx').on(t.entityType, t.entityId, t.at)],
);

/** Sales and views per product; bestsellers come from here until paid orders feed it. */
export const productStats = pgTable('product_stats', {
  productId: uuid()
    .primaryKey()
    .references(() => products.id, { onDelete: 'cascade' }),
  soldCount: integer().notNull().default(0),
  viewCount: integer().notNull().default(0),
});

/**
 * The search index: one row per product, rewritten in the transaction of every catalog write
 * (the module README explains it). Only shopper-visible products have `visible`.
 */
export const productSearch = pgTable(
  'product_search',
  {
    productId: uuid()
      .primaryKey()
      .references(() => products.id, { onDelete: 'cascade' }),
    visible: boolean().notNull(),
    /** Lower-cased names (both locales), brand, categories and attribute labels, space separated. */
    document: text().notNull(),
    /** CJK single characters and bigrams of `document`, for one- and two-character Chinese queries. */
    cjkGrams: text().array().notNull(),
    /** English words for prefix matching while typing. */
    tsv: tsvector().notNull(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    brandId: uuid(),
    /** The product's categories and all their ancestors: "a category includes its descendants". */
    categoryIds: uuid().array().notNull(),
    /** `code:value` of every basic and sales attribute value. */
    attributeValues: text().array().notNull(),
    priceMin: integer().notNull(),
    priceMax: integer().notNull(),
    inStock: boolean().notNull().default(true),
    soldCount: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('product_search_categories_idx').using('gin', t.categoryIds),
    index('product_search_attributes_idx').using('gin', t.attributeValues),
    index('product_search_brand_idx')
      .on(t.brandId)
      .where(sql`${t.visible}`),
    index('product_search_price_idx')
      .on(t.priceMin)
      .where(sql`${t.visible}`),
    index('product_search_created_idx')
      .on(t.createdAt)
      .where(sql`${t.visible}`),
    // the sitemap's keyset order: visible products by id, readable by index-only scans
    index('product_search_visible_id_idx')
      .on(t.productId)
      .where(sql`${t.visible}`),
    index('product_search_sold_idx')
      .on(t.soldCount)
      .where(sql`${t.visible}`),
    index('product_search_name_zh_idx')
      .on(t.nameZh)
      .where(sql`${t.visible}`),
    index('product_search_name_en_idx')
      .on(t.nameEn)
      .where(sql`${t.visible}`),
  ],
);

/**
 * What a product card shows, as the storefront API's `ProductSummary` JSON text per locale
 * (`highlight` null), kept by the indexer with `product_search` (SQL function
 * `product_card_texts`, migration 0013). List pages concatenate these texts as they are.
 */
export const productCards = pgTable('product_cards', {
  productId: uuid()
    .primaryKey()
    .references(() => products.id, { onDelete: 'cascade' }),
  zh: text().notNull(),
  en: text().notNull(),
});

const textC = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });

/**
 * Postings of the search index (README "Index design"): one row per visible product and term —
 * CJK unigram/bigram, Latin word, `c:<category id>` (ancestors included), `b:<brand id>`,
 * `a:<code>:<value>` — ordered by sales so the best-selling matches of a term are an index range
 * read. Rewritten with `product_search` (terms from the SQL function `product_search_terms`).
 */
export const searchPostings = pgTable(
  'search_postings',
  {
    term: textC().notNull(),
    soldCount: integer().notNull(),
    productId: uuid().notNull(),
  },
  (t) => [primaryKey({ columns: [t.term, t.soldCount, t.productId] })],
);

/** Every term of `search_postings` with how many products carry it: prefix expansion, typo correction, planning. */
export const searchTerms = pgTable(
  'search_terms',
  {
    term: textC().primaryKey(),
    docCount: integer().notNull(),
  },
  // On lower(term) (terms are lower case already): an index on the column itself would also
  // answer `term = …` (pg_trgm supports equality), and the planner may pick it over the key.
  (t) => [index('search_terms_trgm_idx').using('gin', sql`lower(${t.term}) gin_trgm_ops`)],
);

/**
 * Facet counts of browsing, kept exact by the indexer: per scope (`*` = every visible product,
 * `c:<category id>` = the category and its descendants) the products per facet key — `#n` (all),
 * `#b<brand>`, `#p<price bucket>`, `#c<category>`, and `code:value` attribute values. A category
 * page reads its facets here instead of counting its products (SQL function `product_search_facets`).
 */
export const searchFacetCounts = pgTable(
  'search_facet_counts',
  {
    scope: textC().notNull(),
    facet: textC().notNull(),
    n: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.facet] })],
);

/**
 * A proposed edit of a live product by someone who may not approve, applied only when an approver
 * approves: the whole edit as the editor sent it (`values`, ProductInput without `version`; null when
 * only images change) and the proposed images in order (`images`, null when they do not change). At
 * most one pending revision per product; a second edit replaces its values.
 */
/** One image of a revision's proposed list: an existing image (by id), or a new upload's metadata (its files are stored). */
export interface ProposedImage {
  id: string;
  new?: {
    storageKey: string;
    contentType: string;
    width: number;
    height: number;
    bytes: number;
    widths: number[];
    publicBase: string | null;
    alt: Translations | null;
    variantId: string | null;
  };
}

export const productRevisions = pgTable(
  'product_revisions',
  {
    id: uuid().primaryKey().defaultRandom(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    status: text({ enum: ['pending', 'approved', 'rejected', 'withdrawn'] })
      .notNull()
      .default('pending'),
    values: jsonb(),
    images: jsonb().$type<ProposedImage[]>(),
    proposedBy: uuid(),
    decidedBy: uuid(),
    reason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('product_revisions_pending_uq')
      .on(t.productId)
      .where(sql`${t.status} = 'pending'`),
    index('product_revisions_pending_idx')
      .on(t.updatedAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);
