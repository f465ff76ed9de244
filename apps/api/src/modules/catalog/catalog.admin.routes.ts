import multipart from '@fastify/multipart';
import type { Redis } from 'ioredis';
import {
  AdminAttributeDefinition,
  AdminAttributeList,
  AdminAttributeQuery,
  AdminBrand,
  AdminBrandList,
  AdminCategory,
  AdminCategoryTree,
  AdminImage,
  AdminImageList,
  ImageConfirmInput,
  ImageOrderInput,
  ImagePresignInput,
  ImagePresignResponse,
  ImportResult,
  AdminPaging,
  AdminProduct,
  AdminProductList,
  AdminProductListQuery,
  OperationLog,
  RevisionDecisionBody,
} from '@shop/contracts/catalog-admin';
import { AttributeDefinitionInput, BrandInput, CategoryInput, ProductInput, TransitionBody, Translations } from '@shop/contracts/catalog';
import { IdParams, NoContent } from '@shop/contracts/common';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { MediaConfig } from '../../config.js';
import { userLabels } from '../identity/index.js';
import { AppError, ValidationError } from '../../platform/errors.js';
import { unstorableText } from '../../platform/text-guard.js';
import * as images from './images.service.js';
import { parseCsvImport, parseJsonImport } from './import.parse.js';
import { importProducts } from './import.service.js';
import { imageSizes, imageUrl, srcsetOf } from './media.js';
import type * as repo from './catalog.repo.js';
import type { CatalogDeps } from './catalog.types.js';
import * as taxonomy from './categories.service.js';
import * as products from './products.service.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const toCategory = (c: taxonomy.CategoryNode | repo.CategoryRow): z.output<typeof AdminCategory> => ({
  id: c.id,
  parentId: c.parentId,
  path: c.path,
  depth: c.depth,
  slug: c.slug,
  name: c.name,
  description: c.description,
  sortOrder: c.sortOrder,
  children: 'children' in c ? c.children.map(toCategory) : [],
});

const toBrand = (b: repo.BrandRow) => ({ id: b.id, slug: b.slug, name: b.name, logoUrl: b.logoUrl });

const toAttribute = (a: taxonomy.AttributeView) => ({
  id: a.id,
  categoryId: a.categoryId,
  code: a.code,
  kind: a.kind,
  type: a.type,
  required: a.required,
  label: a.label,
  allowedValues: a.allowedValues,
  sortOrder: a.sortOrder,
  inherited: a.inherited,
});

const toProduct = (p: products.AdminProductView) => ({
  id: p.id,
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
  version: p.version,
  reviewNote: p.reviewNote,
  createdBy: p.createdBy,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
  firstOnShelfAt: iso(p.firstOnShelfAt),
  deletedAt: iso(p.deletedAt),
  images: p.images.map(toImage),
  pendingRevision: p.pendingRevision
    ? {
        id: p.pendingRevision.id,
        values: p.pendingRevision.values as Record<string, unknown> | null,
        images: p.pendingRevision.images?.map(toImage) ?? null,
        proposedBy: p.pendingRevision.proposedBy,
        createdAt: p.pendingRevision.createdAt.toISOString(),
        updatedAt: p.pendingRevision.updatedAt.toISOString(),
        changes: p.pendingRevision.changes,
      }
    : null,
  variants: p.variants.map((v) => ({
    id: v.id,
    sku: v.sku,
    salesAttributes: v.salesAttributes,
    priceMinor: v.priceMinor,
    compareAtMinor: v.compareAtMinor,
    status: v.status,
    weightGrams: v.weightGrams,
    sortOrder: v.sortOrder,
  })),
});

const toImage = (i: repo.ImageRow): z.output<typeof AdminImage> => {
  const sizes = imageSizes(i);
  return {
    id: i.id,
    variantId: i.variantId,
    storageKey: i.storageKey,
    url: imageUrl(i),
    contentType: i.contentType,
    width: i.width,
    height: i.height,
    bytes: i.bytes,
    alt: i.alt,
    sortOrder: i.sortOrder,
    sizes,
    srcset: srcsetOf(sizes),
    createdAt: i.createdAt.toISOString(),
  };
};

