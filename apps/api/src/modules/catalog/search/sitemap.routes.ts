import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../../db/client.js';
import { notFoundProblem } from '../../../platform/http-errors.js';
import {
  categoryPath,
  productPath,
  robotsTxt,
  SITEMAP_MAX_URLS,
  sitemapIndexXml,
  URLSET_CLOSE,
  URLSET_OPEN,
  urlEntries,
  type SitemapPage,
} from './sitemap.js';
import { countVisibleProducts, visibleCategories, visibleProductsPage } from './sitemap.repo.js';

const CACHE = 'public, max-age=3600';

export interface SitemapOptions {
  db: Db;
  /** The shop's public URL (no trailing slash): every URL in these files starts with it, never with a request's Host. */
  publicUrl: string;
  /** URLs per sitemap file; past it `/sitemap.xml` is an index of `/sitemap-N.xml`. */
  maxUrls?: number;
  /** Products read per keyset page while a file streams (default 2,000). */
  pageSize?: number;
}

/**
 * `GET /robots.txt`, `GET /sitemap.xml` and `GET /sitemap-<n>.xml`, at the site root (outside
 * `/api`, before the web catch-all). Each page is two URLs (zh-TW and `/en`), so a file holds
 * `maxUrls / 2` pages: categories with on-shelf products first, then on-shelf products in id order.
 * A file streams by keyset pages; where it starts is found by an index-only walk.
 */
export const sitemapRoutes: FastifyPluginAsync<SitemapOptions> = async (
  app,
  { db, publicUrl, maxUrls = SITEMAP_MAX_URLS, pageSize = 2_000 },
) => {
  const perFile = Math.max(1, Math.floor(maxUrls / 2));

  const layout = async () => {
    const [categories, products] = await Promise.all([visibleCategories(db), countVisibleProducts(db)]);
    return { categories, products, files: Math.max(1, Math.ceil((categories.length + products) / perFile)) };
  };

  /** The pages of file `n` (1-based): its share of the categories, then of the products. */
  async function* pagesOf(n: number, categories: Awaited<ReturnType<typeof layout>>['categories']): AsyncGenerator<SitemapPage> {
    const start = (n - 1) * perFile;
    const end = start + perFile;
    for (const c of categories.slice(start, end)) yield { path: categoryPath(c.slug), lastmod: c.updatedAt };
    let left = end - Math.max(start, categories.length);
    let after: string | undefined;
    let offset = Math.max(0, start - categories.length);
    while (left > 0) {
      const rows = await visibleProductsPage(db, { after, offset, limit: Math.min(pageSize, left) });
      for (const p of rows) yield { path: productPath(p.slug), lastmod: p.updatedAt };
      if (rows.length < Math.min(pageSize, left)) return;
      left -= rows.length;
      after = rows.at(-1)!.id;
      offset = 0;
    }
  }

  async function* urlset(n: number, categories: Awaited<ReturnType<typeof layout>>['categories']): AsyncGenerator<string> {
    yield URLSET_OPEN;
    let chunk = '';
    for await (const page of pagesOf(n, categories)) {
      chunk += urlEntries(publicUrl, page);
      if (chunk.length > 64 * 1024) {
        yield chunk;
        chunk = '';
      }
    }
    yield chunk + URLSET_CLOSE;
  }

  const xml = 'application/xml; charset=utf-8';

  app.get('/robots.txt', { schema: { hide: true } }, async (_req, reply) =>
    reply.header('cache-control', CACHE).type('text/plain; charset=utf-8').send(robotsTxt(publicUrl)),
  );

  app.get('/sitemap.xml', { schema: { hide: true } }, async (_req, reply) => {
    const l = await layout();
    reply.header('cache-control', CACHE).type(xml);
    return l.files > 1 ? reply.send(sitemapIndexXml(publicUrl, l.files)) : reply.send(Readable.from(urlset(1, l.categories)));
  });

  app.get('/sitemap-:file', { schema: { hide: true } }, async (req, reply) => {
    const m = /^([1-9]\d{0,5})\.xml$/.exec((req.params as { file: string }).file);
    const l = await layout();
    const n = m ? Number(m[1]) : 0;
    if (n < 1 || n > l.files || l.files === 1) return notFoundProblem(req, reply);
    return reply
      .header('cache-control', CACHE)
      .type(xml)
      .send(Readable.from(urlset(n, l.categories)));
  });
};
