// What the search sub-module (./search/) may use of the catalog's internals, and nothing else:
// search imports the rest of the catalog only through this file (lint-enforced), and the catalog
// imports search only through search/index.ts.

/** Two-locale texts as stored. */
export type { Translations } from './catalog.tables.js';
/** Basic attribute values as stored on a product, and their texts for display and indexing. */
export { attributeKey, attributeText, attributeTexts, type BasicAttributeValue } from './attribute-values.js';
/** Public URLs and srcsets of stored product images. */
export { imageSizes, imageUrl, srcsetOf } from './media.js';
/** The category and brand lists (the storefront's tree and brand list read the same rows staff edit). */
export { listBrands, listCategories, type BrandRow, type CategoryRow } from './taxonomy.repo.js';