const ImageParams = z.object({ id: z.uuid(), imageId: z.uuid() });
const UploadFields = z.object({
  variantId: z.uuid().optional(),
  'alt.zh-TW': z.string().trim().max(200).optional(),
  'alt.en': z.string().trim().max(200).optional(),
});
/**
 * The image upload's form: one file and the UploadFields. A body that is no well-formed multipart
 * (busboy's plain errors) is 400 MALFORMED_BODY; limits keep their own 413s.
 */
async function readImageUpload(
  req: FastifyRequest,
): Promise<{ file: images.UploadedFile; variantId: string | undefined; alt: Translations | undefined }> {
  let file: images.UploadedFile | undefined;
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const buffer = await part.toBuffer();
        if (part.fieldname === 'file') file = { buffer, filename: part.filename, mimetype: part.mimetype };
      } else fields[part.fieldname] = String(part.value);
    }
  } catch (err) {
    if (err instanceof Error && 'statusCode' in err) throw err;
    throw new AppError('MALFORMED_BODY', 400, 'The body is not a well-formed multipart/form-data form.');
  }
  const badText = unstorableText(fields, 'body');
  if (badText.length > 0) throw new ValidationError(badText);
  if (!file) throw new ValidationError([{ path: 'body.file', code: 'REQUIRED', message: 'Send the image as the form field "file".' }]);
  if (file.buffer.length === 0) throw new AppError('IMAGE_UNDECODABLE', 400, 'The file is empty.');
  const f = UploadFields.safeParse(fields);
  if (!f.success)
    throw new ValidationError(f.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, code: i.code, message: i.message })));
  const zh = f.data['alt.zh-TW'] || f.data['alt.en'];
  const alt = zh ? Translations.parse({ 'zh-TW': zh, ...(f.data['alt.en'] ? { en: f.data['alt.en'] } : {}) }) : undefined;
  return { file, variantId: f.data.variantId, alt };
}

/** Import bodies up to 20 MiB, whatever BODY_LIMIT_BYTES says for other requests. */
const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

const toSummary = (r: repo.ProductListRow) => ({ ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() });

const toLogEntry = (r: repo.OperationLogRow, actors: Awaited<ReturnType<typeof userLabels>>) => ({
  id: r.id,
  actorId: r.actorId,
  actor: (r.actorId && actors.get(r.actorId)) || null,
  entityType: r.entityType,
  entityId: r.entityId,
  operation: r.operation,
  diff: r.diff as Record<string, unknown>,
  at: r.at.toISOString(),
});

