// Product images: upload to the local store (or record an S3 upload), reorder, delete. Each write
// logs, emits product.updated, snapshots a live product and reindexes it, like other product writes.
import { randomUUID } from 'node:crypto';
import type { Translations } from '@shop/contracts/catalog';
import type { MediaConfig } from '../../config.js';
import type { Tx } from '../../db/client.js';
import { authorize } from '../../platform/access.js';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { appendEvent } from '../../platform/events.js';
import * as repo from './catalog.repo.js';
import { catalogWrite } from './catalog.write.js';
import type { CatalogDeps, StaffCall } from './catalog.types.js';
import type { ProposedImage } from './catalog.tables.js';
import { ProductEvents } from './catalog.events.js';
import { isApprovedLive, isBuyerVisible, statusAfterEdit } from './lifecycle.js';
import { CONTENT_TYPES, inspectImage, presignS3Put, removeLocally, S3_KEY, s3Key, storeLocally, typeOfContentType } from './media.js';
import { mayApprove } from './products.service.js';
import { resolvePlan } from './revision-images.js';
import { reindexProduct } from './search/index.js';
import { currentSnapshot } from './snapshot.repo.js';

export interface ImageDeps extends CatalogDeps {
  media: MediaConfig;
  now?: () => Date;
}

const imageFields = (i: repo.ImageRow) => ({
  id: i.id,
  storageKey: i.storageKey,
  variantId: i.variantId,
  width: i.width,
  height: i.height,
  alt: i.alt,
  sortOrder: i.sortOrder,
});

async function editableProduct(tx: Tx, productId: string): Promise<repo.ProductRow> {
  const product = await repo.findProduct(tx, productId);
  if (!product) throw new NotFoundError('product', productId, 'PRODUCT_NOT_FOUND');
  if (!statusAfterEdit(product.status))
    throw new ConflictError('PRODUCT_NOT_EDITABLE', `A ${product.status} product cannot be edited.`, { status: product.status });
  return product;
}

async function checkVariant(tx: Tx, productId: string, variantId: string | null | undefined): Promise<void> {
  if (!variantId) return;
  if (!(await repo.variantsOf(tx, productId)).some((v) => v.id === variantId)) {
    throw new ValidationError([{ path: 'body.variantId', code: 'UNKNOWN_VARIANT', message: 'Not a variant of this product.' }]);
  }
}

/** What every image write does after its change, in its transaction. */
async function afterImageChange(tx: Tx, call: StaffCall, product: repo.ProductRow, operation: string, diff: unknown): Promise<void> {
  const actorId = call.actor?.userId ?? null;
  await repo.insertOperationLog(tx, { actorId, entityType: 'product', entityId: product.id, operation, diff });
  await appendEvent(tx, ProductEvents.updated, {
    aggregateId: product.id,
    payload: { productId: product.id, actorId, fields: ['images'], from: product.status, to: product.status },
  });
  if (isBuyerVisible(product.status)) await currentSnapshot(tx, product.id);
  await reindexProduct(tx, product.id);
}

/**
 * Image writes to a live, approved product by someone who may not approve are proposed instead:
 * the pending revision's image list (starting from the live images) changes, the live images do not.
 */
interface Proposal {
  plan: ProposedImage[];
  save(plan: ProposedImage[], diff: unknown): Promise<repo.ImageRow[]>;
}

async function proposalFor(tx: Tx, call: StaffCall, product: repo.ProductRow, approver: boolean): Promise<Proposal | undefined> {
  if (approver || !isApprovedLive(product.status)) return undefined;
  const pending = await repo.findPendingRevision(tx, product.id, true);
  const live = await repo.imagesOf(tx, product.id);
  const actorId = call.actor?.userId ?? null;
  return {
    plan: pending?.images ?? live.map((i) => ({ id: i.id })),
    async save(plan, diff) {
      const row = await repo.upsertPendingRevision(tx, { productId: product.id, proposedBy: actorId, images: plan });
      await repo.insertOperationLog(tx, { actorId, entityType: 'product', entityId: product.id, operation: 'revision_propose', diff });
      await appendEvent(tx, ProductEvents.revisionProposed, {
        aggregateId: product.id,
        payload: { productId: product.id, actorId, fields: ['images'] },
      });
      return resolvePlan(plan, live, product.id, row.updatedAt);
    },
  };
}

export interface UploadedFile {
  buffer: Buffer;
  filename?: string | undefined;
  mimetype?: string | undefined;
}

/**
 * What `addImage` checks before it needs the file: access, and that the product exists and may be
 * edited. The upload route calls it before reading the body, so a caller who may not upload is
 * refused without the server consuming (and buffering) the upload.
 */
