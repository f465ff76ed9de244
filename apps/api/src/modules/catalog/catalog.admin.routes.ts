import type { Redis } from 'ioredis';
import { bumpCatalogVersion } from './catalog.cache.js';
import {
  AdminAttributeDefinition,
  AdminAttributeList,
  AdminAttributeQuery,
  AdminBrand,
  AdminBrandList,
  AdminCategory,
  AdminCategoryTree,
  AdminPaging,
  AdminProduct,
  AdminProductList,
  AdminProductListQuery,
  OperationLog,
} from '@shop/contracts/catalog-admin';
import { AttributeDefinitionInput, BrandInput, CategoryInput, ProductInput, TransitionBody } from '@shop/contracts/catalog';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type * as repo from './catalog.repo.js';
import type { CatalogDeps } from './catalog.types.js';
import * as taxonomy from './categories.service.js';
import * as products from './products.service.js';

const IdParams = z.object({ id: z.uuid() });
const NoContent = z.null().describe('No content');

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
  basicAttributes: p.basicAttributes,
  status: p.status,
  version: p.version,
  reviewNote: p.reviewNote,
  createdBy: p.createdBy,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
  firstOnShelfAt: iso(p.firstOnShelfAt),
  deletedAt: iso(p.deletedAt),
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

const toSummary = (r: repo.ProductListRow) => ({ ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() });

const toLogEntry = (r: repo.OperationLogRow) => ({
  id: r.id,
  actorId: r.actorId,
  entityType: r.entityType,
  entityId: r.entityId,
  operation: r.operation,
  diff: r.diff as Record<string, unknown>,
  at: r.at.toISOString(),
});

