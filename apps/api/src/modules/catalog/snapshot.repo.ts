// Product snapshots in the database: what `currentSnapshot` reads and writes.
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { NotFoundError } from '../../platform/errors.js';
import * as repo from './catalog.repo.js';
import { productImages, productSnapshots } from './catalog.tables.js';
import { contentHash, snapshotContent, type SnapshotSource } from './snapshot.js';

export async function snapshotSource(tx: Tx, productId: string): Promise<SnapshotSource | undefined> {
  const product = await repo.findProduct(tx, productId);
  if (!product) return undefined;
  const brand = product.brandId ? await repo.findBrand(tx, product.brandId) : undefined;
  const extra = await repo.productCategoryIds(tx, productId);
  const ids = [...new Set([product.primaryCategoryId, ...extra].filter((x): x is string => x !== null))];
  const cats = await repo.findCategories(tx, ids);
  const byId = new Map(cats.map((c) => [c.id, c]));
  const images = await tx
    .select({ storageKey: productImages.storageKey, variantId: productImages.variantId })
    .from(productImages)
    .where(eq(productImages.productId, productId))
    .orderBy(asc(productImages.sortOrder), asc(productImages.createdAt), asc(productImages.id));
  return {
    product,
    brand: brand ? { id: brand.id, name: brand.name } : null,
    categories: ids.flatMap((id) => {
      const c = byId.get(id);
      return c ? [{ id: c.id, name: c.name }] : [];
    }),
    variants: await repo.variantsOf(tx, productId),
    images,
  };
}

/** Inserts the snapshot unless its hash exists, and returns the id of the row holding that content. */
export async function upsertSnapshot(tx: Tx, v: { productId: string; contentHash: string; content: unknown }): Promise<string> {
  const [inserted] = await tx
    .insert(productSnapshots)
    .values(v)
    .onConflictDoNothing({ target: productSnapshots.contentHash })
    .returning({ id: productSnapshots.id });
  if (inserted) return inserted.id;
  const [existing] = await tx
    .select({ id: productSnapshots.id })
    .from(productSnapshots)
    .where(eq(productSnapshots.contentHash, v.contentHash));
  return existing!.id;
}

export async function snapshotsOf(db: DbOrTx, productId: string): Promise<Array<{ id: string; contentHash: string; createdAt: Date }>> {
  return db
    .select({ id: productSnapshots.id, contentHash: productSnapshots.contentHash, createdAt: productSnapshots.createdAt })
    .from(productSnapshots)
    .where(eq(productSnapshots.productId, productId))
    .orderBy(asc(productSnapshots.createdAt));
}

/**
 * The id of the snapshot of the product as it is now in `tx`, inserting it when this content was
 * never seen (`ON CONFLICT (content_hash) DO NOTHING`, so concurrent callers agree on one row).
 * Orders call this inside their own transaction.
 */
export async function currentSnapshot(tx: Tx, productId: string): Promise<string> {
  const src = await snapshotSource(tx, productId);
  if (!src) throw new NotFoundError('product', productId, 'PRODUCT_NOT_FOUND');
  const content = snapshotContent(src);
  return upsertSnapshot(tx, { productId, contentHash: contentHash(content), content });
}
