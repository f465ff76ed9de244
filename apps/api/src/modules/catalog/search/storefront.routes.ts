import {
  BestsellersQuery,
  BrandList,
  CategoryTree,
  LocaleQuery,
  ProductDetail,
  ProductListQuery,
  ProductListResponse,
  ProductSummaryList,
  SuggestQuery,
  SuggestResponse,
} from '@shop/contracts/catalog';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Db } from '../../../db/client.js';
import { createCatalogCache } from './catalog.cache.js';
import * as service from './search.service.js';

/** Thrown out of the detail computation when the address is a former slug. */
class MovedTo {
  constructor(readonly slug: string) {}
}

const IdOrSlugParams = z.object({ idOrSlug: z.string().min(1).max(120) });
const Cached = z.string().describe('Cached JSON; 304 with a matching If-None-Match');

/**
 * Shopper-facing catalog reads under `/api`: product search and list, product detail, categories,
 * brands, bestsellers, autocomplete. Every answer carries ETag and Cache-Control and is cached in
 * Redis (when given) or memory, invalidated by `bumpCatalogVersion`. `cache: false` turns the
 * server-side cache off (benchmarks); ETag/304 still work. `cacheBytes` bounds the in-process cache
 * (without Redis; default 64 MiB).
 */
export const catalogStorefrontRoutes: FastifyPluginAsyncZod<{
  db: Db;
  redis?: Redis | undefined;
  cache?: boolean;
  cacheBytes?: number | undefined;
}> = async (app, { db, redis, cache: enabled, cacheBytes }) => {
  const cache = createCatalogCache({ db, redis, enabled: enabled ?? true, maxBytes: cacheBytes });
  const tags = ['catalog'];
  const localeOf = (q: { locale?: service.Locale | undefined }, h: string | undefined) => service.resolveLocale(q.locale, h);

  app.get(
    '/products',
    {
      schema: {
        tags,
        summary: 'Search and list products with filters, sort and facets',
        querystring: ProductListQuery,
        response: { 200: ProductListResponse, 304: Cached },
      },
    },
    async (req, reply) => {
      const locale = localeOf(req.query, req.headers['accept-language']);
      return cache.reply(req, reply, {
        locale,
        // Typed by the contract at compile time; not re-validated per request (this is the hot path).
        compute: () => service.searchCatalog(db, { query: req.query, locale, cache: { db, redis } }),
      });
    },
  );

  app.get(
    '/products/bestsellers',
    {
      schema: {
        tags,
        summary: 'Best-selling visible products',
        querystring: BestsellersQuery,
        response: { 200: ProductSummaryList, 304: Cached },
      },
    },
    async (req, reply) => {
      const locale = localeOf(req.query, req.headers['accept-language']);
      return cache.reply(req, reply, {
        locale,
        compute: async () =>
          JSON.stringify(ProductSummaryList.parse({ items: await service.listBestsellers(db, { limit: req.query.limit, locale }) })),
      });
    },
  );

  app.get(
    '/products/:idOrSlug',
    {
      schema: {
        tags,
        summary: 'A visible product with variants, images, breadcrumbs and related products; 301 from a former slug',
        params: IdOrSlugParams,
        querystring: LocaleQuery,
        response: { 200: ProductDetail, 304: Cached },
      },
    },
    async (req, reply) => {
      const locale = localeOf(req.query, req.headers['accept-language']);
      // The lookup runs inside the cache, so a warm detail costs no query. A former slug and an
      // invisible product throw out of `compute`, which stores nothing: redirects and 404s are never
      // cached, and any staff change to slugs or status bumps the catalog version anyway.
      try {
        return await cache.reply(req, reply, {
          locale,
          compute: async () => {
            const found = await service.getProductDetail(db, { idOrSlug: req.params.idOrSlug, locale, cache: { db, redis } });
            if (found.kind === 'moved') throw new MovedTo(found.slug);
            return JSON.stringify(found.product satisfies ProductDetail);
          },
        });
      } catch (err) {
        if (!(err instanceof MovedTo)) throw err;
        const qs = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
        return reply.redirect(`/api/products/${encodeURIComponent(err.slug)}${qs}`, 301);
      }
    },
  );

  app.get(
    '/categories',
    {
      schema: { tags, summary: 'The category tree, localized', querystring: LocaleQuery, response: { 200: CategoryTree, 304: Cached } },
    },
    async (req, reply) => {
      const locale = localeOf(req.query, req.headers['accept-language']);
      return cache.reply(req, reply, {
        locale,
        compute: async () => JSON.stringify(CategoryTree.parse({ items: await service.localizedCategoryTree(db, { locale }) })),
      });
    },
  );

  app.get(
    '/brands',
    {
      schema: { tags, summary: 'All brands, localized', querystring: LocaleQuery, response: { 200: BrandList, 304: Cached } },
    },
    async (req, reply) => {
      const locale = localeOf(req.query, req.headers['accept-language']);
      return cache.reply(req, reply, {
        locale,
        compute: async () => JSON.stringify(BrandList.parse({ items: await service.listBrandsLocalized(db, { locale }) })),
      });
    },
  );

  app.get(
    '/search/suggest',
    {
      schema: {
        tags,
        summary: 'Autocomplete: product names, categories and brands for a partial query',
        querystring: SuggestQuery,
        response: { 200: SuggestResponse, 304: Cached },
      },
    },
    async (req, reply) => {
      const locale = localeOf(req.query, req.headers['accept-language']);
      return cache.reply(req, reply, {
        locale,
        compute: async () =>
          JSON.stringify(SuggestResponse.parse(await service.suggest(db, { q: req.query.q, locale, cache: { db, redis } }))),
      });
    },
  );
};
