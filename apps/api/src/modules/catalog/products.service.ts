// Products with their variants: create, edit (optimistic version), lifecycle transitions, staff reads.
import { ProductInput } from '@shop/contracts/catalog';
import type { Db, Tx } from '../../db/client.js';
import { authorize, decide, subjectOf } from '../../platform/access.js';
import { AppError, ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../../platform/errors.js';
import { appendEvent } from '../../platform/events.js';
import * as repo from './catalog.repo.js';
import { editable, imageChanges, loadView, reviewedChanges, type AdminProductView, type ProductValues } from './product-view.js';

export type { AdminProductView } from './product-view.js';
import { catalogWrite } from './catalog.write.js';
import type { ProductStatus } from './catalog.tables.js';
import type { CatalogDeps, StaffCall } from './catalog.types.js';
import { chooseSlug, mappingUniqueErrors, pathIds } from './categories.service.js';
import { diffFields, type FieldDiff } from './diff.js';
import { ProductEvents } from './catalog.events.js';
import {
  isApprovedLive,
  isBuyerVisible,
  statusAfterEdit,
  transitionFrom,
  TRANSITIONS,
  type LifecycleAction,
  type StaffAction,
} from './lifecycle.js';
import { validateProductAttributes } from './product-rules.js';
import { applyImagePlan, resolvePlan } from './revision-images.js';
import { reindexProduct } from './search/index.js';
import { baseSlug } from './slug.js';
import { currentSnapshot } from './snapshot.repo.js';

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
  if (v.brandId && !(await repo.findBrand(tx, v.brandId)))
    issues.push({ path: 'body.brandId', code: 'NOT_FOUND', message: 'No such brand.' });
  const found = new Set((await repo.findCategories(tx, v.categoryIds)).map((c) => c.id));
  v.categoryIds.forEach((id, i) => {
    if (!found.has(id)) issues.push({ path: `body.categoryIds.${i}`, code: 'NOT_FOUND', message: 'No such category.' });
  });
  const own = new Set(existing?.variants.map((x) => x.id) ?? []);
  const seen = new Set<string>();
  v.variants.forEach((variant, i) => {
    if (variant.id === undefined) return;
    if (!own.has(variant.id) || seen.has(variant.id))
      issues.push({
        path: `body.variants.${i}.id`,
        code: 'UNKNOWN_VARIANT',
        message: 'Not a variant of this product; omit the id for a new one.',
      });
    seen.add(variant.id);
  });
  if (primary) issues.push(...validateProductAttributes(await repo.attributeDefsOf(tx, pathIds(primary.path)), v));
  if (issues.length) throw new ValidationError(issues);

  const taken = await repo.skusTakenElsewhere(
    tx,
    v.variants.map((x) => x.sku),
    existing?.id ?? null,
  );
  if (taken.length) throw new ConflictError('SKU_TAKEN', `SKU ${taken[0]} is taken by another product.`, { sku: taken[0], skus: taken });
}

/** Makes the rows of `variants` match the request: by id, new ones without, the missing ones deleted. */
async function replaceVariants(tx: Tx, productId: string, existing: readonly repo.VariantRow[], input: ProductValues['variants']) {
  const keep = new Set(input.flatMap((v) => (v.id ? [v.id] : [])));
  // Deletions first, so a new variant may take the SKU of one removed in the same save.
  await repo.deleteVariants(
    tx,
    existing.filter((v) => !keep.has(v.id)).map((v) => v.id),
  );
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
  await repo.insertVariants(
    tx,
    input.flatMap((v, i) => (v.id ? [] : [{ ...values(v, i), productId }])),
  );
}

const extraCategories = (v: ProductValues) => [...new Set(v.categoryIds)].filter((id) => id !== v.primaryCategoryId);

/** Creates a draft with its variants, in one transaction; the slug comes from the name unless given. */
export async function createProduct(deps: CatalogDeps, input: StaffCall & { values: ProductValues }): Promise<AdminProductView> {
  await authorize(deps.db, { ...input, action: 'create', resource: { type: 'product' } });
  return mappingUniqueErrors(() =>
    catalogWrite(deps, (tx) => insertDraft(tx, { actorId: input.actor?.userId ?? null, values: input.values, operation: 'create' })),
  );
}

