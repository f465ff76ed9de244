// The catalog's SQL (staff side): products, variants, revisions, the operation log, images; the
// taxonomy's (categories, brands, attribute definitions) is in taxonomy.repo.ts, re-exported here so
// that use cases see one repository. Plain typed rows in and out; no rules here.
import { and, asc, count, desc, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { likeLiteral } from '../../db/pg.js';
import {
  catalogOperationLog,
  categories,
  productCategories,
  productImages,
  productRevisions,
  products,
  productSlugHistory,
  productStats,
  variants,
  type ProductStatus,
  type ProposedImage,
} from './catalog.tables.js';

export * from './taxonomy.repo.js';

export type ProductRow = typeof products.$inferSelect;
export type VariantRow = typeof variants.$inferSelect;
export type OperationLogRow = typeof catalogOperationLog.$inferSelect;
export type RevisionRow = typeof productRevisions.$inferSelect;

// ---------- products ----------

/** Taken by a product, or kept as a former slug of another product (old links must keep working). */
export async function productSlugTaken(db: DbOrTx, slug: string, exceptProductId?: string): Promise<boolean> {
  const [a] = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.slug, slug), exceptProductId ? ne(products.id, exceptProductId) : undefined));
  if (a) return true;
  const [b] = await db
    .select({ id: productSlugHistory.productId })
    .from(productSlugHistory)
    .where(and(eq(productSlugHistory.slug, slug), exceptProductId ? ne(productSlugHistory.productId, exceptProductId) : undefined));
  return b !== undefined;
}

export async function insertProduct(tx: Tx, v: typeof products.$inferInsert): Promise<ProductRow> {
  const [row] = await tx.insert(products).values(v).returning();
  return row!;
}

export async function findProduct(db: DbOrTx, id: string): Promise<ProductRow | undefined> {
  const [row] = await db.select().from(products).where(eq(products.id, id));
  return row;
}

/**
 * Writes an edit if the row is still at `expectedVersion` and bumps the version; undefined when
 * someone else saved first (or the product is gone).
 */
