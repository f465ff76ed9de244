// A product as staff see it (row, categories, variants, images, pending revision with what it
// changes), and the field lists edits are compared by.
import { ProductInput } from '@shop/contracts/catalog';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import { canonicalJson } from '../../platform/canonical-json.js';
import * as repo from './catalog.repo.js';
import { diffFields, type FieldDiff } from './diff.js';
import { imageUrl } from './media.js';
import { resolvePlan } from './revision-images.js';

export type ProductValues = z.output<typeof ProductInput>;

/** A product as staff see it: every field, both locales, the extra categories and all variants. */
export interface AdminProductView extends repo.ProductRow {
  categoryIds: string[];
  variants: repo.VariantRow[];
  images: repo.ImageRow[];
  /** An edit waiting for an approver (live products only), with what it changes of the live content. */
  pendingRevision: PendingRevision | null;
}

export interface PendingRevision {
  id: string;
  /** The proposed edit; null when only images are proposed. */
  values: Omit<ProductValues, 'version'> | null;
  /** The proposed images in order; null when images do not change. */
  images: repo.ImageRow[] | null;
  proposedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  changes: FieldDiff;
}

export async function loadView(db: DbOrTx, productId: string): Promise<AdminProductView | undefined> {
  const product = await repo.findProduct(db, productId);
  if (!product) return undefined;
  const view = {
    ...product,
    categoryIds: await repo.productCategoryIds(db, productId),
    variants: await repo.variantsOf(db, productId),
    images: await repo.imagesOf(db, productId),
    pendingRevision: null,
  };
  const revision = await repo.findPendingRevision(db, productId);
  if (!revision) return view;
  // Stored from a parsed ProductInput; parsed again for its types (a row edited by hand into nonsense shows as is).
  const parsed = revision.values === null ? undefined : ProductInput.safeParse(revision.values);
  const values = parsed === undefined ? null : parsed.success ? parsed.data : (revision.values as ProductValues);
  const images = revision.images ? resolvePlan(revision.images, view.images, productId, revision.updatedAt) : null;
  const changes = { ...(values ? reviewedChanges(view, values) : {}), ...(images ? imageChanges(view.images, images) : {}) };
  return {
    ...view,
    pendingRevision: {
      id: revision.id,
      values,
      images,
      proposedBy: revision.proposedBy,
      createdAt: revision.createdAt,
      updatedAt: revision.updatedAt,
      changes,
    },
  };
}

/** `images: { before, after }` as `[{ id, url }]` in order, when the proposed list differs from the live one. */
export function imageChanges(live: readonly repo.ImageRow[], proposed: readonly repo.ImageRow[]): FieldDiff {
  const ids = (rows: readonly repo.ImageRow[]) => rows.map((i) => ({ id: i.id, url: imageUrl(i) }));
  if (canonicalJson(live.map((i) => i.id)) === canonicalJson(proposed.map((i) => i.id))) return {};
  return { images: { before: ids(live), after: ids(proposed) } };
}

/** The fields an edit can change, in the shape the operation log diffs. */
export const editable = (p: AdminProductView) => ({
  slug: p.slug,
  name: p.name,
  description: p.description,
  brandId: p.brandId,
  primaryCategoryId: p.primaryCategoryId,
  categoryIds: p.categoryIds,
  type: p.type,
  excludedFromOrderDiscounts: p.excludedFromOrderDiscounts,
  storePickupEligible: p.storePickupEligible,
  coolingOffExempt: p.coolingOffExempt,
  basicAttributes: p.basicAttributes,
  status: p.status,
  variants: p.variants.map((v) => ({
    id: v.id,
    sku: v.sku,
    salesAttributes: v.salesAttributes,
    priceMinor: v.priceMinor,
    compareAtMinor: v.compareAtMinor,
    status: v.status,
    weightGrams: v.weightGrams,
  })),
});

/** Active variants' prices, by variant id (new variants by SKU). */
const activePrices = (
  variants: ReadonlyArray<{
    id?: string | undefined;
    sku: string;
    priceMinor: number;
    compareAtMinor?: number | null | undefined;
    status?: string | undefined;
  }>,
) =>
  new Map(
    variants
      .filter((x) => (x.status ?? 'active') === 'active')
      .map((x) => [x.id ?? `new:${x.sku}`, { sku: x.sku, priceMinor: x.priceMinor, compareAtMinor: x.compareAtMinor ?? null }]),
  );

/**
 * What an edit changes of the content an approval covered, as operation-log fields: `name`,
 * `description`, and `prices` (`[{ sku, priceMinor, compareAtMinor }]` of the active variants whose
 * prices change or that become active). Removing or deactivating a variant is not listed.
 */
export function reviewedChanges(before: AdminProductView, v: ProductValues): FieldDiff {
  const diff = diffFields({ name: before.name, description: before.description }, { name: v.name, description: v.description ?? null });
  const was = activePrices(before.variants);
  const now = activePrices(v.variants);
  const changed = [...now].filter(([key, p]) => canonicalJson(was.get(key)) !== canonicalJson(p));
  if (changed.length > 0) {
    diff.prices = {
      before: changed.flatMap(([key]) => (was.has(key) ? [was.get(key)!] : [])),
      after: changed.map(([, p]) => p),
    };
  }
  return diff;
}