/** The product row's own columns as the editor gives them, the same for a new draft and an edit. */
function productColumns(v: ProductValues) {
  return {
    name: v.name,
    description: v.description ?? null,
    brandId: v.brandId ?? null,
    primaryCategoryId: v.primaryCategoryId,
    type: v.type,
    // Omitted flags: the column default for a new product, unchanged by an edit.
    ...(v.excludedFromOrderDiscounts === undefined ? {} : { excludedFromOrderDiscounts: v.excludedFromOrderDiscounts }),
    ...(v.storePickupEligible === undefined ? {} : { storePickupEligible: v.storePickupEligible }),
    ...(v.coolingOffExempt === undefined ? {} : { coolingOffExempt: v.coolingOffExempt }),
    basicAttributes: v.basicAttributes,
  };
}

/**
 * Creates a draft in the caller's transaction (after the caller authorized): checks (400/409 as
 * `createProduct`), inserts, logs `operation`, emits product.created and indexes it.
 */
export async function insertDraft(
  tx: Tx,
  input: { actorId: string | null; values: ProductValues; operation: string },
): Promise<AdminProductView> {
  const v = input.values;
  await checkProduct(tx, v, undefined);
  const slug = await chooseSlug(v.slug, baseSlug(v.name, 'product'), (s) => repo.productSlugTaken(tx, s));
  const row = await repo.insertProduct(tx, {
    slug,
    ...productColumns(v),
    status: 'draft',
    createdBy: input.actorId,
  });
  await repo.setProductCategories(tx, row.id, extraCategories(v));
  await replaceVariants(tx, row.id, [], v.variants);
  const view = (await loadView(tx, row.id))!;
  await repo.insertOperationLog(tx, {
    actorId: input.actorId,
    entityType: 'product',
    entityId: row.id,
    operation: input.operation,
    diff: diffFields(null, editable(view)),
  });
  await appendEvent(tx, ProductEvents.created, { aggregateId: row.id, payload: { productId: row.id, actorId: input.actorId } });
  await reindexProduct(tx, row.id);
  return view;
}

/**
 * Moves a product through lifecycle steps in the caller's transaction without an access check:
 * for trusted callers (the demo seed), which authorize themselves. Logs and emits as staff moves do.
 */