export async function updateProductIfVersion(
  tx: Tx,
  id: string,
  expectedVersion: number,
  v: Partial<
    Pick<
      ProductRow,
      | 'slug'
      | 'name'
      | 'description'
      | 'brandId'
      | 'primaryCategoryId'
      | 'type'
      | 'excludedFromOrderDiscounts'
      | 'storePickupEligible'
      | 'coolingOffExempt'
      | 'basicAttributes'
      | 'status'
    >
  >,
): Promise<ProductRow | undefined> {
  const [row] = await tx
    .update(products)
    .set({ ...v, version: sql`${products.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(products.id, id), eq(products.version, expectedVersion)))
    .returning();
  return row;
}

/**
 * The lifecycle's one conditional statement: `UPDATE … WHERE id = $1 AND status = $from` (and the
 * version, when the caller names one). Undefined when the row is no longer in `from`.
 */
export async function transitionProduct(
  tx: Tx,
  t: {
    id: string;
    from: ProductStatus;
    to: ProductStatus;
    version?: number | undefined;
    reviewNote?: string | null | undefined;
    softDelete?: boolean;
  },
): Promise<ProductRow | undefined> {
  const [row] = await tx
    .update(products)
    .set({
      status: t.to,
      version: sql`${products.version} + 1`,
      updatedAt: sql`now()`,
      ...(t.reviewNote !== undefined ? { reviewNote: t.reviewNote } : {}),
      ...(t.to === 'on_shelf' ? { firstOnShelfAt: sql`coalesce(${products.firstOnShelfAt}, now())` } : {}),
      ...(t.softDelete ? { deletedAt: sql`now()` } : {}),
      ...(t.from === 'deleted' ? { deletedAt: null } : {}),
    })
    .where(and(eq(products.id, t.id), eq(products.status, t.from), t.version !== undefined ? eq(products.version, t.version) : undefined))
    .returning();
  return row;
}

export interface ProductListRow {
  id: string;
  slug: string;
  name: ProductRow['name'];
  status: ProductStatus;
  version: number;
  brandId: string | null;
  primaryCategoryId: string | null;
  variantCount: number;
  priceMinMinor: number | null;
  priceMaxMinor: number | null;
  /** A live product with an edit waiting for an approver. */
  pendingRevision: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Staff list: by status (deleted ones only when asked for), `q` on either name, literal `%` and `_`. */
export async function listProducts(
  db: DbOrTx,
  f: {
    status?: ProductStatus | undefined;
    q?: string | undefined;
    page: number;
    pageSize: number;
    oldestFirst?: boolean;
    waitingForReview?: boolean;
  },
): Promise<{ rows: ProductListRow[]; total: number }> {
  const conds: SQL[] = [
    f.waitingForReview ? waitingForReview() : f.status ? eq(products.status, f.status) : ne(products.status, 'deleted'),
  ];
  if (f.q) {
    const pattern = `%${likeLiteral(f.q)}%`;
    conds.push(
      or(
        sql`${products.name}->>'zh-TW' ILIKE ${pattern}`,
        sql`${products.name}->>'en' ILIKE ${pattern}`,
        sql`${products.slug} ILIKE ${pattern}`,
      )!,
    );
  }
  const where = and(...conds);
  const stats = db
    .select({
      productId: variants.productId,
      n: count().as('n'),
      min: sql<number>`min(${variants.priceMinor})`.as('min'),
      max: sql<number>`max(${variants.priceMinor})`.as('max'),
    })
    .from(variants)
    .groupBy(variants.productId)
    .as('vs');
  const rows = await db
    .select({
      id: products.id,
      slug: products.slug,
      name: products.name,
      status: products.status,
      version: products.version,
      brandId: products.brandId,
      primaryCategoryId: products.primaryCategoryId,
      variantCount: sql<number>`coalesce(${stats.n}, 0)::int`,
      priceMinMinor: sql<number | null>`${stats.min}`,
      priceMaxMinor: sql<number | null>`${stats.max}`,
      pendingRevision: sql<boolean>`EXISTS (SELECT 1 FROM ${productRevisions} r WHERE r.product_id = ${products.id} AND r.status = 'pending')`,
      createdAt: products.createdAt,
      updatedAt: products.updatedAt,
    })
    .from(products)
    .leftJoin(stats, eq(stats.productId, products.id))
    .where(where)
    .orderBy(f.oldestFirst ? asc(waitingSince()) : desc(products.updatedAt), asc(products.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [total] = await db.select({ n: count() }).from(products).where(where);
  return { rows, total: total?.n ?? 0 };
}

export async function productCategoryIds(db: DbOrTx, productId: string): Promise<string[]> {
  const rows = await db
    .select({ id: productCategories.categoryId })
    .from(productCategories)
    .where(eq(productCategories.productId, productId))
    .orderBy(asc(productCategories.categoryId));
  return rows.map((r) => r.id);
}

export async function setProductCategories(tx: Tx, productId: string, categoryIds: readonly string[]): Promise<void> {
  await tx.delete(productCategories).where(eq(productCategories.productId, productId));
  if (categoryIds.length) await tx.insert(productCategories).values(categoryIds.map((categoryId) => ({ productId, categoryId })));
}

export async function recordOldSlug(tx: Tx, productId: string, slug: string): Promise<void> {
  await tx
    .insert(productSlugHistory)
    .values({ slug, productId })
    .onConflictDoUpdate({ target: productSlugHistory.slug, set: { productId, createdAt: sql`now()` } });
}

/** A product taking back one of its former slugs: it is current again, not a redirect. */
export async function forgetOldSlug(tx: Tx, productId: string, slug: string): Promise<void> {
  await tx.delete(productSlugHistory).where(and(eq(productSlugHistory.slug, slug), eq(productSlugHistory.productId, productId)));
}

export async function resolveSlug(db: DbOrTx, slug: string): Promise<{ productId: string; canonicalSlug: string } | undefined> {
  const [current] = await db.select({ id: products.id, slug: products.slug }).from(products).where(eq(products.slug, slug));
  if (current) return { productId: current.id, canonicalSlug: current.slug };
  const [old] = await db
    .select({ id: products.id, slug: products.slug })
    .from(productSlugHistory)
    .innerJoin(products, eq(products.id, productSlugHistory.productId))
    .where(eq(productSlugHistory.slug, slug));
  return old ? { productId: old.id, canonicalSlug: old.slug } : undefined;
}

// ---------- variants ----------

export async function variantsOf(db: DbOrTx, productId: string): Promise<VariantRow[]> {
  return db.select().from(variants).where(eq(variants.productId, productId)).orderBy(asc(variants.sortOrder), asc(variants.sku));
}

/** SKUs of `skus` that belong to a variant of another product. */
export async function skusTakenElsewhere(db: DbOrTx, skus: readonly string[], productId: string | null): Promise<string[]> {
  if (skus.length === 0) return [];
  const rows = await db
    .select({ sku: variants.sku })
    .from(variants)
    .where(and(inArray(variants.sku, [...skus]), productId ? ne(variants.productId, productId) : undefined));
  return rows.map((r) => r.sku);
}

export async function insertVariants(tx: Tx, rows: Array<typeof variants.$inferInsert>): Promise<void> {
  if (rows.length) await tx.insert(variants).values(rows);
}

export async function updateVariant(
  tx: Tx,
  id: string,
  v: Pick<VariantRow, 'sku' | 'salesAttributes' | 'priceMinor' | 'compareAtMinor' | 'status' | 'weightGrams' | 'sortOrder'>,
): Promise<void> {
  await tx
    .update(variants)
    .set({ ...v, updatedAt: sql`now()` })
    .where(eq(variants.id, id));
}

export async function deleteVariants(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length) await tx.delete(variants).where(inArray(variants.id, [...ids]));
}

// ---------- revisions ----------

/** The product's pending revision, locked when `forUpdate` (inside a transaction). */
export async function findPendingRevision(db: DbOrTx, productId: string, forUpdate = false): Promise<RevisionRow | undefined> {
  const q = db
    .select()
    .from(productRevisions)
    .where(and(eq(productRevisions.productId, productId), eq(productRevisions.status, 'pending')));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

/**
 * Creates the product's pending revision or replaces the parts given (`values`, `images`; one
 * pending revision per product). An omitted part is kept (null on a new revision).
 */
export async function upsertPendingRevision(
  tx: Tx,
  v: { productId: string; proposedBy: string | null; values?: unknown; images?: ProposedImage[] | null },
): Promise<RevisionRow> {
  const parts = { ...(v.values !== undefined ? { values: v.values } : {}), ...(v.images !== undefined ? { images: v.images } : {}) };
  const [row] = await tx
    .insert(productRevisions)
    .values({ productId: v.productId, proposedBy: v.proposedBy, ...parts })
    .onConflictDoUpdate({
      target: productRevisions.productId,
      targetWhere: sql`${productRevisions.status} = 'pending'`,
      set: { ...parts, proposedBy: v.proposedBy, updatedAt: sql`now()` },
    })
    .returning();
  return row!;
}

export async function decideRevision(
  tx: Tx,
  v: { id: string; status: 'approved' | 'rejected' | 'withdrawn'; decidedBy: string | null; reason: string | null },
): Promise<RevisionRow | undefined> {
  const [row] = await tx
    .update(productRevisions)
    .set({ status: v.status, decidedBy: v.decidedBy, reason: v.reason, decidedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(productRevisions.id, v.id), eq(productRevisions.status, 'pending')))
    .returning();
  return row;
}

/** Ids of products waiting for a review: submitted ones and live ones with a pending revision. */
function waitingForReview(): SQL {
  return or(
    eq(products.status, 'pending_review'),
    sql`EXISTS (SELECT 1 FROM ${productRevisions} r WHERE r.product_id = ${products.id} AND r.status = 'pending')`,
  )!;
}

/** When a product started waiting: its pending revision's last edit, else its own last change (submission). */
function waitingSince(): SQL {
  return sql`coalesce((SELECT r.updated_at FROM ${productRevisions} r WHERE r.product_id = ${products.id} AND r.status = 'pending'), ${products.updatedAt})`;
}

// ---------- operation log ----------

export async function insertOperationLog(
  tx: Tx,
  v: { actorId: string | null; entityType: string; entityId: string; operation: string; diff: unknown },
): Promise<void> {
  // clock_timestamp(): several entries of one transaction still come out in the order written.
  await tx.insert(catalogOperationLog).values({ ...v, at: sql`clock_timestamp()` });
}

export async function listOperationLog(
  db: DbOrTx,
  f: { entityType: string; entityId: string; page: number; pageSize: number },
): Promise<{ rows: OperationLogRow[]; total: number }> {
  const where = and(eq(catalogOperationLog.entityType, f.entityType), eq(catalogOperationLog.entityId, f.entityId));
  const rows = await db
    .select()
    .from(catalogOperationLog)
    .where(where)
    .orderBy(desc(catalogOperationLog.at), desc(catalogOperationLog.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [total] = await db.select({ n: count() }).from(catalogOperationLog).where(where);
  return { rows, total: total?.n ?? 0 };
}

// ---------- images ----------

export type ImageRow = typeof productImages.$inferSelect;

export async function imagesOf(db: DbOrTx, productId: string): Promise<ImageRow[]> {
  return db
    .select()
    .from(productImages)
    .where(eq(productImages.productId, productId))
    .orderBy(asc(productImages.sortOrder), asc(productImages.createdAt), asc(productImages.id));
}

export async function insertImage(tx: Tx, v: Omit<typeof productImages.$inferInsert, 'sortOrder'>): Promise<ImageRow> {
  const [row] = await tx
    .insert(productImages)
    .values({
      ...v,
      sortOrder: sql`(SELECT coalesce(max(${productImages.sortOrder}) + 1, 0) FROM ${productImages} WHERE ${productImages.productId} = ${v.productId})`,
    })
    .returning();
  return row!;
}

export async function deleteImage(tx: Tx, id: string): Promise<void> {
  await tx.delete(productImages).where(eq(productImages.id, id));
}

export async function setImageSortOrder(tx: Tx, id: string, sortOrder: number): Promise<void> {
  await tx.update(productImages).set({ sortOrder }).where(eq(productImages.id, id));
}

export async function imageKeyInUse(db: DbOrTx, storageKey: string): Promise<boolean> {
  const [row] = await db.select({ id: productImages.id }).from(productImages).where(eq(productImages.storageKey, storageKey)).limit(1);
  return row !== undefined;
}

/** Serialises image writes of one product (sort order, reorder), held until the transaction ends. */
export async function lockProductImages(tx: Tx, productId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('catalog.images:' || ${productId}))`);
}

export async function countProducts(db: DbOrTx): Promise<{ products: number; categories: number }> {
  const [p] = await db.select({ n: count() }).from(products);
  const [c] = await db.select({ n: count() }).from(categories);
  return { products: p?.n ?? 0, categories: c?.n ?? 0 };
}

export async function setSoldCount(tx: Tx, productId: string, soldCount: number): Promise<void> {
  await tx.insert(productStats).values({ productId, soldCount }).onConflictDoUpdate({ target: productStats.productId, set: { soldCount } });
}

/** One demo seed at a time (several processes may start together). */
export async function lockDemoSeed(tx: Tx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('catalog.demo_seed'))`);
}