/** Staff catalog routes under `/admin`: categories, brands, attribute definitions, products, review, log. */
export const catalogAdminRoutes: FastifyPluginAsyncZod<{ deps: CatalogDeps; redis?: Redis | undefined }> = async (app, { deps, redis }) => {
  const tags = ['admin: catalog'];
  app.addHook('preHandler', app.authenticate);
  // A successful write has committed by now: cached shopper reads end here, before the staff
  // member sees the answer (in every process when Redis is configured).
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method !== 'GET' && reply.statusCode < 400) await bumpCatalogVersion({ db: deps.db, redis });
    return payload;
  });

  // ---------- categories ----------
  app.get('/admin/categories', { schema: { tags, summary: 'The category tree, both locales', response: { 200: AdminCategoryTree } } }, async (req) => ({
    items: (await taxonomy.categoryTree(deps, { actor: req.actor, context: req.accessContext })).map(toCategory),
  }));

  app.post('/admin/categories', { schema: { tags, summary: 'Add a category', body: CategoryInput, response: { 201: AdminCategory } } }, async (req, reply) =>
    reply.status(201).send(toCategory(await taxonomy.createCategory(deps, { actor: req.actor, context: req.accessContext, values: req.body }))),
  );

  app.put('/admin/categories/:id', {
    schema: { tags, summary: 'Rename, reorder or move a category (with its subtree)', params: IdParams, body: CategoryInput, response: { 200: AdminCategory } },
  }, async (req) => toCategory(await taxonomy.updateCategory(deps, { actor: req.actor, context: req.accessContext, categoryId: req.params.id, values: req.body })));

  app.delete('/admin/categories/:id', {
    schema: { tags, summary: 'Delete an empty category', params: IdParams, response: { 204: NoContent } },
  }, async (req, reply) => {
    await taxonomy.deleteCategory(deps, { actor: req.actor, context: req.accessContext, categoryId: req.params.id });
    return reply.status(204).send(null);
  });

  // ---------- brands ----------
  app.get('/admin/brands', { schema: { tags, summary: 'All brands', response: { 200: AdminBrandList } } }, async (req) => ({
    items: (await taxonomy.listBrands(deps, { actor: req.actor, context: req.accessContext })).map(toBrand),
  }));

  app.post('/admin/brands', { schema: { tags, summary: 'Add a brand', body: BrandInput, response: { 201: AdminBrand } } }, async (req, reply) =>
    reply.status(201).send(toBrand(await taxonomy.createBrand(deps, { actor: req.actor, context: req.accessContext, values: req.body }))),
  );

  app.put('/admin/brands/:id', { schema: { tags, summary: 'Change a brand', params: IdParams, body: BrandInput, response: { 200: AdminBrand } } }, async (req) =>
    toBrand(await taxonomy.updateBrand(deps, { actor: req.actor, context: req.accessContext, brandId: req.params.id, values: req.body })),
  );

  app.delete('/admin/brands/:id', { schema: { tags, summary: 'Delete a brand no product names', params: IdParams, response: { 204: NoContent } } }, async (req, reply) => {
    await taxonomy.deleteBrand(deps, { actor: req.actor, context: req.accessContext, brandId: req.params.id });
    return reply.status(204).send(null);
  });

  // ---------- attribute definitions ----------
  app.get('/admin/attributes', {
    schema: { tags, summary: 'Attribute definitions (of a category: own and inherited)', querystring: AdminAttributeQuery, response: { 200: AdminAttributeList } },
  }, async (req) => ({
    items: (await taxonomy.listAttributes(deps, { actor: req.actor, context: req.accessContext, categoryId: req.query.categoryId })).map(toAttribute),
  }));

  app.post('/admin/attributes', {
    schema: { tags, summary: 'Define an attribute for a category', body: AttributeDefinitionInput, response: { 201: AdminAttributeDefinition } },
  }, async (req, reply) => reply.status(201).send(toAttribute(await taxonomy.createAttribute(deps, { actor: req.actor, context: req.accessContext, values: req.body }))));

  app.put('/admin/attributes/:id', {
    schema: { tags, summary: 'Change an attribute definition', params: IdParams, body: AttributeDefinitionInput, response: { 200: AdminAttributeDefinition } },
  }, async (req) => toAttribute(await taxonomy.updateAttribute(deps, { actor: req.actor, context: req.accessContext, attributeId: req.params.id, values: req.body })));

  app.delete('/admin/attributes/:id', { schema: { tags, summary: 'Delete an attribute definition', params: IdParams, response: { 204: NoContent } } }, async (req, reply) => {
    await taxonomy.deleteAttribute(deps, { actor: req.actor, context: req.accessContext, attributeId: req.params.id });
    return reply.status(204).send(null);
  });

  // ---------- products ----------
  app.get('/admin/products', {
    schema: { tags, summary: 'Find products (deleted ones only with status=deleted)', querystring: AdminProductListQuery, response: { 200: AdminProductList } },
  }, async (req) => {
    const { rows, total } = await products.listProducts(deps, { actor: req.actor, context: req.accessContext, ...req.query });
    return { items: rows.map(toSummary), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.get('/admin/products/review-queue', {
    schema: { tags, summary: 'Products waiting for review, longest waiting first', querystring: AdminPaging, response: { 200: AdminProductList } },
  }, async (req) => {
    const { rows, total } = await products.reviewQueue(deps, { actor: req.actor, context: req.accessContext, ...req.query });
    return { items: rows.map(toSummary), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.post('/admin/products', { schema: { tags, summary: 'Create a draft product with its variants', body: ProductInput, response: { 201: AdminProduct } } }, async (req, reply) =>
    reply.status(201).send(toProduct(await products.createProduct(deps, { actor: req.actor, context: req.accessContext, values: req.body }))),
  );

  app.get('/admin/products/:id', { schema: { tags, summary: 'One product, everything staff see', params: IdParams, response: { 200: AdminProduct } } }, async (req) =>
    toProduct(await products.getProduct(deps, { actor: req.actor, context: req.accessContext, productId: req.params.id })),
  );

  app.put('/admin/products/:id', {
    schema: { tags, summary: 'Replace a product and its variants (send the version you edited)', params: IdParams, body: ProductInput, response: { 200: AdminProduct } },
  }, async (req) => toProduct(await products.updateProduct(deps, { actor: req.actor, context: req.accessContext, productId: req.params.id, values: req.body })));

  app.post('/admin/products/:id/transitions', {
    schema: { tags, summary: 'Move a product through its lifecycle (submit, approve, reject, put on/take off the shelf, freeze, unfreeze, delete)', params: IdParams, body: TransitionBody, response: { 200: AdminProduct } },
  }, async (req) =>
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

  app.get('/admin/products/:id/log', {
    schema: { tags, summary: 'The product’s operation log, newest first', params: IdParams, querystring: AdminPaging, response: { 200: OperationLog } },
  }, async (req) => {
    const { rows, total } = await products.productLog(deps, { actor: req.actor, context: req.accessContext, productId: req.params.id, ...req.query });
    return { items: rows.map(toLogEntry), total, page: req.query.page, pageSize: req.query.pageSize };
  });
};
