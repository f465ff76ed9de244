// The catalog module's private pieces the benchmark needs: the text rules (so product_search rows
// are built exactly as reindexProduct builds them), the search statement (EXPLAIN) and the response
// cache (the one-read ceiling answers through it, as the shop does).
// The module boundary rule allows imports only through index.ts; the bench is the one exception.
/* eslint-disable shop/boundaries -- the benchmark reproduces the indexer and the search query */
export { createCatalogCache } from '../../apps/api/src/modules/catalog/search/catalog.cache.js';
export {
  cjkGrams,
  indexWords,
  normalizeText,
  planQuery,
  prefixTsQuery,
  type QueryPlan,
} from '../../apps/api/src/modules/catalog/search/cjk.js';
export { searchWindowSql } from '../../apps/api/src/modules/catalog/search/search.repo.js';
/* eslint-enable shop/boundaries */
