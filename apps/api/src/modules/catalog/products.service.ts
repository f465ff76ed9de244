// Products with their variants: create, edit (optimistic version), lifecycle transitions, staff reads.
import type { ProductInput } from '@shop/contracts/catalog';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.js';
import { authorize } from '../../platform/access.js';
import { AppError, NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { appendEvent } from '../../platform/outbox.js';
import * as repo from './catalog.repo.js';
import type { ProductStatus } from './catalog.tables.js';
import type { CatalogDeps, StaffCall } from './catalog.types.js';
import { chooseSlug, log, mappingUniqueErrors, pathIds } from './categories.service.js';
import { diffFields } from './diff.js';
import { isBuyerVisible, ProductEvents, statusAfterEdit, transitionFrom, TRANSITIONS, type LifecycleAction, type StaffAction } from './lifecycle.js';
import { validateProductAttributes } from './product-rules.js';
import { reindexProduct } from './search.indexer.js';
import { baseSlug } from './slug.js';
import { currentSnapshot } from './snapshot.js';

type ProductValues = z.output<typeof ProductInput>;

/** A product as staff see it: every field, both locales, the extra categories and all variants. */
export interface AdminProductView extends repo.ProductRow {
  categoryIds: string[];
  variants: repo.VariantRow[];
  images: repo.ImageRow[];
}

async function loadView(db: Db | Tx, productId: string): Promise<AdminProductView | undefined> {
  const product = await repo.findProduct(db, productId);
  if (!product) return undefined;
  return {
    ...product,
    categoryIds: await repo.productCategoryIds(db, productId),
    variants: await repo.variantsOf(db, productId),
    images: await repo.imagesOf(db, productId),
  };
}

/** The fields an edit can change, in the shape the operation log diffs. */
const editable = (p: AdminProductView) => ({
  slug: p.slug,
  name: p.name,
  description: p.description,
  brandId: p.brandId,
  primaryCategoryId: p.primaryCategoryId,
  categoryIds: p.categoryIds,
  type: p.type,
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

const notFound = (id: string) => new NotFoundError('product', id, 'PRODUCT_NOT_FOUND');

/**
 * Everything wrong with the request at once, as field errors (400 VALIDATION_FAILED): references
 * that do not exist, attribute rules of the primary category and its ancestors, variant ids that
 * are not this product's. Then SKUs other products hold: 409 SKU_TAKEN naming the SKU.
 */
async function checkProduct(tx: Tx, v: ProductValues, existing: AdminProductView | undefined): Promise<void> {
  const issues: FieldIssue[] = [];
  const primary = await repo.findCategory(tx, v.primaryCategoryId);
  if (!primary) issues.push({ path: 'body.primaryCategoryId', code: 'NOT_FOUND', message: 'No such category.' });
  if (v.brandId && !(await repo.findBrand(tx, v.brandId))) issues.push({ path: 'body.brandId', code: 'NOT_FOUND', message: 'No such brand.' });
  const found = new Set((await repo.findCategories(tx, v.categoryIds)).map((c) => c.id));
  v.categoryIds.forEach((id, i) => {
    if (!found.has(id)) issues.push({ path: `body.categoryIds.${i}`, code: 'NOT_FOUND', message: 'No such category.' });
  });
  const own = new Set(existing?.variants.map((x) => x.id) ?? []);
  const seen = new Set<string>();
  v.variants.forEach((variant, i) => {
    if (variant.id === undefined) return;
    if (!own.has(variant.id) || seen.has(variant.id)) issues.push({ path: `body.variants.${i}.id`, code: 'UNKNOWN_VARIANT', message: 'Not a variant of this product; omit the id for a new one.' });
    seen.add(variant.id);
  });
  if (primary) issues.push(...validateProductAttributes(await repo.attributeDefsOf(tx, pathIds(primary.path)), v));
  if (issues.length) throw new ValidationError(issues);

  const taken = await repo.skusTakenElsewhere(tx, v.variants.map((x) => x.sku), existing?.id ?? null);
  if (taken.length) throw new AppError('SKU_TAKEN', 409, `SKU ${taken[0]} is taken by another product.`, { sku: taken[0], skus: taken });
}

/** Makes the rows of `variants` match the request: by id, new ones without, the missing ones deleted. */
async function replaceVariants(tx: Tx, productId: string, existing: readonly repo.VariantRow[], input: ProductValues['variants']) {
  const keep = new Set(input.flatMap((v) => (v.id ? [v.id] : [])));
  // Deletions first, so a new variant may take the SKU of one removed in the same save.
  await repo.deleteVariants(tx, existing.filter((v) => !keep.has(v.id)).map((v) => v.id));
  const values = (v: ProductValues['variants'][number], i: number) => ({
    sku: v.sku,
    salesAttributes: v.salesAttributes,
    priceMinor: v.priceMinor,
    compareAtMinor: v.compareAtMinor ?? null,
    status: v.status,
    weightGrams: v.weightGrams ?? null,
    sortOrder: i,
  });
  for (const [i, v] of input.entries()) if (v.id) await repo.updateVariant(tx, v.id, values(v, i));
  await repo.insertVariants(tx, input.flatMap((v, i) => (v.id ? [] : [{ ...values(v, i), productId }])));
}

const extraCategories = (v: ProductValues) => [...new Set(v.categoryIds)].filter((id) => id !== v.primaryCategoryId);

/** Creates a draft with its variants, in one transaction; the slug comes from the name unless given. */
export async function createProduct(deps: CatalogDeps, input: StaffCall & { values: ProductValues }): Promise<AdminProductView> {
  await authorize(deps.db, { ...input, action: 'create', resource: { type: 'product' } });
  return mappingUniqueErrors(() => deps.db.transaction((tx) => insertDraft(tx, { actorId: input.actor?.userId ?? null, values: input.values, operation: 'create' })));
}

/**
 * Creates a draft in the caller's transaction (after the caller authorized): checks (400/409 as
 * `createProduct`), inserts, logs `operation`, emits product.created and indexes it.
 */
export async function insertDraft(tx: Tx, input: { actorId: string | null; values: ProductValues; operation: string }): Promise<AdminProductView> {
  const v = input.values;
  await checkProduct(tx, v, undefined);
  const slug = await chooseSlug(v.slug, baseSlug(v.name, 'product'), (s) => repo.productSlugTaken(tx, s));
  const row = await repo.insertProduct(tx, {
    slug,
    name: v.name,
    description: v.description ?? null,
    brandId: v.brandId ?? null,
    primaryCategoryId: v.primaryCategoryId,
    type: v.type,
    basicAttributes: v.basicAttributes,
    status: 'draft',
    createdBy: input.actorId,
  });
  await repo.setProductCategories(tx, row.id, extraCategories(v));
  await replaceVariants(tx, row.id, [], v.variants);
  const view = (await loadView(tx, row.id))!;
  await repo.insertOperationLog(tx, { actorId: input.actorId, entityType: 'product', entityId: row.id, operation: input.operation, diff: diffFields(null, editable(view)) });
  await appendEvent(tx, { aggregateType: 'product', aggregateId: row.id, eventType: ProductEvents.created, payload: { productId: row.id, actorId: input.actorId } });
  await reindexProduct(tx, row.id);
  return view;
}

/**
 * Moves a product through lifecycle steps in the caller's transaction without an access check:
 * for trusted callers (the demo seed), which authorize themselves. Logs and emits as staff moves do.
 */
export async function advanceProduct(tx: Tx, input: { productId: string; actions: readonly StaffAction[]; actorId: string | null }): Promise<void> {
  for (const action of input.actions) {
    const product = await repo.findProduct(tx, input.productId);
    if (!product) throw notFound(input.productId);
    await applyTransition(tx, { product, action, actorId: input.actorId });
  }
}

/**
 * Replaces a product's content and variants (PUT) when `version` is still current (else 409
 * VERSION_CONFLICT with the current version). The status follows `statusAfterEdit`: reviewed content
 * goes back to draft, live products are edited in place and get a new snapshot; frozen and deleted
 * ones answer 409 PRODUCT_NOT_EDITABLE. A new slug keeps the old one resolvable. An omitted slug is kept.
 */
export async function updateProduct(deps: CatalogDeps, input: StaffCall & { productId: string; values: ProductValues }): Promise<AdminProductView> {
  await authorize(deps.db, { ...input, action: 'update', resource: { type: 'product', id: input.productId } });
  const v = input.values;
  if (v.version === undefined) throw new ValidationError([{ path: 'body.version', code: 'REQUIRED', message: 'Send the version you edited.' }]);
  const expected = v.version;
  return mappingUniqueErrors(() =>
    deps.db.transaction(async (tx) => {
      const before = await loadView(tx, input.productId);
      if (!before) throw notFound(input.productId);
      if (before.version !== expected) throw versionConflict(before.version);
      const status = statusAfterEdit(before.status);
      if (!status) throw new AppError('PRODUCT_NOT_EDITABLE', 409, `A ${before.status} product cannot be edited.`, { status: before.status });
      await checkProduct(tx, v, before);

      const slug = v.slug ?? before.slug;
      if (slug !== before.slug) {
        await chooseSlug(slug, '', (s) => repo.productSlugTaken(tx, s, before.id));
        await repo.forgetOldSlug(tx, before.id, slug);
        await repo.recordOldSlug(tx, before.id, before.slug);
      }
      const row = await repo.updateProductIfVersion(tx, before.id, expected, {
        slug,
        name: v.name,
        description: v.description ?? null,
        brandId: v.brandId ?? null,
        primaryCategoryId: v.primaryCategoryId,
        type: v.type,
        basicAttributes: v.basicAttributes,
        status,
      });
      if (!row) throw versionConflict((await repo.findProduct(tx, before.id))?.version ?? before.version);
      await repo.setProductCategories(tx, row.id, extraCategories(v));
      await replaceVariants(tx, row.id, before.variants, v.variants);

      const after = (await loadView(tx, row.id))!;
      const diff = diffFields(editable(before), editable(after));
      await log(tx, input, { entityType: 'product', entityId: row.id, operation: 'update', diff });
      await appendEvent(tx, {
        aggregateType: 'product',
        aggregateId: row.id,
        eventType: ProductEvents.updated,
        payload: { productId: row.id, actorId: input.actor?.userId ?? null, fields: Object.keys(diff), from: before.status, to: status },
      });
      if (isBuyerVisible(status)) await currentSnapshot(tx, row.id);
      await reindexProduct(tx, row.id);
      return after;
    }),
  );
}

function versionConflict(current: number) {
  return new AppError('VERSION_CONFLICT', 409, 'Someone saved this product after you opened it; reload and apply your changes again.', { currentVersion: current });
}

async function applyTransition(
  tx: Tx,
  t: { product: repo.ProductRow; action: LifecycleAction; actorId: string | null; reason?: string | undefined; version?: number | undefined },
): Promise<repo.ProductRow> {
  const from = t.product.status;
  const rule = transitionFrom(from, t.action);
  if (!rule) {
    throw new AppError('PRODUCT_INVALID_TRANSITION', 409, `A ${from} product cannot ${t.action.replace(/_/g, ' ')}.`, { from, to: TRANSITIONS[t.action].to, action: t.action });
  }
  if (t.version !== undefined && t.version !== t.product.version) throw versionConflict(t.product.version);
  const reviewNote = t.action === 'reject' ? (t.reason ?? null) : t.action === 'approve' || t.action === 'submit' ? null : undefined;
  const row = await repo.transitionProduct(tx, { id: t.product.id, from, to: rule.to, version: t.version, reviewNote, softDelete: rule.to === 'deleted' });
  // Someone moved it between our read and this statement: what we checked no longer holds.
  if (!row) throw new AppError('PRODUCT_INVALID_TRANSITION', 409, 'The product changed meanwhile; reload it.', { from, to: rule.to, action: t.action });

  await repo.insertOperationLog(tx, {
    actorId: t.actorId,
    entityType: 'product',
    entityId: row.id,
    operation: t.action,
    diff: { status: { before: from, after: rule.to }, ...(t.reason ? { reason: { before: null, after: t.reason } } : {}) },
  });
  await appendEvent(tx, {
    aggregateType: 'product',
    aggregateId: row.id,
    eventType: rule.event,
    payload: { productId: row.id, from, to: rule.to, actorId: t.actorId, ...(t.reason ? { reason: t.reason } : {}) },
  });
  if (rule.to === 'on_shelf') await currentSnapshot(tx, row.id);
  await reindexProduct(tx, row.id);
  return row;
}

/**
 * One lifecycle step (design §4): `approve`/`reject` need the `approve` permission (admins by
 * default), `delete` needs `delete`, the rest `update`. Refused moves answer 409
 * PRODUCT_INVALID_TRANSITION with `from`/`to`; `reject` needs a reason.
 */
export async function transitionProduct(
  deps: CatalogDeps,
  input: StaffCall & { productId: string; action: StaffAction; reason?: string | undefined; version?: number | undefined },
): Promise<AdminProductView> {
  const rule = TRANSITIONS[input.action];
  await authorize(deps.db, { ...input, action: rule.permission, resource: { type: 'product', id: input.productId } });
  if (rule.needsReason && !input.reason) throw new ValidationError([{ path: 'body.reason', code: 'REQUIRED', message: 'Say why, for the editor.' }]);
  return deps.db.transaction(async (tx) => {
    const product = await repo.findProduct(tx, input.productId);
    if (!product) throw notFound(input.productId);
    await applyTransition(tx, { product, action: input.action, actorId: input.actor?.userId ?? null, reason: input.reason, version: input.version });
    return (await loadView(tx, product.id))!;
  });
}

async function automatic(tx: Tx, productId: string, action: 'sell_out' | 'restock'): Promise<boolean> {
  const product = await repo.findProduct(tx, productId);
  if (!product || !transitionFrom(product.status, action)) return false;
  await applyTransition(tx, { product, action, actorId: null });
  return true;
}

/** on_shelf → sold_out, in the caller's transaction (inventory, when stock reaches zero). False when not on the shelf. */
export async function markSoldOut(tx: Tx, productId: string): Promise<boolean> {
  return automatic(tx, productId, 'sell_out');
}

/** sold_out → on_shelf, in the caller's transaction (inventory, when restocked). False when not sold out. */
export async function markBackInStock(tx: Tx, productId: string): Promise<boolean> {
  return automatic(tx, productId, 'restock');
}

/** A slug, current or former, to its product and current slug (for a 301 from an old one). */
export async function resolveSlug(db: Db, slug: string): Promise<{ productId: string; canonicalSlug: string } | undefined> {
  return repo.resolveSlug(db, slug);
}

// ---------- staff reads ----------

export async function getProduct(deps: CatalogDeps, input: StaffCall & { productId: string }): Promise<AdminProductView> {
  await authorize(deps.db, { ...input, action: 'read', resource: { type: 'product', id: input.productId } });
  const view = await loadView(deps.db, input.productId);
  if (!view) throw notFound(input.productId);
  return view;
}

export async function listProducts(
  deps: CatalogDeps,
  input: StaffCall & { status?: ProductStatus | undefined; q?: string | undefined; page: number; pageSize: number },
) {
  await authorize(deps.db, { ...input, action: 'read', resource: { type: 'product' } });
  return repo.listProducts(deps.db, { status: input.status, q: input.q, page: input.page, pageSize: input.pageSize });
}

/** Products waiting for review, the longest-waiting first. */
export async function reviewQueue(deps: CatalogDeps, input: StaffCall & { page: number; pageSize: number }) {
  await authorize(deps.db, { ...input, action: 'read', resource: { type: 'product' } });
  return repo.listProducts(deps.db, { status: 'pending_review', page: input.page, pageSize: input.pageSize, oldestFirst: true });
}

/** The product's operation log, newest first. */
export async function productLog(deps: CatalogDeps, input: StaffCall & { productId: string; page: number; pageSize: number }) {
  await authorize(deps.db, { ...input, action: 'read', resource: { type: 'product', id: input.productId } });
  if (!(await repo.findProduct(deps.db, input.productId))) throw notFound(input.productId);
  return repo.listOperationLog(deps.db, { entityType: 'product', entityId: input.productId, page: input.page, pageSize: input.pageSize });
}

