import { z } from 'zod';

export const CatalogLocale = z.enum(['zh-TW', 'en']);
/** Translatable text: zh-TW required, English optional (falls back to zh-TW). */
export const Translations = z.object({ 'zh-TW': z.string().trim().min(1).max(2000), en: z.string().trim().max(2000).optional() });
export type Translations = z.infer<typeof Translations>;
const ShortTranslations = z.object({ 'zh-TW': z.string().trim().min(1).max(200), en: z.string().trim().max(200).optional() });

export const ProductStatus = z.enum([
  'draft',
  'pending_review',
  'approved',
  'rejected',
  'on_shelf',
  'off_shelf',
  'sold_out',
  'frozen',
  'deleted',
]);
export type ProductStatus = z.infer<typeof ProductStatus>;

const Slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9\u3400-\u9fff]+(?:-[a-z0-9\u3400-\u9fff]+)*$/, {
    error: 'Use lower-case letters, digits, Chinese characters and single dashes.',
  })
  .max(120);
/** The highest price (minor units) a variant may have; also the bound of price filters. */
const MAX_PRICE_MINOR = 100_000_000;
const Money = z.number().int().nonnegative().max(MAX_PRICE_MINOR);
/** A text attribute's value in both languages (English falls back to zh-TW). */
export const TextAttributeValue = z.object({ 'zh-TW': z.string().trim().min(1).max(200), en: z.string().trim().max(200).optional() });
/** A basic attribute's value: text (one string is zh-TW only, or both languages), number or boolean. */
export const AttrValue = z.union([z.string().max(200), z.number(), z.boolean(), TextAttributeValue]);
export type AttrValue = z.infer<typeof AttrValue>;

// ---------- staff input ----------

export const CategoryInput = z.object({
  parentId: z.uuid().nullable().default(null),
  name: ShortTranslations,
  description: Translations.optional(),
  slug: Slug.optional(),
  sortOrder: z.number().int().min(0).max(100_000).default(0),
});
export type CategoryInput = z.infer<typeof CategoryInput>;

/** A logo shown on pages as an image address: http(s) only, never `javascript:` or `data:`. */
const WebUrl = z.url({ protocol: /^https?$/, error: 'Use an http:// or https:// address.' }).max(2000);
export const BrandInput = z.object({ name: ShortTranslations, slug: Slug.optional(), logoUrl: WebUrl.optional() });

export const AttributeDefinitionInput = z
  .object({
    categoryId: z.uuid(),
    code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
    kind: z.enum(['basic', 'sales']),
    type: z.enum(['text', 'number', 'boolean', 'enum']),
    required: z.boolean().default(false),
    label: ShortTranslations,
    allowedValues: z
      .array(z.object({ value: z.string().trim().min(1).max(100), label: ShortTranslations }))
      .max(200)
      .optional(),
    sortOrder: z.number().int().min(0).default(0),
  })
  .refine((a) => a.type !== 'enum' || (a.allowedValues?.length ?? 0) > 0, {
    error: 'An enum attribute needs allowed values.',
    path: ['allowedValues'],
  });

export const VariantInput = z.object({
  /** Omitted: a new variant. */
  id: z.uuid().optional(),
  sku: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { error: 'Use letters, digits, dot, dash and underscore.' }),
  salesAttributes: z.record(z.string(), z.string().max(100)).default({}),
  priceMinor: Money,
  compareAtMinor: Money.nullable().optional(),
  status: z.enum(['active', 'inactive']).default('active'),
  weightGrams: z.number().int().nonnegative().max(1_000_000).nullable().optional(),
});
export type VariantInput = z.infer<typeof VariantInput>;

export const ProductInput = z.object({
  name: ShortTranslations,
  description: Translations.optional(),
  slug: Slug.optional(),
  brandId: z.uuid().nullable().optional(),
  primaryCategoryId: z.uuid(),
  categoryIds: z.array(z.uuid()).max(20).default([]),
  type: z.enum(['physical', 'virtual']).default('physical'),
  /**
   * Never gets order-level discounts (coupons, 滿額折) and never counts toward a promotion's
   * threshold. Omitted: false for a new product, kept as it is by an edit.
   */
  excludedFromOrderDiscounts: z.boolean().optional(),
  /**
   * False for goods a convenience store may not hand over: store pickup is then not offered for the
   * cart. Omitted: true for a new product, kept as it is by an edit.
   */
  storePickupEligible: z.boolean().optional(),
  /**
   * Not covered by the 7-day cooling-off return (perishables, opened digital content): shoppers are
   * told on the product page and at checkout. Omitted: false for a new product, kept by an edit.
   */
  coolingOffExempt: z.boolean().optional(),
  basicAttributes: z.record(z.string(), AttrValue).default({}),
  variants: z.array(VariantInput).min(1).max(200),
  /** Optimistic concurrency: the version the editor started from (updates only). */
  version: z.number().int().positive().optional(),
});
export type ProductInput = z.infer<typeof ProductInput>;

/** Lifecycle commands. */
export const ProductTransition = z.enum([
  'submit',
  'approve',
  'reject',
  'put_on_shelf',
  'take_off_shelf',
  'freeze',
  'unfreeze',
  'delete',
  'restore',
]);
export const TransitionBody = z.object({
  action: ProductTransition,
  reason: z.string().trim().max(500).optional(),
  version: z.number().int().positive().optional(),
});

// ---------- what readers get ----------

export const Category = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  slug: z.string(),
  name: z.string(),
  depth: z.number().int(),
  sortOrder: z.number().int(),
  get children() {
    return z.array(Category);
  },
});
export type Category = z.infer<typeof Category>;
// A recursive schema is published in OpenAPI as a named component.
z.globalRegistry.add(Category, { id: 'Category' });
export const CategoryTree = z.object({ items: z.array(Category) });