/** Staff catalog routes under `/admin`: categories, brands, attribute definitions, products, review, log. */
export const catalogAdminRoutes: FastifyPluginAsyncZod<{ deps: CatalogDeps; media: MediaConfig; redis?: Redis | undefined }> = async (
  app,
  { deps: given, media, redis },
) => {
  // Each write invalidates cached shopper reads itself, after its commit (see catalog.write.ts).
  const deps: CatalogDeps = { ...given, redis: given.redis ?? redis };
  const tags = ['admin: catalog'];
  const imageDeps = { ...deps, media };
  app.addHook('preHandler', app.authenticate);
  // Parsers of this plugin only: image uploads (one file, IMAGE_MAX_BYTES) and CSV imports.
  await app.register(multipart, { limits: { fileSize: media.maxBytes, files: 1, fields: 10, fieldSize: 1000, parts: 12 } });
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );

  // ---------- categories ----------
  app.get(
    '/admin/categories',
    { schema: { tags, summary: 'The category tree, both locales', response: { 200: AdminCategoryTree } } },
    async (req) => ({
      items: (await taxonomy.categoryTree(deps, { actor: req.actor, context: req.accessContext })).map(toCategory),
    }),
  );

  app.post(
    '/admin/categories',
    { schema: { tags, summary: 'Add a category', body: CategoryInput, response: { 201: AdminCategory } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(toCategory(await taxonomy.createCategory(deps, { actor: req.actor, context: req.accessContext, values: req.body }))),
  );

  app.put(
    '/admin/categories/:id',
    {
      schema: {
        tags,
        summary: 'Rename, reorder or move a category (with its subtree)',
        params: IdParams,
        body: CategoryInput,
        response: { 200: AdminCategory },
      },
    },
    async (req) =>
      toCategory(
        await taxonomy.updateCategory(deps, { actor: req.actor, context: req.accessContext, categoryId: req.params.id, values: req.body }),
      ),
  );

  app.delete(
    '/admin/categories/:id',
    {
      schema: { tags, summary: 'Delete an empty category', params: IdParams, response: { 204: NoContent } },
    },
    async (req, reply) => {
      await taxonomy.deleteCategory(deps, { actor: req.actor, context: req.accessContext, categoryId: req.params.id });
      return reply.status(204).send(null);
    },
  );

  // ---------- brands ----------
  app.get('/admin/brands', { schema: { tags, summary: 'All brands', response: { 200: AdminBrandList } } }, async (req) => ({
    items: (await taxonomy.listBrands(deps, { actor: req.actor, context: req.accessContext })).map(toBrand),
  }));

  app.post(
    '/admin/brands',
    { schema: { tags, summary: 'Add a brand', body: BrandInput, response: { 201: AdminBrand } } },
    async (req, reply) =>
      reply.status(201).send(toBrand(await taxonomy.createBrand(deps, { actor: req.actor, context: req.accessContext, values: req.body }))),
  );

  app.put(
    '/admin/brands/:id',
    { schema: { tags, summary: 'Change a brand', params: IdParams, body: BrandInput, response: { 200: AdminBrand } } },
    async (req) =>
      toBrand(await taxonomy.updateBrand(deps, { actor: req.actor, context: req.accessContext, brandId: req.params.id, values: req.body })),
  );

  app.delete(
    '/admin/brands/:id',
    { schema: { tags, summary: 'Delete a brand no product names', params: IdParams, response: { 204: NoContent } } },
    async (req, reply) => {
      await taxonomy.deleteBrand(deps, { actor: req.actor, context: req.accessContext, brandId: req.params.id });
      return reply.status(204).send(null);
    },
  );

  // ---------- attribute definitions ----------
  app.get(
    '/admin/attributes',
    {
      schema: {
        tags,
        summary: 'Attribute definitions (of a category: own and inherited)',
        querystring: AdminAttributeQuery,
        response: { 200: AdminAttributeList },
      },
    },
    async (req) => ({
      items: (await taxonomy.listAttributes(deps, { actor: req.actor, context: req.accessContext, categoryId: req.query.categoryId })).map(
        toAttribute,
      ),
    }),
  );

  app.post(
    '/admin/attributes',
    {
      schema: {
        tags,
        summary: 'Define an attribute for a category',
        body: AttributeDefinitionInput,
        response: { 201: AdminAttributeDefinition },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(toAttribute(await taxonomy.createAttribute(deps, { actor: req.actor, context: req.accessContext, values: req.body }))),
  );

  app.put(
    '/admin/attributes/:id',
    {
      schema: {
        tags,
        summary: 'Change an attribute definition',
        description:
          'Names, option labels, new options, the required flag and the order change freely. While products carry the attribute, changing its code, kind, type or category is 409 ATTRIBUTE_IN_USE, and removing or renaming an option a product uses is 409 ATTRIBUTE_OPTION_IN_USE; both name how many products (`products`, and the option `value`).',
        params: IdParams,
        body: AttributeDefinitionInput,
        response: { 200: AdminAttributeDefinition },
      },
    },
    async (req) =>
      toAttribute(
        await taxonomy.updateAttribute(deps, {
          actor: req.actor,
          context: req.accessContext,
          attributeId: req.params.id,
          values: req.body,
        }),
      ),
  );

  app.delete(
    '/admin/attributes/:id',
    {
      schema: {
        tags,
        summary: 'Delete an attribute definition no product uses (409 ATTRIBUTE_IN_USE with `products` otherwise)',
        params: IdParams,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await taxonomy.deleteAttribute(deps, { actor: req.actor, context: req.accessContext, attributeId: req.params.id });
      return reply.status(204).send(null);
    },
  );

  // ---------- products ----------
  app.get(
    '/admin/products',
    {
      schema: {
        tags,
        summary: 'Find products (deleted ones only with status=deleted)',
        querystring: AdminProductListQuery,
        response: { 200: AdminProductList },
      },
    },
    async (req) => {
      const { rows, total } = await products.listProducts(deps, { actor: req.actor, context: req.accessContext, ...req.query });
      return { items: rows.map(toSummary), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.get(
    '/admin/products/review-queue',
    {
      schema: {
        tags,
        summary: 'Products waiting for review, longest waiting first',
        querystring: AdminPaging,
        response: { 200: AdminProductList },
      },
    },
    async (req) => {
      const { rows, total } = await products.reviewQueue(deps, { actor: req.actor, context: req.accessContext, ...req.query });
      return { items: rows.map(toSummary), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.post(
    '/admin/products',
    { schema: { tags, summary: 'Create a draft product with its variants', body: ProductInput, response: { 201: AdminProduct } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(toProduct(await products.createProduct(deps, { actor: req.actor, context: req.accessContext, values: req.body }))),
  );

  app.get(
    '/admin/products/:id',
    { schema: { tags, summary: 'One product, everything staff see', params: IdParams, response: { 200: AdminProduct } } },
    async (req) => toProduct(await products.getProduct(deps, { actor: req.actor, context: req.accessContext, productId: req.params.id })),
  );

  app.put(
    '/admin/products/:id',
    {
      schema: {
        tags,
        summary: 'Replace a product and its variants (send the version you edited)',
        params: IdParams,
        body: ProductInput,
        response: { 200: AdminProduct },
      },
    },
    async (req) =>
      toProduct(
        await products.updateProduct(deps, { actor: req.actor, context: req.accessContext, productId: req.params.id, values: req.body }),
      ),
  );

  app.post(
    '/admin/products/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Move a product through its lifecycle (submit, approve, reject, put on/take off the shelf, freeze, unfreeze, delete)',
        params: IdParams,
        body: TransitionBody,
        response: { 200: AdminProduct },
      },
    },
    async (req) =>
      toProduct(
        await products.transitionProduct(deps, {
          actor: req.actor,
          context: req.accessContext,
          productId: req.params.id,
          action: req.body.action,
          reason: req.body.reason,
          version: req.body.version,
        }),
      ),
  );

  app.post(
    '/admin/products/:id/revision',
    {
      schema: {
        tags,
        summary: 'Approve or reject the product’s pending revision (approvers; reject needs a reason)',
        description:
          'Approving applies the edit to the live product (operation log `revision_approve`, reindexed); rejecting keeps the live content. 404 REVISION_NOT_FOUND without a pending revision, 409 REVISION_OUTDATED when it no longer fits the product.',
        params: IdParams,
        body: RevisionDecisionBody,
        response: { 200: AdminProduct },
      },
    },
    async (req) =>
      toProduct(
        await products.decideRevision(deps, {
          actor: req.actor,
          context: req.accessContext,
          productId: req.params.id,
          decision: req.body.decision,
          reason: req.body.reason,
        }),
      ),
  );

  app.get(
    '/admin/products/:id/log',
    {
      schema: {
        tags,
        summary: 'The product’s operation log, newest first',
        params: IdParams,
        querystring: AdminPaging,
        response: { 200: OperationLog },
      },
    },
    async (req) => {
      const { rows, total } = await products.productLog(deps, {
        actor: req.actor,
        context: req.accessContext,
        productId: req.params.id,
        ...req.query,
      });
      const actors = await userLabels(
        deps.db,
        rows.flatMap((r) => (r.actorId ? [r.actorId] : [])),
      );
      return { items: rows.map((r) => toLogEntry(r, actors)), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  // ---------- import ----------
  app.post(
    '/admin/products/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Import products as drafts from JSON (products with `spu`, `basicAttributes` and `skus`) or CSV (text/csv): all or nothing',
        description:
          'Validated as a whole; any problem answers 400 IMPORT_INVALID with `errors: [{ row, path, message }]` and creates nothing. See the catalog README for the mapping and CSV columns.',
        consumes: ['application/json', 'text/csv'],
        response: { 201: ImportResult },
      },
    },
    async (req, reply) => {
      const parsed = typeof req.body === 'string' ? parseCsvImport(req.body) : parseJsonImport(req.body);
      const items = await importProducts(deps, { actor: req.actor, context: req.accessContext, parsed });
      return reply.status(201).send({ created: items.length, items });
    },
  );

  // ---------- images ----------
  app.get(
    '/admin/products/:id/images',
    { schema: { tags, summary: 'The product’s images in display order', params: IdParams, response: { 200: AdminImageList } } },
    async (req) => ({
      items: (await products.getProduct(deps, { actor: req.actor, context: req.accessContext, productId: req.params.id })).images.map(
        toImage,
      ),
    }),
  );

  app.post(
    '/admin/products/:id/images',
    {
      schema: {
        tags,
        summary: 'Upload an image (multipart: file, optional variantId, alt.zh-TW, alt.en)',
        description:
          'JPEG, PNG, WebP or AVIF, decided by the content; at most IMAGE_MAX_BYTES (413 PAYLOAD_TOO_LARGE). 415 IMAGE_TYPE_UNSUPPORTED when the bytes are no such image or do not match the claimed type.',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: AdminImage },
      },
    },
    async (req, reply) => {
      const call = { actor: req.actor, context: req.accessContext, productId: req.params.id };
      // Access first: a caller who may not upload is refused before a byte of the body is read.
      await images.checkImageUpload(imageDeps, call);
      const { file, variantId, alt } = await readImageUpload(req);
      const row = await images.addImage(imageDeps, { ...call, file, variantId, alt });
      return reply.status(201).send(toImage(row));
    },
  );

  app.put(
    '/admin/products/:id/images/order',
    {
      schema: {
        tags,
        summary: 'Reorder the product’s images (send every id once)',
        params: IdParams,
        body: ImageOrderInput,
        response: { 200: AdminImageList },
      },
    },
    async (req) => ({
      items: (
        await images.reorderImages(imageDeps, { actor: req.actor, context: req.accessContext, productId: req.params.id, ids: req.body.ids })
      ).map(toImage),
    }),
  );

  app.delete(
    '/admin/products/:id/images/:imageId',
    { schema: { tags, summary: 'Delete an image', params: ImageParams, response: { 204: NoContent } } },
    async (req, reply) => {
      await images.deleteImage(imageDeps, {
        actor: req.actor,
        context: req.accessContext,
        productId: req.params.id,
        imageId: req.params.imageId,
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/admin/products/:id/images/presign',
    {
      schema: {
        tags,
        summary: 'A presigned S3 PUT URL for a direct upload (409 S3_NOT_CONFIGURED without S3_*); then confirm',
        params: IdParams,
        body: ImagePresignInput,
        response: { 200: ImagePresignResponse },
      },
    },
    async (req) => images.presignUpload(imageDeps, { actor: req.actor, context: req.accessContext, productId: req.params.id, ...req.body }),
  );

  app.post(
    '/admin/products/:id/images/confirm',
    {
      schema: {
        tags,
        summary: 'Record an image uploaded with a presigned URL (metadata as given)',
        params: IdParams,
        body: ImageConfirmInput,
        response: { 201: AdminImage },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          toImage(
            await images.confirmUpload(imageDeps, { actor: req.actor, context: req.accessContext, productId: req.params.id, ...req.body }),
          ),
        ),
  );
};