export async function advanceProduct(
  tx: Tx,
  input: { productId: string; actions: readonly StaffAction[]; actorId: string | null },
): Promise<void> {
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
 *
 * On a live, approved product (on/off the shelf, sold out), an edit of what buyers were shown as
 * approved (name, description, the price or compare-at price of an active variant, a new active
 * variant) by someone who may not approve does not apply: the whole edit waits as the product's
 * pending revision (logged `revision_propose`) until an approver decides (`decideRevision`). A
 * second such edit replaces the pending revision's values; an edit that no longer changes any of
 * those fields applies directly and withdraws the pending revision. Other edits apply directly.
 */
export async function updateProduct(
  deps: CatalogDeps,
  input: StaffCall & { productId: string; values: ProductValues },
): Promise<AdminProductView> {
  await authorize(deps.db, { ...input, action: 'update', resource: { type: 'product', id: input.productId } });
  const v = input.values;
  if (v.version === undefined)
    throw new ValidationError([{ path: 'body.version', code: 'REQUIRED', message: 'Send the version you edited.' }]);
  const expected = v.version;
  const approver = await mayApprove(deps, input, input.productId);
  const actorId = input.actor?.userId ?? null;
  return mappingUniqueErrors(() =>
    catalogWrite(deps, async (tx) => {
      const before = await loadView(tx, input.productId);
      if (!before) throw notFound(input.productId);
      if (before.version !== expected) throw versionConflict(before.version);
      if (!statusAfterEdit(before.status))
        throw new ConflictError('PRODUCT_NOT_EDITABLE', `A ${before.status} product cannot be edited.`, { status: before.status });
      await checkProduct(tx, v, before);

      if (!approver && isApprovedLive(before.status)) {
        const pending = await repo.findPendingRevision(tx, before.id, true);
        const proposed = reviewedChanges(before, v);
        if (Object.keys(proposed).length > 0) {
          const { version: _version, ...values } = v;
          await repo.upsertPendingRevision(tx, { productId: before.id, values, proposedBy: actorId });
          await repo.insertOperationLog(tx, {
            actorId,
            entityType: 'product',
            entityId: before.id,
            operation: 'revision_propose',
            diff: proposed,
          });
          await appendEvent(tx, ProductEvents.revisionProposed, {
            aggregateId: before.id,
            payload: { productId: before.id, actorId, fields: Object.keys(proposed) },
          });
          return (await loadView(tx, before.id))!;
        }
        // Proposed images stay proposed; the rest of the revision is dropped.
        if (pending?.images) await repo.upsertPendingRevision(tx, { productId: before.id, proposedBy: pending.proposedBy, values: null });
        else if (pending) await repo.decideRevision(tx, { id: pending.id, status: 'withdrawn', decidedBy: actorId, reason: null });
      }
      return applyEdit(tx, { before, values: v, actorId, operation: 'update' });
    }),
  );
}

/** Whether the caller may approve products (and so edit live content without review). */
export async function mayApprove(deps: CatalogDeps, call: StaffCall, productId: string): Promise<boolean> {
  const { decision } = await decide(deps.db, {
    subject: subjectOf(call.actor),
    action: 'approve',
    resource: { type: 'product', id: productId },
    context: call.context,
  });
  return decision === 'allow';
}

/** Writes an edit (checked by the caller) in `tx`: the row, categories, variants, log, event, snapshot and index. */
async function applyEdit(
  tx: Tx,
  e: { before: AdminProductView; values: ProductValues; actorId: string | null; operation: string; extraDiff?: FieldDiff },
): Promise<AdminProductView> {
  const { before, values: v } = e;
  const status = statusAfterEdit(before.status)!;
  const slug = v.slug ?? before.slug;
  if (slug !== before.slug) {
    await chooseSlug(slug, '', (s) => repo.productSlugTaken(tx, s, before.id));
    await repo.forgetOldSlug(tx, before.id, slug);
    await repo.recordOldSlug(tx, before.id, before.slug);
  }
  const row = await repo.updateProductIfVersion(tx, before.id, before.version, {
    slug,
    ...productColumns(v),
    status,
  });
  if (!row) throw versionConflict((await repo.findProduct(tx, before.id))?.version ?? before.version);
  await repo.setProductCategories(tx, row.id, extraCategories(v));
  await replaceVariants(tx, row.id, before.variants, v.variants);

  const after = (await loadView(tx, row.id))!;
  const diff = { ...diffFields(editable(before), editable(after)), ...e.extraDiff };
  await repo.insertOperationLog(tx, { actorId: e.actorId, entityType: 'product', entityId: row.id, operation: e.operation, diff });
  await appendEvent(tx, ProductEvents.updated, {
    aggregateId: row.id,
    payload: { productId: row.id, actorId: e.actorId, fields: Object.keys(diff), from: before.status, to: status },
  });
  if (isBuyerVisible(status)) await currentSnapshot(tx, row.id);
  await reindexProduct(tx, row.id);
  return after;
}

/**
 * An approver's decision on the product's pending revision (`approve` permission). Approving
 * applies the revision's edit to the live product in one transaction (logged `revision_approve`
 * with the applied diff, snapshot, reindex; the route's cache bump follows the commit); rejecting
 * needs a reason and leaves the live product as it is (logged `revision_reject`). No pending
 * revision: 404 REVISION_NOT_FOUND; a revision that no longer fits the product (a variant it
 * names was removed, its SKU taken meanwhile, the product frozen or deleted): 409 REVISION_OUTDATED.
 */
export async function decideRevision(
  deps: CatalogDeps,
  input: StaffCall & { productId: string; decision: 'approve' | 'reject'; reason?: string | undefined },
): Promise<AdminProductView> {
  await authorize(deps.db, { ...input, action: 'approve', resource: { type: 'product', id: input.productId } });
  if (input.decision === 'reject' && !input.reason)
    throw new ValidationError([{ path: 'body.reason', code: 'REQUIRED', message: 'Say why, for the editor.' }]);
  const actorId = input.actor?.userId ?? null;
  return mappingUniqueErrors(() =>
    catalogWrite(deps, async (tx) => {
      const before = await loadView(tx, input.productId);
      if (!before) throw notFound(input.productId);
      const revision = await repo.findPendingRevision(tx, before.id, true);
      if (!revision) throw new NotFoundError('revision', before.id, 'REVISION_NOT_FOUND');
      if (input.decision === 'reject') {
        await repo.decideRevision(tx, { id: revision.id, status: 'rejected', decidedBy: actorId, reason: input.reason ?? null });
        await repo.insertOperationLog(tx, {
          actorId,
          entityType: 'product',
          entityId: before.id,
          operation: 'revision_reject',
          diff: { reason: { before: null, after: input.reason } },
        });
        await appendEvent(tx, ProductEvents.revisionRejected, {
          aggregateId: before.id,
          payload: { productId: before.id, actorId, proposedBy: revision.proposedBy, reason: input.reason },
        });
        return (await loadView(tx, before.id))!;
      }
      const values = revision.values === null ? null : ProductInput.parse(revision.values);
      if (!statusAfterEdit(before.status)) throw outdated(`A ${before.status} product cannot be edited.`);
      try {
        if (values) await checkProduct(tx, values, before);
      } catch (err) {
        if (err instanceof AppError) throw outdated(err.message);
        throw err;
      }
      await repo.decideRevision(tx, { id: revision.id, status: 'approved', decidedBy: actorId, reason: null });
      const imagesDiff = revision.images
        ? imageChanges(before.images, resolvePlan(revision.images, before.images, before.id, revision.updatedAt))
        : {};
      if (revision.images) await applyImagePlan(tx, before.id, revision.images);
      const after = values
        ? await applyEdit(tx, { before, values, actorId, operation: 'revision_approve', extraDiff: imagesDiff })
        : await afterImagesApproved(tx, { product: before, actorId, diff: imagesDiff });
      await appendEvent(tx, ProductEvents.revisionApproved, {
        aggregateId: before.id,
        payload: { productId: before.id, actorId, proposedBy: revision.proposedBy },
      });
      return { ...after, pendingRevision: null };
    }),
  );
}

/** An approved images-only revision: logged, announced, snapshotted and reindexed like an image write. */
async function afterImagesApproved(
  tx: Tx,
  e: { product: AdminProductView; actorId: string | null; diff: FieldDiff },
): Promise<AdminProductView> {
  const id = e.product.id;
  await repo.insertOperationLog(tx, {
    actorId: e.actorId,
    entityType: 'product',
    entityId: id,
    operation: 'revision_approve',
    diff: e.diff,
  });
  await appendEvent(tx, ProductEvents.updated, {
    aggregateId: id,
    payload: { productId: id, actorId: e.actorId, fields: ['images'], from: e.product.status, to: e.product.status },
  });
  if (isBuyerVisible(e.product.status)) await currentSnapshot(tx, id);
  await reindexProduct(tx, id);
  return (await loadView(tx, id))!;
}

const outdated = (detail: string) => new ConflictError('REVISION_OUTDATED', `The revision no longer fits the product: ${detail}`);

function versionConflict(current: number) {
  return new ConflictError('VERSION_CONFLICT', 'Someone saved this product after you opened it; reload and apply your changes again.', {
    currentVersion: current,
  });
}

async function applyTransition(
  tx: Tx,
  t: {
    product: repo.ProductRow;
    action: LifecycleAction;
    actorId: string | null;
    reason?: string | undefined;
    version?: number | undefined;
  },
): Promise<repo.ProductRow> {
  const from = t.product.status;
  const rule = transitionFrom(from, t.action);
  if (!rule) {
    throw new ConflictError('PRODUCT_INVALID_TRANSITION', `A ${from} product cannot ${t.action.replace(/_/g, ' ')}.`, {
      from,
      to: TRANSITIONS[t.action].to,
      action: t.action,
    });
  }
  if (t.version !== undefined && t.version !== t.product.version) throw versionConflict(t.product.version);
  const reviewNote = t.action === 'reject' ? (t.reason ?? null) : t.action === 'approve' || t.action === 'submit' ? null : undefined;
  const row = await repo.transitionProduct(tx, {
    id: t.product.id,
    from,
    to: rule.to,
    version: t.version,
    reviewNote,
    softDelete: rule.to === 'deleted',
  });
  // Someone moved it between our read and this statement: what we checked no longer holds.
  if (!row)
    throw new ConflictError('PRODUCT_INVALID_TRANSITION', 'The product changed meanwhile; reload it.', {
      from,
      to: rule.to,
      action: t.action,
    });

  await repo.insertOperationLog(tx, {
    actorId: t.actorId,
    entityType: 'product',
    entityId: row.id,
    operation: t.action,
    diff: { status: { before: from, after: rule.to }, ...(t.reason ? { reason: { before: null, after: t.reason } } : {}) },
  });
  await appendEvent(tx, rule.event, {
    aggregateId: row.id,
    payload: { productId: row.id, from, to: rule.to, actorId: t.actorId, ...(t.reason ? { reason: t.reason } : {}) },
  });
  if (rule.to === 'on_shelf') await currentSnapshot(tx, row.id);
  // A deleted product's proposed edit has nothing left to go live on (a restored product is a draft, reviewed as a whole).
  if (rule.to === 'deleted') {
    const pending = await repo.findPendingRevision(tx, row.id, true);
    if (pending) await repo.decideRevision(tx, { id: pending.id, status: 'withdrawn', decidedBy: t.actorId, reason: null });
  }
  await reindexProduct(tx, row.id);
  return row;
}

/**
 * One lifecycle step: `approve`/`reject` need the `approve` permission (admins by
 * default), `delete` needs `delete`, the rest `update`. Refused moves answer 409
 * PRODUCT_INVALID_TRANSITION with `from`/`to`; `reject` needs a reason.
 */
export async function transitionProduct(
  deps: CatalogDeps,
  input: StaffCall & { productId: string; action: StaffAction; reason?: string | undefined; version?: number | undefined },
): Promise<AdminProductView> {
  const rule = TRANSITIONS[input.action];
  await authorize(deps.db, { ...input, action: rule.permission, resource: { type: 'product', id: input.productId } });
  if (rule.needsReason && !input.reason)
    throw new ValidationError([{ path: 'body.reason', code: 'REQUIRED', message: 'Say why, for the editor.' }]);
  return catalogWrite(deps, async (tx) => {
    const product = await repo.findProduct(tx, input.productId);
    if (!product) throw notFound(input.productId);
    // A reviewer judges the product as shoppers will see it, and shoppers see its pictures first.
    if (input.action === 'submit' && transitionFrom(product.status, 'submit') && (await repo.imagesOf(tx, product.id)).length === 0) {
      throw new AppError('PRODUCT_IMAGES_REQUIRED', 422, 'Add at least one image before submitting the product for review.');
    }
    await applyTransition(tx, {
      product,
      action: input.action,
      actorId: input.actor?.userId ?? null,
      reason: input.reason,
      version: input.version,
    });
    return (await loadView(tx, product.id))!;
  });
}

/**
 * A move the system makes on its own (`sell_out`, `restock`), in the stock-status handler's
 * transaction: false, and nothing done, when the product is not in the step's `from` state.
 */
export async function applyAutomaticTransition(tx: Tx, productId: string, action: 'sell_out' | 'restock'): Promise<boolean> {
  const product = await repo.findProduct(tx, productId);
  if (!product || !transitionFrom(product.status, action)) return false;
  await applyTransition(tx, { product, action, actorId: null });
  return true;
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

/** Products waiting for review (submitted, or live with a pending revision), the longest-waiting first. */
export async function reviewQueue(deps: CatalogDeps, input: StaffCall & { page: number; pageSize: number }) {
  await authorize(deps.db, { ...input, action: 'read', resource: { type: 'product' } });
  return repo.listProducts(deps.db, { waitingForReview: true, page: input.page, pageSize: input.pageSize, oldestFirst: true });
}

/** The product's operation log, newest first. */
export async function productLog(deps: CatalogDeps, input: StaffCall & { productId: string; page: number; pageSize: number }) {
  await authorize(deps.db, { ...input, action: 'read', resource: { type: 'product', id: input.productId } });
  if (!(await repo.findProduct(deps.db, input.productId))) throw notFound(input.productId);
  return repo.listOperationLog(deps.db, { entityType: 'product', entityId: input.productId, page: input.page, pageSize: input.pageSize });
}