export async function checkImageUpload(deps: ImageDeps, input: StaffCall & { productId: string }): Promise<void> {
  await authorize(deps.db, { ...input, action: 'update', resource: { type: 'product', id: input.productId } });
  const product = await repo.findProduct(deps.db, input.productId);
  if (!product) throw new NotFoundError('product', input.productId, 'PRODUCT_NOT_FOUND');
  if (!statusAfterEdit(product.status))
    throw new ConflictError('PRODUCT_NOT_EDITABLE', `A ${product.status} product cannot be edited.`, { status: product.status });
}

/**
 * Adds an uploaded image (last in order). The bytes decide the type (415 IMAGE_TYPE_UNSUPPORTED for
 * anything but JPEG/PNG/WebP/AVIF, or a name/Content-Type claiming another type); undecodable is 400
 * IMAGE_UNDECODABLE. Stored under MEDIA_DIR by content hash with 320/640/1280-wide WebP renditions.
 */
export async function addImage(
  deps: ImageDeps,
  input: StaffCall & { productId: string; file: UploadedFile; variantId?: string | undefined; alt?: Translations | undefined },
): Promise<repo.ImageRow> {
  await authorize(deps.db, { ...input, action: 'update', resource: { type: 'product', id: input.productId } });
  if (!(await repo.findProduct(deps.db, input.productId))) throw new NotFoundError('product', input.productId, 'PRODUCT_NOT_FOUND');
  const img = await inspectImage(input.file.buffer, input.file);
  const stored = await storeLocally(deps.media, input.file.buffer, img);
  return recordImage(deps, input, {
    storageKey: stored.key,
    contentType: CONTENT_TYPES[img.type],
    width: img.width,
    height: img.height,
    bytes: img.bytes,
    widths: stored.widths,
    publicBase: null,
  });
}

/** Adds an image's row (last in order), with the log, event, snapshot and reindex of every image write. */
async function recordImage(
  deps: ImageDeps,
  input: StaffCall & { productId: string; variantId?: string | undefined; alt?: Translations | undefined },
  image: Omit<Parameters<typeof repo.insertImage>[1], 'productId' | 'variantId' | 'alt'>,
): Promise<repo.ImageRow> {
  const approver = await mayApprove(deps, input, input.productId);
  return catalogWrite(deps, async (tx) => {
    await repo.lockProductImages(tx, input.productId);
    const product = await editableProduct(tx, input.productId);
    await checkVariant(tx, product.id, input.variantId);
    const proposal = await proposalFor(tx, input, product, approver);
    if (proposal) {
      const added: ProposedImage = {
        id: randomUUID(),
        new: {
          storageKey: image.storageKey,
          contentType: image.contentType,
          width: image.width,
          height: image.height,
          bytes: image.bytes,
          widths: image.widths ?? [],
          publicBase: image.publicBase ?? null,
          variantId: input.variantId ?? null,
          alt: input.alt ?? null,
        },
      };
      const rows = await proposal.save([...proposal.plan, added], {
        image: { before: null, after: { storageKey: image.storageKey, width: image.width, height: image.height } },
      });
      return rows.find((r) => r.id === added.id)!;
    }
    const row = await repo.insertImage(tx, { ...image, productId: product.id, variantId: input.variantId ?? null, alt: input.alt ?? null });
    await afterImageChange(tx, input, product, 'image_add', { image: { before: null, after: imageFields(row) } });
    return row;
  });
}

