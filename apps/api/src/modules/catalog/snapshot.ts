/**
 * Product snapshots: what a buyer sees, as canonical JSON, deduplicated by its
 * sha256. Orders keep the snapshot id, so an order shows the product as it was when bought.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../platform/canonical-json.js';
import type { Translations } from './catalog.tables.js';

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
    coolingOffExempt: boolean;
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
    coolingOffExempt: src.product.coolingOffExempt,
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