export const Brand = z.object({ id: z.uuid(), slug: z.string(), name: z.string(), logoUrl: z.string().nullable() });
export const BrandList = z.object({ items: z.array(Brand) });

/** One stored rendition of an image: `url` is `width` pixels wide. */
export const ImageSize = z.object({ width: z.number().int(), url: z.string() });
export const Image = z.object({
  id: z.uuid(),
  /** The original upload. */
  url: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  alt: z.string().nullable(),
  variantId: z.uuid().nullable(),
  /** WebP renditions (320/640/1280 wide, those narrower than the original) then the original, narrowest first. */
  sizes: z.array(ImageSize).optional(),
  /** `sizes` as an HTML `srcset` value. */
  srcset: z.string().optional(),
});

export const StockState = z.enum(['in_stock', 'low', 'out']);

export const ProductSummary = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  brand: z.string().nullable(),
  priceMinor: z.number().int(),
  priceMaxMinor: z.number().int(),
  compareAtMinor: z.number().int().nullable(),
  imageUrl: z.string().nullable(),
  /** `srcset` of the first image (its WebP renditions and the original), for product cards. */
  imageSrcset: z.string().nullable().optional(),
  status: ProductStatus,
  stock: StockState,
  /** Name with the matched part wrapped in <mark>…</mark> (HTML-escaped otherwise), for search results. */
  highlight: z.string().nullable(),
});
export type ProductSummary = z.infer<typeof ProductSummary>;

export const ProductListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  category: z.string().max(120).optional(),
  brand: z.string().max(120).optional(),
  /** Minor units, at most the highest price a variant may have. */
  priceMin: z.coerce.number().int().nonnegative().max(MAX_PRICE_MINOR).optional(),
  priceMax: z.coerce.number().int().nonnegative().max(MAX_PRICE_MINOR).optional(),
  /** `attr=color:red&attr=size:M`; values of one code are OR-ed, codes AND-ed. */
  attr: z.union([z.string(), z.array(z.string())]).optional(),
  inStock: z.enum(['true', 'false']).optional(),
  sort: z.enum(['relevance', 'price_asc', 'price_desc', 'newest', 'bestselling', 'name']).default('relevance'),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(24),
  locale: CatalogLocale.optional(),
});

const Facet = z.object({ value: z.string(), label: z.string(), count: z.number().int() });
export const ProductListResponse = z.object({
  items: z.array(ProductSummary),
  /** How many products match; an estimate when `totalExact` is false. */
  total: z.number().int(),
  /**
   * False when a broad search matched more products than a search ranks (`pages` × `pageSize` of
   * them, the best-selling matches): `total` is then an estimate and facet counts are counted over
   * the ranked products only.
   */
  totalExact: z.boolean(),
  /** How many pages can be requested (a later page is empty). */
  pages: z.number().int(),
  /** The words searched for instead, when a word of `q` matched nothing and was corrected (typos). */
  correctedQuery: z.string().nullable(),
  page: z.number().int(),
  pageSize: z.number().int(),
  facets: z.object({
    categories: z.array(Facet),
    brands: z.array(Facet),
    attributes: z.array(z.object({ code: z.string(), label: z.string(), values: z.array(Facet) })),
    prices: z.array(z.object({ min: z.number().int(), max: z.number().int().nullable(), count: z.number().int() })),
  }),
});

// ---------- storefront reads ----------

export const ProductSummaryList = z.object({ items: z.array(ProductSummary) });
export const BestsellersQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(12), locale: CatalogLocale.optional() });
export const LocaleQuery = z.object({ locale: CatalogLocale.optional() });

const NamedRef = z.object({ id: z.uuid(), slug: z.string(), name: z.string() });

export const ProductDetail = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  status: ProductStatus,
  brand: NamedRef.nullable(),
  priceMinor: z.number().int(),
  priceMaxMinor: z.number().int(),
  compareAtMinor: z.number().int().nullable(),
  stock: StockState,
  /** Not covered by the 7-day cooling-off return (七天鑑賞期): the page says so before the shopper buys. */
  coolingOffExempt: z.boolean(),
  /** Basic attributes with localized labels and values. */
  attributes: z.array(z.object({ code: z.string(), label: z.string(), value: z.string() })),
  /**
   * The sales attributes the variants differ by (definition order), with the localized name and a
   * label for every value the variants use; `variants[].salesAttributes` keep the values (codes).
   */
  options: z.array(z.object({ code: z.string(), label: z.string(), values: z.array(z.object({ value: z.string(), label: z.string() })) })),
  variants: z.array(
    z.object({
      id: z.uuid(),
      sku: z.string(),
      salesAttributes: z.record(z.string(), z.string()),
      priceMinor: z.number().int(),
      compareAtMinor: z.number().int().nullable(),
      stock: StockState,
    }),
  ),
  images: z.array(Image),
  /** The primary category's path from the root. */
  breadcrumbs: z.array(NamedRef),
  related: z.array(ProductSummary),
});
export type ProductDetail = z.infer<typeof ProductDetail>;

export const SuggestQuery = z.object({ q: z.string().trim().max(100).default(''), locale: CatalogLocale.optional() });
export const SuggestResponse = z.object({
  /** Up to 8 product names; `highlight` marks the matched part. */
  products: z.array(z.object({ id: z.uuid(), slug: z.string(), name: z.string(), highlight: z.string() })),
  categories: z.array(NamedRef),
  brands: z.array(NamedRef),
});
