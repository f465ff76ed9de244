import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { buildApp, type App } from '../../../app.js';
import { createTestDatabase, TEST_JWT_SECRET, testConfig, type TestDatabase } from '../../../../test/harness.js';
import { bumpCatalogVersion } from './catalog.cache.js';
import { insertSearchFixture, type Fixture } from './search.fixture.js';
import { reindexProduct } from './search.indexer.js';

interface Summary {
  id: string;
  slug: string;
  name: string;
  highlight: string | null;
  priceMinor: number;
  stock: string;
  brand: string | null;
}
interface Facet {
  value: string;
  label: string;
  count: number;
}
interface ListBody {
  items: Summary[];
  total: number;
  page: number;
  pageSize: number;
  facets: {
    categories: Facet[];
    brands: Facet[];
    attributes: Array<{ code: string; label: string; values: Facet[] }>;
    prices: Array<{ min: number; max: number | null; count: number }>;
  };
}

describe('storefront catalog search', () => {
  let h: { app: App; db: TestDatabase['db']; database: TestDatabase; redis: Redis | undefined };
  let f: Fixture;

  beforeAll(async () => {
    const config = testConfig();
    const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2 }) : undefined;
    const database = await createTestDatabase();
    const app = await buildApp({
      config,
      db: database.db,
      pool: database.pool,
      logger: pino({ level: 'silent' }),
      jwtSecret: TEST_JWT_SECRET,
      redis,
    });
    await app.ready();
    h = { app, db: database.db, database, redis };
    f = await insertSearchFixture(h.db);
  });
  afterAll(async () => {
    await h?.app.close();
    await h?.redis?.quit();
    await h?.database.destroy();
  });

  const list = async (qs: string, headers: Record<string, string> = {}) => {
    const res = await h.app.inject({ method: 'GET', url: `/api/products?${qs}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ListBody>();
  };
  const all = async (qs: string) => list(`${qs}&pageSize=100`);
  const slugs = (b: ListBody) => b.items.map((i) => i.slug);
  const sum = (xs: Array<{ count: number }>) => xs.reduce((s, x) => s + x.count, 0);

  describe('Chinese', () => {
    it('finds two-character words (圓領, 短褲) and ranks the exact name first', async () => {
      expect(slugs(await all('q=圓領')).sort()).toEqual(['crew-tee', 'striped-tee']);
      const shorts = await all('q=短褲');
      expect(slugs(shorts).sort()).toEqual(['shorts', 'sport-shorts']);
      expect(shorts.items[0]!.slug).toBe('shorts');
      expect(shorts.items[0]!.highlight).toBe('<mark>短褲</mark>');
    });

    it('finds one character (褲) in names and category names', async () => {
      const res = await all('q=褲');
      // every product in 褲子 (Trousers) and every name with 褲
      expect(slugs(res).sort()).toEqual(['chinos', 'jeans', 'jogger', 'shorts', 'sport-shorts', 'straight-jeans'].sort());
      expect(res.total).toBe(6);
    });

    it('finds four characters and brand names in Chinese', async () => {
      expect(slugs(await all('q=圓領短袖'))).toEqual(['crew-tee']);
      expect(slugs(await all('q=膳魔師')).sort()).toEqual(['flask', 'kids-cup', 'tumbler']);
      expect((await all('q=圓領短袖')).items[0]!.highlight).toBe('<mark>圓領短袖</mark>T恤');
    });

    it('matches full-width input', async () => {
      expect(slugs(await all(`q=${encodeURIComponent('ＪＥＡＮＳ')}`))).toContain('jeans');
    });
  });

  describe('English', () => {
    it('matches prefixes while typing (shi → shirts and T-shirts)', async () => {
      const res = await all('q=shi&locale=en');
      expect(slugs(res)).toEqual(expect.arrayContaining(['oxford-shirt', 'flannel-shirt', 'long-tee', 'graphic-tee']));
      expect(slugs(res)).not.toContain('shorts');
      expect(res.items.find((i) => i.slug === 'oxford-shirt')!.highlight).toBe('Oxford <mark>Shi</mark>rt');
    });

    it('forgives a one-letter typo (shrit, tshrit, jenas, flanel)', async () => {
      expect(slugs(await all('q=shrit'))).toEqual(expect.arrayContaining(['oxford-shirt', 'denim-shirt']));
      expect(slugs(await all('q=tshrit'))).toEqual(expect.arrayContaining(['graphic-tee', 'long-tee']));
      expect(slugs(await all('q=jenas'))).toEqual(expect.arrayContaining(['jeans', 'straight-jeans']));
      expect(slugs(await all('q=flanel'))).toContain('flannel-shirt');
      expect(slugs(await all('q=shrit'))).not.toContain('shorts');
    });

    it('finds by brand, category and attribute labels', async () => {
      expect(slugs(await all('q=converse')).sort()).toEqual(['canvas-sneakers', 'hi-canvas']);
      expect(slugs(await all('q=drinkware')).sort()).toEqual(['flask', 'glass', 'kids-cup', 'mug', 'tumbler']);
      expect(slugs(await all('q=紅'))).toEqual(expect.arrayContaining(['crew-tee', 'flannel-shirt', 'kids-cup']));
    });

    it('ranks the exact name above prefixes and other fields', async () => {
      const res = await all('q=jeans');
      expect(res.items[0]!.slug).toBe('jeans');
      expect(slugs(res)).toContain('straight-jeans');
    });
  });

  describe('literal % and _', () => {
    it('matches nothing for symbols only, and facets are zeroed', async () => {
      for (const q of ['%', '_', '%25', '__']) {
        const res = await list(`q=${encodeURIComponent(q)}`);
        expect(res.items).toEqual([]);
        expect(res.total).toBe(0);
        expect(res.facets.brands).toEqual([]);
        expect(res.facets.categories).toEqual([]);
        expect(res.facets.attributes).toEqual([]);
        expect(sum(res.facets.prices)).toBe(0);
      }
    });
    it('keeps words around them', async () => {
      expect(slugs(await all(`q=${encodeURIComponent('100%')}`))).toEqual(['percent-cup']);
      expect(slugs(await all(`q=${encodeURIComponent('tote_bag')}`))).toEqual(['percent-cup']);
    });
    it('returns empty with zeroed facets when nothing matches', async () => {
      const res = await list('q=zzzzqqq');
      expect(res).toMatchObject({ items: [], total: 0, facets: { brands: [], categories: [], attributes: [] } });
    });
  });

  describe('filters and facets', () => {
    it('a category includes its descendants (by id or slug)', async () => {
      const tops = await all('category=tops');
      expect(tops.total).toBe(f.visible.filter((p) => [f.cat.tops, f.cat.tees, f.cat.shirts].includes(p.category)).length);
      expect((await all(`category=${f.cat.apparel}`)).total).toBe(
        f.visible.filter((p) => [f.cat.apparel, f.cat.tops, f.cat.tees, f.cat.shirts, f.cat.bottoms, f.cat.trousers].includes(p.category))
          .length,
      );
      // the category facet then lists the chosen category's children too
      expect(tops.facets.categories.map((c) => c.label)).toEqual(expect.arrayContaining(['T恤', '襯衫']));
    });

    it('brand, price range (on the from-price) and in-stock', async () => {
      expect(slugs(await all('brand=converse')).sort()).toEqual(['canvas-sneakers', 'hi-canvas']);
      expect((await all(`brand=${f.brand.thermos}`)).total).toBe(3);
      const mid = await all('priceMin=500&priceMax=999');
      expect(mid.total).toBe(f.visible.filter((p) => Math.min(...p.prices) >= 500 && Math.min(...p.prices) <= 999).length);
      expect(mid.items.every((i) => i.priceMinor >= 500 && i.priceMinor <= 999)).toBe(true);
      const inStock = await all('q=圓領&inStock=true');
      expect(slugs(inStock)).toEqual(['crew-tee']);
      expect((await all('q=圓領')).items.find((i) => i.slug === 'striped-tee')!.stock).toBe('out');
    });

    it('attributes: OR within a code, AND across codes', async () => {
      const has = (p: Fixture['products'][number], sizes: string[], colors: string[]) =>
        (sizes.length === 0 || p.sizes.some((s) => sizes.includes(s))) && (colors.length === 0 || p.colors.some((c) => colors.includes(c)));
      expect((await all('attr=size:S')).total).toBe(f.visible.filter((p) => has(p, ['S'], [])).length);
      expect((await all('attr=size:S&attr=size:L')).total).toBe(f.visible.filter((p) => has(p, ['S', 'L'], [])).length);
      const both = await all('attr=size:L&attr=color:red');
      expect(both.total).toBe(f.visible.filter((p) => has(p, ['L'], ['red'])).length);
      expect(both.total).toBeGreaterThan(0);
    });

    it('facet counts agree with the result set', async () => {
      const base = await all('q=shirt');
      expect(sum(base.facets.categories)).toBe(base.total); // every product sits in exactly one top-level category
      expect(sum(base.facets.brands)).toBe(base.total);
      expect(sum(base.facets.prices)).toBe(base.total);
      for (const b of base.facets.brands) expect((await all(`q=shirt&brand=${b.value}`)).total).toBe(b.count);
      for (const p of base.facets.prices.filter((x) => x.count > 0)) {
        expect((await all(`q=shirt&priceMin=${p.min}${p.max === null ? '' : `&priceMax=${p.max}`}`)).total).toBe(p.count);
      }
      const colors = base.facets.attributes.find((a) => a.code === 'color')!;
      expect(colors.label).toBe('顏色');
      for (const v of colors.values) expect((await all(`q=shirt&attr=${encodeURIComponent(v.value)}`)).total).toBe(v.count);
      // a facet ignores its own filter: choosing a brand still shows the other brands
      const levis = await all(`q=shirt&brand=levis`);
      expect(levis.facets.brands).toEqual(base.facets.brands);
      expect(sum(levis.facets.prices)).toBe(levis.total);
    });
  });

  describe('sorts and pages', () => {
    it('sorts by price, newest, bestselling and name', async () => {
      const prices = (await all('sort=price_asc')).items.map((i) => i.priceMinor);
      expect(prices).toEqual([...prices].sort((a, b) => a - b));
      const desc = (await all('sort=price_desc')).items.map((i) => i.priceMinor);
      expect(desc).toEqual([...desc].sort((a, b) => b - a));
      const newest = slugs(await all('sort=newest'));
      expect(newest[0]).toBe('big-coat'); // inserted last among the visible
      // without a query, the default order is best sellers first
      expect(slugs(await all(''))).toEqual(slugs(await all('sort=bestselling')));
      const best = slugs(await all('sort=bestselling'));
      expect(best.slice(0, 3)).toEqual(['jeans', 'tumbler', 'crew-tee']);
      const names = (await all('sort=name&locale=en')).items.map((i) => i.name.toLowerCase());
      expect(names).toEqual([...names].sort());
    });

    it('pages with a total', async () => {
      const p1 = await list('pageSize=10&page=1&sort=bestselling');
      const p3 = await list('pageSize=10&page=3&sort=bestselling');
      expect(p1.total).toBe(f.visible.length);
      expect(p1.items).toHaveLength(10);
      expect(p3.items).toHaveLength(f.visible.length - 20);
      expect(new Set([...slugs(p1), ...slugs(p3)]).size).toBe(10 + p3.items.length);
    });
  });

  describe('visibility, detail and locale', () => {
    it('never returns draft, pending or off-shelf products, and their detail is 404', async () => {
      const everything = await all('');
      for (const slug of ['draft-tee', 'pending-shorts', 'off-jeans']) {
        expect(slugs(everything)).not.toContain(slug);
        const res = await h.app.inject({ method: 'GET', url: `/api/products/${slug}` });
        expect(res.statusCode).toBe(404);
        expect(res.json()).toMatchObject({ code: 'PRODUCT_NOT_FOUND' });
        expect((await h.app.inject({ method: 'GET', url: `/api/products/${f.bySlug(slug).id}` })).statusCode).toBe(404);
      }
      expect(slugs(await all('q=cargo'))).toEqual([]);
      expect((await h.app.inject({ method: 'GET', url: '/api/products/no-such-thing' })).statusCode).toBe(404);
    });

    it('shows a product with variants, images, breadcrumbs and related products', async () => {
      const res = await h.app.inject({ method: 'GET', url: '/api/products/crew-tee?locale=en' });
      expect(res.statusCode).toBe(200);
      const d = res.json();
      expect(d).toMatchObject({
        slug: 'crew-tee',
        name: 'Crew-neck Tee',
        brand: { slug: 'uniqlo', name: 'Uniqlo' },
        stock: 'in_stock',
        priceMinor: 390,
      });
      expect(d.variants).toHaveLength(3);
      expect(d.images[0].url).toBe('/media/products/crew-tee.webp');
      expect(d.breadcrumbs.map((b: { name: string }) => b.name)).toEqual(['Apparel', 'Tops', 'T-shirts']);
      expect(d.related.length).toBeGreaterThan(0);
      expect(d.related.map((r: Summary) => r.slug)).not.toContain('crew-tee');
      expect(d.related.map((r: Summary) => r.slug)).not.toContain('draft-tee');
    });

    it('redirects a former slug to the canonical URL', async () => {
      await h.db.execute(sql`INSERT INTO product_slug_history (slug, product_id) VALUES ('old-crew-tee', ${f.bySlug('crew-tee').id})`);
      const res = await h.app.inject({ method: 'GET', url: '/api/products/old-crew-tee?locale=en' });
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe('/api/products/crew-tee?locale=en');
    });

    it('speaks zh-TW by default, English by query or Accept-Language, falling back to zh-TW text', async () => {
      const zh = await all('q=kids');
      expect(zh.items).toEqual([]);
      const cup = await all('q=兒童水杯');
      expect(cup.items[0]!.name).toBe('兒童水杯');
      const en = await list('q=tumbler', { 'accept-language': 'en-US,en;q=0.9' });
      expect(en.items[0]!.name).toBe('Insulated Tumbler');
      expect((await list('q=tumbler')).items[0]!.name).toBe('保溫杯');
      expect((await list('q=兒童水杯&locale=en')).items[0]!.name).toBe('兒童水杯'); // no English name
      const tree = (await h.app.inject({ method: 'GET', url: '/api/categories?locale=en' })).json();
      expect(tree.items.map((c: { name: string }) => c.name)).toEqual(['Apparel', 'Living', 'Footwear']);
      expect(tree.items[0].children[0].children.map((c: { name: string }) => c.name)).toEqual(['T-shirts', 'Shirts']);
      const brands = (await h.app.inject({ method: 'GET', url: '/api/brands', headers: { 'accept-language': 'zh-TW' } })).json();
      expect(brands.items.map((b: { name: string }) => b.name)).toContain('膳魔師');
    });
  });

  describe('bestsellers and suggest', () => {
    it('lists visible bestsellers', async () => {
      const res = (await h.app.inject({ method: 'GET', url: '/api/products/bestsellers?limit=3' })).json();
      expect(res.items.map((i: Summary) => i.slug)).toEqual(['jeans', 'tumbler', 'crew-tee']);
    });

    it('suggests product names, categories and brands for a prefix', async () => {
      const res = (await h.app.inject({ method: 'GET', url: '/api/search/suggest?q=con&locale=en' })).json();
      expect(res.brands.map((b: { slug: string }) => b.slug)).toEqual(['converse']);
      expect(res.products.map((p: { slug: string }) => p.slug).sort()).toEqual(['canvas-sneakers', 'hi-canvas']);
      const zh = (await h.app.inject({ method: 'GET', url: `/api/search/suggest?q=${encodeURIComponent('杯')}` })).json();
      expect(zh.categories.map((c: { slug: string }) => c.slug)).toEqual(['drinkware']);
      expect(zh.products.length).toBeLessThanOrEqual(8);
      expect(zh.products[0].highlight).toContain('<mark>杯</mark>');
    });
  });

  describe('caching', () => {
    it('sends ETag and Cache-Control and answers 304 to a matching If-None-Match', async () => {
      const first = await h.app.inject({ method: 'GET', url: '/api/products?q=jeans' });
      expect(first.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=300');
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^".+"$/);
      const again = await h.app.inject({ method: 'GET', url: '/api/products?q=jeans', headers: { 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers['x-cache']).toBe('hit');
      const other = await h.app.inject({ method: 'GET', url: '/api/products?q=jeans', headers: { 'if-none-match': '"nope"' } });
      expect(other.statusCode).toBe(200);
      expect(other.body).toBe(first.body);
    });

    it('sends the cached body gzipped to clients that accept gzip, as its own representation', async () => {
      const url = '/api/products?q=shirt&pageSize=50';
      const plain = await h.app.inject({ method: 'GET', url });
      const gz = await h.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.headers.vary).toContain('Accept-Encoding');
      expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(plain.body);
      expect(gz.rawPayload.length).toBeLessThan(plain.rawPayload.length);
      expect(gz.headers.etag).not.toBe(plain.headers.etag);
      const again = await h.app.inject({
        method: 'GET',
        url,
        headers: { 'accept-encoding': 'gzip', 'if-none-match': gz.headers.etag as string },
      });
      expect(again.statusCode).toBe(304);
      // gzip refused (q=0): the plain body
      const refused = await h.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip;q=0, identity' } });
      expect(refused.headers['content-encoding']).toBeUndefined();
      expect(refused.body).toBe(plain.body);
    });

    it('never serves a cached response after a catalog write', async () => {
      const url = '/api/products/jeans';
      const before = await h.app.inject({ method: 'GET', url });
      expect((await h.app.inject({ method: 'GET', url })).headers['x-cache']).toBe('hit');
      const id = f.bySlug('jeans').id;
      await h.db.transaction(async (tx) => {
        await tx.execute(sql`UPDATE products SET name = '{"zh-TW":"新牛仔褲","en":"New Jeans"}'::jsonb WHERE id = ${id}`);
        await reindexProduct(tx, id);
      });
      await bumpCatalogVersion({ db: h.db, redis: h.redis });
      const after = await h.app.inject({ method: 'GET', url, headers: { 'if-none-match': before.headers.etag as string } });
      expect(after.statusCode).toBe(200);
      expect(after.json().name).toBe('新牛仔褲');
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect(slugs(await all('q=新牛仔褲'))).toEqual(['jeans']);
    });
  });
});
