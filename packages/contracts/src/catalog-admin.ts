// Staff-side catalog responses. Inputs live in ./catalog.ts.
import { z } from 'zod';
import { AttrValue, ProductStatus, Translations } from './catalog.js';
import { Paged } from './common.js';

export const AdminCategory = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  path: z.string(),
  depth: z.number().int(),
  slug: z.string(),
  name: Translations,
  description: Translations.nullable(),
  sortOrder: z.number().int(),
  get children() {
    return z.array(AdminCategory);
  },
});
export type AdminCategory = z.infer<typeof AdminCategory>;
z.globalRegistry.add(AdminCategory, { id: 'AdminCategory' });
export const AdminCategoryTree = z.object({ items: z.array(AdminCategory) });

export const AdminBrand = z.object({ id: z.uuid(), slug: z.string(), name: Translations, logoUrl: z.string().nullable() });
export const AdminBrandList = z.object({ items: z.array(AdminBrand) });

export const AdminAttributeDefinition = z.object({
  id: z.uuid(),
  categoryId: z.uuid(),
  code: z.string(),
  kind: z.enum(['basic', 'sales']),
  type: z.enum(['text', 'number', 'boolean', 'enum']),
  required: z.boolean(),
  label: Translations,
  allowedValues: z.array(z.object({ value: z.string(), label: Translations })).nullable(),
  sortOrder: z.number().int(),
  /** True when defined on an ancestor of the category asked about. */
  inherited: z.boolean(),
});
export const AdminAttributeList = z.object({ items: z.array(AdminAttributeDefinition) });
export const AdminAttributeQuery = z.object({ categoryId: z.uuid().optional() });

export const AdminVariant = z.object({
  id: z.uuid(),
  sku: z.string(),
  salesAttributes: z.record(z.string(), z.string()),
  priceMinor: z.number().int(),
  compareAtMinor: z.number().int().nullable(),
  status: z.enum(['active', 'inactive']),
  weightGrams: z.number().int().nullable(),
  sortOrder: z.number().int(),
});

export const AdminImage = z.object({
  id: z.uuid(),
  variantId: z.uuid().nullable(),
  storageKey: z.string(),
  url: z.string(),
  contentType: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  alt: Translations.nullable(),
  sortOrder: z.number().int(),
  sizes: z.array(z.object({ width: z.number().int(), url: z.string() })),
  srcset: z.string(),
  createdAt: z.string(),
});
export type AdminImage = z.infer<typeof AdminImage>;
export const AdminImageList = z.object({ items: z.array(AdminImage) });
export const ImageOrderInput = z.object({ ids: z.array(z.uuid()).max(200) });
export const ImagePresignInput = z.object({
  contentType: z.enum(['image/jpeg', 'image/png', 'image/webp', 'image/avif']),
  bytes: z.number().int().positive(),
});
export const ImagePresignResponse = z.object({
  key: z.string(),
  method: z.literal('PUT'),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.string(),
  publicUrl: z.string(),
});
export const ImageConfirmInput = z.object({
  key: z.string().max(200),
  contentType: z.enum(['image/jpeg', 'image/png', 'image/webp', 'image/avif']),
  width: z.number().int().positive().max(20_000),
  height: z.number().int().positive().max(20_000),
  bytes: z.number().int().positive(),
  variantId: z.uuid().optional(),
  alt: Translations.optional(),
});

/**
 * One problem of an import file: `row` is the 1-based item of a JSON array, or the CSV line (header
 * = 1); `path` the field or CSV column. `code` (stable, upper-snake: `PRICE_NOT_WHOLE`,
 * `SKU_TAKEN`, `CATEGORY_NOT_FOUND`, Zod's `INVALID_TYPE` …) with `params` lets a client word it in
 * its language; `message` says it in English. (`code` and `params` are optional for older servers.)
 */
export const ImportRowError = z.object({
  row: z.number().int(),
  path: z.string(),
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  message: z.string(),
});
export const ImportResult = z.object({
  created: z.number().int(),
  items: z.array(z.object({ row: z.number().int(), id: z.uuid(), slug: z.string(), skus: z.array(z.string()) })),
});

/** One changed field of an edit: `{ before, after }` (for `prices`: `[{ sku, priceMinor, compareAtMinor }]`). */
export const FieldChange = z.object({ before: z.unknown(), after: z.unknown() });

/**
 * An edit of a live product by someone who may not approve, waiting for an approver: the edit as
 * sent (`values`, the ProductInput shape without version), the proposed images, and what they
 * change of the live content.
 */
export const PendingRevision = z.object({
  id: z.uuid(),
  /** Null when only images are proposed. */
  values: z.record(z.string(), z.unknown()).nullable(),
  /** The proposed images in order (new uploads included); null when images do not change. */
  images: z.array(AdminImage).nullable().optional(),
  proposedBy: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  changes: z.record(z.string(), FieldChange),
});
export type PendingRevision = z.infer<typeof PendingRevision>;
export const RevisionDecisionBody = z.object({ decision: z.enum(['approve', 'reject']), reason: z.string().trim().max(500).optional() });

export const AdminProduct = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: Translations,
  description: Translations.nullable(),
  brandId: z.uuid().nullable(),
  primaryCategoryId: z.uuid().nullable(),
  categoryIds: z.array(z.uuid()),
  type: z.enum(['physical', 'virtual']),
  /** Optional for older clients' fixtures; the API always sends both flags. */
  excludedFromOrderDiscounts: z.boolean().optional(),
  storePickupEligible: z.boolean().optional(),
  coolingOffExempt: z.boolean().optional(),
  basicAttributes: z.record(z.string(), AttrValue),
  status: ProductStatus,
  /** Send it back with an update: a stale one answers 409 VERSION_CONFLICT. */
  version: z.number().int(),
  reviewNote: z.string().nullable(),
  createdBy: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  firstOnShelfAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
  variants: z.array(AdminVariant),
  /** In display order (optional for older clients' fixtures; the API always sends it). */
  images: z.array(AdminImage).optional(),
  /** Live products only: an edit waiting for an approver (the product shows its approved content until then). */
  pendingRevision: PendingRevision.nullable().optional(),
});
export type AdminProduct = z.infer<typeof AdminProduct>;

export const AdminProductSummary = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: Translations,
  status: ProductStatus,
  version: z.number().int(),
  brandId: z.uuid().nullable(),
  primaryCategoryId: z.uuid().nullable(),
  variantCount: z.number().int(),
  priceMinMinor: z.number().int().nullable(),
  priceMaxMinor: z.number().int().nullable(),
  /** An edit of this live product waits for an approver. */
  pendingRevision: z.boolean().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const AdminProductList = Paged(AdminProductSummary);
export const AdminProductListQuery = z.object({
  status: ProductStatus.optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const AdminPaging = z.object({
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

export const OperationLogEntry = z.object({
  id: z.uuid(),
  actorId: z.uuid().nullable(),
  /** Who, for people reading the log (null for the system or a removed account). */
  actor: z.object({ email: z.string(), displayName: z.string() }).nullable().optional(),
  entityType: z.string(),
  entityId: z.uuid(),
  /** create | update | delete | move | image_* | revision_propose/approve/reject | the lifecycle action (submit, approve, …). */
  operation: z.string(),
  /** Changed fields: `{ field: { before, after } }`. */
  diff: z.record(z.string(), z.unknown()),
  at: z.string(),
});
export const OperationLog = Paged(OperationLogEntry);
