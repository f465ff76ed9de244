/**
 * Product snapshots: what a buyer sees, as canonical JSON, deduplicated by its
 * sha256. Orders keep the snapshot id, so an order shows the product as it was when bought.
 */
import { createHash } from 'node:crypto';
import type { Tx } from '../../db/client.js';
import { NotFoundError } from '../../platform/errors.js';
import type { Translations } from './catalog.tables.js';
import * as repo from './catalog.repo.js';

/**
 * JSON with object keys sorted at every level and `undefined` members left out, so equal content
 * always gives equal text. Array order is kept (it means something: variants, images).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** sha256 (hex) of the canonical JSON. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

export interface SnapshotSource {
  product: {
    id: string;
    slug: string;
    name: Translations;
    description: Translations | null;
    type: string;
    basicAttributes: Record<string, string | number | boolean | Translations>;
  };
  brand: { id: string; name: Translations } | null;
  /** Primary category first, then the others. */
  categories: Array<{ id: string; name: Translations }>;
  variants: Array<{
    id: string;
    sku: string;
    salesAttributes: Record<string, string>;
    priceMinor: number;
    compareAtMinor: number | null;
    status: string;
    weightGrams: number | null;
  }>;
  images: Array<{ storageKey: string; variantId: string | null }>;
}

/** What a buyer sees of a product: active variants only, in the shop's order; nothing staff-only (status, version, notes). */
export function snapshotContent(src: SnapshotSource) {
  return {
    productId: src.product.id,
    slug: src.product.slug,
    name: src.product.name,
    description: src.product.description,
    type: src.product.type,
    brand: src.brand ? { id: src.brand.id, name: src.brand.name } : null,
    categories: src.categories.map((c) => ({ id: c.id, name: c.name })),
    basicAttributes: src.product.basicAttributes,
    variants: src.variants
      .filter((v) => v.status === 'active')
      .map((v) => ({
        id: v.id,
        sku: v.sku,
        salesAttributes: v.salesAttributes,
        priceMinor: v.priceMinor,
        compareAtMinor: v.compareAtMinor,
        weightGrams: v.weightGrams,
      })),
    images: src.images.map((i) => ({ key: i.storageKey, variantId: i.variantId })),
  };
}
export type SnapshotContent = ReturnType<typeof snapshotContent>;

/**
 * The id of the snapshot of the product as it is now in `tx`, inserting it when this content was
 * never seen (`ON CONFLICT (content_hash) DO NOTHING`, so concurrent callers agree on one row).
 * Orders call this inside their own transaction.
 */
export async function currentSnapshot(tx: Tx, productId: string): Promise<string> {
  const src = await repo.snapshotSource(tx, productId);
  if (!src) throw new NotFoundError('product', productId, 'PRODUCT_NOT_FOUND');
  const content = snapshotContent(src);
  return repo.upsertSnapshot(tx, { productId, contentHash: contentHash(content), content });
}
