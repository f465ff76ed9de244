// What a search asks for: the criteria the search statements and the term lookup share.
import type { QueryPlan } from './cjk.js';

export type SearchSort = 'relevance' | 'price_asc' | 'price_desc' | 'newest' | 'bestselling' | 'name';

export interface SearchCriteria {
  plan?: QueryPlan | undefined;
  categoryId?: string | undefined;
  brandId?: string | undefined;
  /** Against `price_min`, the "from" price a card shows; both bounds inclusive. */
  priceMin?: number | undefined;
  priceMax?: number | undefined;
  /** code → `code:value` list: OR within a code, AND across codes. */
  attributes: Map<string, string[]>;
  inStockOnly: boolean;
}

/** A filter dimension (a facet is counted without its own filter). */
export type Dimension = 'category' | 'brand' | 'price' | 'attributes' | 'stock';
