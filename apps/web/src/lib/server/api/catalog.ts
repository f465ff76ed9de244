import { BrandList, CategoryTree, ProductDetail, ProductListResponse, ProductSummaryList, SuggestResponse } from '@shop/contracts/catalog';
import type { ApiClient } from '$lib/api/client';
import { id, queryString } from './http';

/** What the storefront list asks for (`GET /api/products`); `attr` values are `code:value`. */
export interface ProductListParams {
  q?: string | undefined;
  category?: string | undefined;
  brand?: string | undefined;
  priceMin?: number | undefined;
  priceMax?: number | undefined;
  attr?: readonly string[] | undefined;
  inStock?: 'true' | undefined;
  sort?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
  locale: string;
}

/** Shopper-facing catalog reads; `locale` picks the language of names and labels. */
export function catalogEndpoints(api: ApiClient) {
  return {
    products: (params: ProductListParams) => api.get(`/api/products${queryString({ ...params })}`, { schema: ProductListResponse }),
    /** A former slug is followed (the API answers 301); compare the slug of the answer. */
    product: (idOrSlug: string, locale: string) => api.get(`/api/products/${id(idOrSlug)}`, { query: { locale }, schema: ProductDetail }),
    bestsellers: (limit: number, locale: string) =>
      api.get('/api/products/bestsellers', { query: { limit, locale }, schema: ProductSummaryList }),
    categories: (locale: string) => api.get('/api/categories', { query: { locale }, schema: CategoryTree }),
    brands: (locale: string) => api.get('/api/brands', { query: { locale }, schema: BrandList }),
    suggest: (q: string, locale: string) => api.get('/api/search/suggest', { query: { q, locale }, schema: SuggestResponse }),
  };
}
