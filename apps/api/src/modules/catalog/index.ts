// The catalog module's public surface: the only file other modules (and app.ts) may import.
// Private: catalog.tables.ts, catalog.repo.ts, the services' helpers, slug/snapshot/lifecycle internals.

import { routes, type ModuleContext, type ModuleParts } from '../../platform/module.js';
import type { EventHandler } from '../../platform/outbox.js';
import { catalogAdminRoutes } from './catalog.admin.routes.js';
import { mediaRoutes } from './media.routes.js';
import { catalogReindexHandler, catalogStorefrontRoutes, sitemapRoutes, type CatalogCacheDeps } from './search/index.js';
import { catalogStockStatusHandler } from './stock-status.handler.js';

/** What catalog use cases take: `{ db, redis? }` (every write bumps the cached catalog version after its commit). */
export type { CatalogDeps } from './catalog.types.js';
export type { ProductStatus } from './catalog.tables.js';

/**
 * The product lifecycle table and the catalog's outbox events (defined with `defineEvent`). Staff
 * move products with `transitionProduct`; `statusAfterEdit` says what an edit does to the status.
 */
export { statusAfterEdit, TRANSITIONS, type LifecycleAction, type StaffAction } from './lifecycle.js';
export { ProductEvents } from './catalog.events.js';
export { CatalogEvents } from './search/index.js';

/**
 * Staff use cases, each `(deps, { actor, context, … })`, authorizing inside (`product`, `category`,
 * `brand`, `attribute`; approve/reject need `approve`) and opening their own transaction, which also
 * writes the operation log, the outbox event and the search index row.
 */
export {
  categoryTree,
  createAttribute,
  createBrand,
  createCategory,
  deleteAttribute,
  deleteBrand,
  deleteCategory,
  listAttributes,
  listBrands,
  updateAttribute,
  updateBrand,
  updateCategory,
} from './categories.service.js';
export {
  createProduct,
  decideRevision,
  getProduct,
  listProducts,
  productLog,
  reviewQueue,
  transitionProduct,
  updateProduct,
  type AdminProductView,
} from './products.service.js';

/**
 * For orders, in the caller's transaction: the id of the snapshot of the product as it is now
 * (deduplicated by content hash; inserted when new). Throws PRODUCT_NOT_FOUND.
 */
export { currentSnapshot } from './snapshot.repo.js';

/**
 * For the cart: what it needs of each variant (price, buyer visibility, names, option labels, card
 * image, categories with their ancestors, brand, weight, fulfilment and the order-discount and
 * store-pickup flags), by variant id; unknown ids are absent. A plain read on the pool or a `tx`.
 */
export { variantsForCart, type CartVariantFacts } from './cart-facts.repo.js';

/**
 * For stock: variant id, product id and SKU by variant ids or by SKUs (Maps; unknown ones absent),
 * the variants whose SKU contains a text (case-insensitive, by SKU, at most `limit`), and the sold
 * variants of a product shoppers can see (null when they cannot see it). Plain reads.
 */
export { shopperVariantIds, variantsByIds, variantsBySkus, variantsMatchingSku, type VariantRef } from './variant-refs.repo.js';

/** A current or former product slug → `{ productId, canonicalSlug }` (301 when they differ), or undefined. */
export { resolveSlug } from './products.service.js';

/** `/api/admin/{categories,brands,attributes,products}` (register with `{ deps }` under `/api`). */
export { catalogAdminRoutes } from './catalog.admin.routes.js';

/** `/api/products`, `/api/products/bestsellers`, `/api/products/:idOrSlug`, `/api/categories`, `/api/brands`, `/api/search/suggest`: shopper reads, ETag + cached. */
export { catalogStorefrontRoutes } from './search/index.js';

/** `GET /media/<key>`: locally stored product images (register at the root, outside `/api`, before the web app). */
export { mediaRoutes } from './media.routes.js';

/**
 * `GET /robots.txt`, `/sitemap.xml` and `/sitemap-<n>.xml` (register at the root, before the web app):
 * on-shelf products and categories in zh-TW and English with hreflang alternates, every URL on the
 * given public URL; past `maxUrls` (default 50,000) `/sitemap.xml` is an index of `/sitemap-<n>.xml`.
 */
export { sitemapRoutes, type SitemapOptions } from './search/index.js';

/**
 * Image uploads, reorder, delete and S3 presign/confirm (`(deps & { media }, { actor, context, … })`,
 * authorizing `update` on the product); bulk import of products (all or nothing, `create`).
 */
export { addImage, confirmUpload, deleteImage, presignUpload, reorderImages } from './images.service.js';
export { parseCsvImport, parseJsonImport, type ImportRowError } from './import.parse.js';
export { importProducts, type ImportedProduct } from './import.service.js';

/**
 * Loads the demo catalog (≥ 200 products on the shelf, images, stats) when the catalog is empty;
 * does nothing otherwise. Used by main.ts on a first start and by `npm run seed`.
 */
export { seedDemoCatalog, type SeedResult } from './catalog.seed.js';

/** Invalidates cached catalog reads (Redis INCR or this process's counter). Call after the write's transaction commits. */
export { bumpCatalogVersion, type CatalogCacheDeps } from './search/index.js';

/**
 * The catalog's outbox handlers for the worker's composition root (`cache`: the same database
 * handle and Redis as the API's, so each handler's commit invalidates cached catalog reads):
 * - `catalog.reindex` rewrites the search rows of the products a category or brand change reaches,
 *   a batch per event;
 * - `catalog.stock-status` puts a product in sold_out on `inventory.depleted` and back on the shelf
 *   on `inventory.restocked`, in its own transaction (the stock write never touches catalog rows).
 */
export function catalogEventHandlers(cache: CatalogCacheDeps): EventHandler[] {
  return [catalogReindexHandler({ cache }), catalogStockStatusHandler({ cache })];
}

/**
 * The module for modules.ts. Under `/api`: the staff routes (`deps`, the media settings of
 * `config.media`, Redis for cache versions) and the cached shopper reads. At the root: `/media/<key>`
 * and robots.txt with the sitemaps on `config.http.publicUrl`. The reindex handler invalidates
 * cached reads through the same database handle and Redis.
 */
export function catalogModule(ctx: ModuleContext): ModuleParts {
  const { config, db, redis } = ctx;
  return {
    name: 'catalog',
    routes: [routes(catalogAdminRoutes, { deps: { db, redis }, media: config.media }), routes(catalogStorefrontRoutes, { db, redis })],
    rootRoutes: [routes(mediaRoutes, { media: config.media }), routes(sitemapRoutes, { db, publicUrl: config.http.publicUrl })],
    eventHandlers: catalogEventHandlers({ db, redis }),
    jobs: [],
  };
}
