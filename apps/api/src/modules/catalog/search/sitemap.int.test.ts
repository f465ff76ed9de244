// robots.txt and the sitemaps as a crawler reads them over HTTP: which pages exist (on-shelf
// products and their categories, in zh-TW and English), on the shop's public URL whatever Host the
// request names, and split into an index of files past the URL limit.
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../../test/harness.js';
import { sitemapRoutes } from './index.js';
import { insertSearchFixture, type Fixture } from './search.fixture.js';
import { reindexProduct } from './search.indexer.js';

const PUBLIC = 'https://shop.example';
const EVIL = { host: 'evil.example', 'x-forwarded-host': 'evil.example' };

interface Url {
  loc: string;
  lastmod: string;
  alternates: Record<string, string>;
}
const urlsOf = (xml: string): Url[] =>
  [...xml.matchAll(/<url>(.*?)<\/url>/g)].map(([, u]) => ({
    loc: /<loc>(.*?)<\/loc>/.exec(u!)![1]!,
    lastmod: /<lastmod>(.*?)<\/lastmod>/.exec(u!)![1]!,
    alternates: Object.fromEntries(
      [...u!.matchAll(/<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/>/g)].map(([, l, h]) => [l!, h!]),
    ),
  }));
const sorted = (xs: string[]) => [...xs].sort();

describe('robots.txt and sitemaps', () => {
  let h: Harness;
  let f: Fixture;
  /** Every page a crawler should find: zh-TW path → last change. */
  let expected: Map<string, string>;

  beforeAll(async () => {
    h = await createHarness({ env: { PUBLIC_URL: `${PUBLIC}/` } });
    f = await insertSearchFixture(h.db);
    const products = await h.db.execute<{ slug: string; updated_at: Date }>(sql`SELECT slug, updated_at FROM products`);
    const categories = await h.db.execute<{ slug: string; updated_at: Date }>(sql`SELECT slug, updated_at FROM categories`);
    const visible = new Set(f.visible.map((p) => p.slug));
    expected = new Map([
      ...categories.rows.map((c) => [`/products?category=${c.slug}`, new Date(c.updated_at).toISOString()] as const),
      ...products.rows
        .filter((p) => visible.has(p.slug))
        .map((p) => [`/products/${p.slug}`, new Date(p.updated_at).toISOString()] as const),
    ]);
  });
  afterAll(() => h?.close());

  /** Each page twice, zh-TW at its path and English under /en, both naming each other. */
  const expectBothLanguages = (urls: Url[], pages: Map<string, string>) => {
    expect(sorted(urls.map((u) => u.loc))).toEqual(
      sorted([...pages.keys()].flatMap((p) => [`${PUBLIC}${p}`, `${PUBLIC}/en${p}`])).map((l) => l.replace(/&/g, '&amp;')),
    );
    for (const u of urls) {
      const path = u.loc.replace(PUBLIC, '').replace(/^\/en/, '').replace(/&amp;/g, '&');
      expect(u.lastmod, u.loc).toBe(pages.get(path));
      expect(u.alternates, u.loc).toEqual({
        'zh-TW': `${PUBLIC}${path}`.replace(/&/g, '&amp;'),
        en: `${PUBLIC}/en${path}`.replace(/&/g, '&amp;'),
        'x-default': `${PUBLIC}${path}`.replace(/&/g, '&amp;'),
      });
    }
  };

  it('robots.txt lets crawlers into the storefront, keeps them out of staff, account, cart, checkout and the API, and names the sitemap on the public URL', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/robots.txt', headers: EVIL });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const lines = res.body.split('\n');
    expect(lines).toContain('User-agent: *');
    expect(lines).toContain('Allow: /');
    for (const p of ['/admin', '/account', '/api', '/cart', '/checkout', '/en/account', '/en/cart', '/en/checkout'])
      expect(lines).toContain(`Disallow: ${p}`);
    expect(lines).toContain(`Sitemap: ${PUBLIC}/sitemap.xml`);
    expect(res.body).not.toContain('evil');
  });

  it('sitemap.xml lists every on-shelf (and sold-out) product and every category, in zh-TW and English, on the public URL', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/sitemap.xml', headers: EVIL });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(res.body).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9" xmlns:xhtml="http:\/\/www.w3.org\/1999\/xhtml">/,
    );
    expect(res.body).not.toContain('evil');
    const urls = urlsOf(res.body);
    expectBothLanguages(urls, expected);
    // drafts, pending and off-shelf products are no pages a shopper can open
    for (const slug of ['draft-tee', 'pending-shorts', 'off-jeans']) expect(res.body).not.toContain(`/products/${slug}<`);
    expect(res.body).toContain('/products/striped-tee<'); // sold out, still on the shelf
    // no index below the limit
    expect((await h.app.inject({ method: 'GET', url: '/sitemap-1.xml' })).statusCode).toBe(404);
  });

  it('follows the shelf: a product taken off it leaves the sitemap', async () => {
    const app = await h.app.inject({ method: 'GET', url: '/sitemap.xml' });
    expect(app.body).toContain('/products/glass<');
    await h.db.execute(sql`UPDATE products SET status = 'off_shelf' WHERE slug = 'glass'`);
    await h.db.transaction(async (tx) => reindexProduct(tx, f.bySlug('glass').id));
    const after = await h.app.inject({ method: 'GET', url: '/sitemap.xml' });
    expect(after.body).not.toContain('/products/glass<');
    await h.db.execute(sql`UPDATE products SET status = 'on_shelf' WHERE slug = 'glass'`);
    await h.db.transaction(async (tx) => reindexProduct(tx, f.bySlug('glass').id));
  });

  it('past the URL limit sitemap.xml is an index of sitemap-N.xml files that together list the same pages, each within the limit', async () => {
    const limit = 10;
    const small = Fastify();
    await small.register(sitemapRoutes, { db: h.db, publicUrl: PUBLIC, maxUrls: limit, pageSize: 2 });
    await small.ready();
    try {
      const index = await small.inject({ method: 'GET', url: '/sitemap.xml', headers: EVIL });
      expect(index.statusCode).toBe(200);
      expect(index.body).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
      const files = [...index.body.matchAll(/<sitemap><loc>(.*?)<\/loc><\/sitemap>/g)].map(([, l]) => l!);
      expect(files).toEqual(Array.from({ length: Math.ceil((expected.size * 2) / limit) }, (_, i) => `${PUBLIC}/sitemap-${i + 1}.xml`));
      const all: Url[] = [];
      for (const file of files) {
        const res = await small.inject({ method: 'GET', url: file.replace(PUBLIC, ''), headers: EVIL });
        expect(res.statusCode, file).toBe(200);
        const urls = urlsOf(res.body);
        expect(urls.length, file).toBeGreaterThan(0);
        expect(urls.length, file).toBeLessThanOrEqual(limit);
        all.push(...urls);
      }
      expectBothLanguages(all, expected);
      expect(new Set(all.map((u) => u.loc)).size).toBe(all.length);
      for (const url of [`/sitemap-${files.length + 1}.xml`, '/sitemap-0.xml', '/sitemap-x.xml']) {
        const res = await small.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(404);
      }
    } finally {
      await small.close();
    }
  });
});