/** 413 PAYLOAD_TOO_LARGE past IMAGE_MAX_BYTES. */
function checkSize(deps: ImageDeps, bytes: number): void {
  if (bytes > deps.media.maxBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', 413, `Images may be at most ${deps.media.maxBytes} bytes.`, { maxBytes: deps.media.maxBytes });
}

function requireS3(deps: ImageDeps) {
  if (!deps.media.s3)
    throw new ConflictError('S3_NOT_CONFIGURED', 'Direct uploads need S3_* to be configured; upload through the API instead.');
  return deps.media.s3;
}

/** A presigned PUT URL (15 minutes) for uploading one image straight to S3; then `confirmUpload`. */
export async function presignUpload(deps: ImageDeps, input: StaffCall & { productId: string; contentType: string; bytes: number }) {
  await authorize(deps.db, { ...input, action: 'update', resource: { type: 'product', id: input.productId } });
  const s3 = requireS3(deps);
  const type = typeOfContentType(input.contentType);
  if (!type)
    throw new AppError('IMAGE_TYPE_UNSUPPORTED', 415, 'Only JPEG, PNG, WebP and AVIF images.', { accepted: Object.values(CONTENT_TYPES) });
  checkSize(deps, input.bytes);
  if (!(await repo.findProduct(deps.db, input.productId))) throw new NotFoundError('product', input.productId, 'PRODUCT_NOT_FOUND');
  const now = deps.now?.() ?? new Date();
  const key = s3Key(input.productId, type);
  const expiresSec = 900;
  return {
    key,
    method: 'PUT' as const,
    url: presignS3Put(s3, key, now, expiresSec),
    headers: { 'content-type': CONTENT_TYPES[type] },
    expiresAt: new Date(now.getTime() + expiresSec * 1000).toISOString(),
    publicUrl: `${s3.publicUrl}/${key}`,
  };
}

/**
 * Records an image uploaded with a presigned URL. The object cannot be inspected from here, so the
 * caller's metadata is recorded as given; the key must be one presigned for this product.
 */
export async function confirmUpload(
  deps: ImageDeps,
  input: StaffCall & {
    productId: string;
    key: string;
    contentType: string;
    width: number;
    height: number;
    bytes: number;
    variantId?: string | undefined;
    alt?: Translations | undefined;
  },
): Promise<repo.ImageRow> {
  await authorize(deps.db, { ...input, action: 'update', resource: { type: 'product', id: input.productId } });
  const s3 = requireS3(deps);
  const m = S3_KEY.exec(input.key);
  const type = typeOfContentType(input.contentType);
  if (!m || m[1] !== input.productId)
    throw new ValidationError([{ path: 'body.key', code: 'INVALID_KEY', message: 'Not a key presigned for this product.' }]);
  if (!type || !input.key.endsWith(`.${type === 'jpeg' ? 'jpg' : type}`)) {
    throw new ValidationError([
      { path: 'body.contentType', code: 'TYPE_MISMATCH', message: 'The content type does not match the presigned key.' },
    ]);
  }
  checkSize(deps, input.bytes);
  return recordImage(deps, input, {
    storageKey: input.key,
    contentType: CONTENT_TYPES[type],
    width: input.width,
    height: input.height,
    bytes: input.bytes,
    widths: [],
    publicBase: s3.publicUrl,
  });
}

/** Puts the product's images in the given order; `ids` must be exactly its images (400 otherwise). */
export async function reorderImages(deps: ImageDeps, input: StaffCall & { productId: string; ids: string[] }): Promise<repo.ImageRow[]> {
  await authorize(deps.db, { ...input, action: 'update', resource: { type: 'product', id: input.productId } });
  const approver = await mayApprove(deps, input, input.productId);
  return catalogWrite(deps, async (tx) => {
    await repo.lockProductImages(tx, input.productId);
    const product = await editableProduct(tx, input.productId);
    const proposal = await proposalFor(tx, input, product, approver);
    const before = proposal ? proposal.plan : await repo.imagesOf(tx, product.id);
    const own = new Set(before.map((i) => i.id));
    if (input.ids.length !== own.size || new Set(input.ids).size !== input.ids.length || input.ids.some((id) => !own.has(id))) {
      throw new ValidationError([
        { path: 'body.ids', code: 'NOT_A_PERMUTATION', message: 'Send every image id of this product exactly once.' },
      ]);
    }
    if (proposal) {
      const byId = new Map(proposal.plan.map((p) => [p.id, p]));
      return proposal.save(
        input.ids.map((id) => byId.get(id)!),
        { images: { before: before.map((i) => i.id), after: input.ids } },
      );
    }
    for (const [i, id] of input.ids.entries()) await repo.setImageSortOrder(tx, id, i);
    await afterImageChange(tx, input, product, 'image_reorder', { images: { before: before.map((i) => i.id), after: input.ids } });
    return repo.imagesOf(tx, product.id);
  });
}

/** Removes an image; the local files go too when no other image row uses the same content. */
export async function deleteImage(deps: ImageDeps, input: StaffCall & { productId: string; imageId: string }): Promise<void> {
  await authorize(deps.db, { ...input, action: 'update', resource: { type: 'product', id: input.productId } });
  const approver = await mayApprove(deps, input, input.productId);
  const removed = await catalogWrite(deps, async (tx) => {
    await repo.lockProductImages(tx, input.productId);
    const product = await editableProduct(tx, input.productId);
    const proposal = await proposalFor(tx, input, product, approver);
    if (proposal) {
      // The live image (and its files) stay until an approver approves; a new upload's files are left for the sweep.
      const gone = proposal.plan.find((p) => p.id === input.imageId);
      if (!gone) throw new NotFoundError('image', input.imageId, 'IMAGE_NOT_FOUND');
      await proposal.save(
        proposal.plan.filter((p) => p !== gone),
        { image: { before: { id: gone.id }, after: null } },
      );
      return undefined;
    }
    const image = (await repo.imagesOf(tx, product.id)).find((i) => i.id === input.imageId);
    if (!image) throw new NotFoundError('image', input.imageId, 'IMAGE_NOT_FOUND');
    await repo.deleteImage(tx, image.id);
    await afterImageChange(tx, input, product, 'image_delete', { image: { before: imageFields(image), after: null } });
    return image;
  });
  if (removed && removed.publicBase === null && !(await repo.imageKeyInUse(deps.db, removed.storageKey)))
    await removeLocally(deps.media, removed.storageKey, removed.widths);
}
