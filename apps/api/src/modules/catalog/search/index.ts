// The search sub-module's surface: the only file of search/ the rest of the catalog may import.
// Search owns the shopper-facing reads (product_search, product_cards, postings, facet counts, the
// storefront routes, the sitemap) and their cache; it reaches the catalog only through ../shared.ts.

/** Rewrites a product's search row, postings, facet counts and card in the caller's (catalog write's) transaction. */
export { reindexProduct } from './search.indexer.js';

/**
 * `catalog.reindex_requested` (a category or brand change reaching many products), appended by
 * `requestReindex` in the staff write's transaction and handled a batch per event by `catalogReindexHandler`.
 */
export { CatalogEvents, catalogReindexHandler, requestReindex, REINDEX_BATCH, type ReindexRequest } from './search.reindex.js';

/** Invalidates cached catalog reads (Redis INCR or this process's counter); call after a write's commit. */
export { bumpCatalogVersion, type CatalogCacheDeps } from './catalog.cache.js';

/** `/products`, `/products/bestsellers`, `/products/:idOrSlug`, `/categories`, `/brands`, `/search/suggest`: cached shopper reads. */
export { catalogStorefrontRoutes } from './storefront.routes.js';

/** `/robots.txt`, `/sitemap.xml`, `/sitemap-<n>.xml`. */
export { sitemapRoutes, type SitemapOptions } from './sitemap.routes.js';
