// The stored product cards (product_cards, SQL product_card_texts of migration 0013): list pages
// send them as they are, so each must be exactly the ProductSummary the API promises, with image
// URLs as media.ts builds them, and follow every change the indexer sees.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProductListResponse, ProductSummary } from '@shop/contracts/catalog';
import { createHarness, type Harness } from '../../../../test/harness.js';
import { imageSizes, imageUrl, srcsetOf } from '../shared.js';
import { insertSearchFixture, type Fixture, type FixtureProduct } from './search.fixture.js';
import { reindexProduct } from './search.indexer.js';

const BRAND_NAMES: Record<string, [string, string]> = {
  uniqlo: ['優衣庫', 'Uniqlo'],
  levis: ['李維斯', "Levi's"],
  converse: ['匡威', 'Converse'],
  thermos: ['膳魔師', 'Thermos'],
  muji: ['無印良品', 'Muji'],
};

describe('stored product cards', () => {
  let h: Harness;
  let f: Fixture;
  beforeAll(async () => {
    h = await createHarness();
    f = await insertSearchFixture(h.db);
  });
  afterAll(() => h?.close());

  const cards = async (id: string) =>
    (await h.db.execute<{ zh: string; en: string }>(sql`SELECT zh, en FROM product_cards WHERE product_id = ${id}`)).rows[0];
  const brandSlug = (p: FixtureProduct) => Object.entries(f.brand).find(([, id]) => id === p.brand)![0];

  it('holds, for every product and both locales, the summary the API describes', async () => {
    for (const p of f.products) {
      const c = (await cards(p.id))!;
      for (const [text, locale] of [
        [c.zh, 'zh-TW'],
        [c.en, 'en'],
      ] as const) {
        const card = ProductSummary.parse(JSON.parse(text));
        const [brandZh, brandEn] = BRAND_NAMES[brandSlug(p)]!;
        expect(card).toEqual({
          id: p.id,
          slug: p.slug,
          // English falls back to zh-TW where a product has no English name
          name: locale === 'en' ? (p.en ?? p.zh) : p.zh,
          brand: locale === 'en' ? brandEn : brandZh,
          priceMinor: Math.min(...p.prices),
          priceMaxMinor: Math.max(...p.prices),
          compareAtMinor: null,
          imageUrl: imageUrl({ storageKey: `products/${p.slug}.webp`, publicBase: null }),
          imageSrcset: srcsetOf(imageSizes({ storageKey: `products/${p.slug}.webp`, publicBase: null, widths: [], width: 800 })),
          status: p.status,
          stock: p.status === 'sold_out' ? 'out' : 'in_stock',
          highlight: null,
        });
      }
    }
  });

  it('follows images (renditions, S3 base), compare-at prices, brand names and deletion', async () => {
    const p = f.bySlug('oxford-shirt');
    // a first image with renditions on an S3 public base, and a compare-at price on the cheapest variant
    await h.db.execute(sql`UPDATE product_images SET sort_order = 1 WHERE product_id = ${p.id}`);
    await h.db
      .execute(sql`INSERT INTO product_images (product_id, storage_key, public_base, content_type, width, height, bytes, widths, sort_order)
      VALUES (${p.id}, 'ab/cover.jpg', 'https://cdn.example.com/shop', 'image/jpeg', 1600, 1200, 5000, '{400,800,1200}', 0)`);
    await h.db.execute(sql`UPDATE variants SET compare_at_minor = 1290 WHERE product_id = ${p.id} AND price_minor = 990`);
    await h.db.execute(sql`UPDATE brands SET name = '{"zh-TW":"優衣庫新","en":"Uniqlo New"}'::jsonb WHERE id = ${p.brand}`);
    await h.db.transaction((tx) => reindexProduct(tx, p.id));

    const image = { storageKey: 'ab/cover.jpg', publicBase: 'https://cdn.example.com/shop', widths: [400, 800, 1200], width: 1600 };
    const zh = JSON.parse((await cards(p.id))!.zh) as ProductSummary;
    const en = JSON.parse((await cards(p.id))!.en) as ProductSummary;
    expect(zh.imageUrl).toBe(imageUrl(image));
    expect(zh.imageSrcset).toBe(srcsetOf(imageSizes(image)));
    expect(zh.imageSrcset).toBe(
      'https://cdn.example.com/shop/ab/cover-w400.webp 400w, https://cdn.example.com/shop/ab/cover-w800.webp 800w, https://cdn.example.com/shop/ab/cover-w1200.webp 1200w, https://cdn.example.com/shop/ab/cover.jpg 1600w',
    );
    expect(zh.compareAtMinor).toBe(1290);
    expect([zh.brand, en.brand]).toEqual(['優衣庫新', 'Uniqlo New']);

    // the storefront shows exactly the stored card
    const res = await h.app.inject({ method: 'GET', url: '/api/products?category=shirts&locale=en' });
    const body = ProductListResponse.parse(res.json());
    expect(body.items.find((i) => i.id === p.id)).toEqual(en);

    await h.db.execute(sql`DELETE FROM products WHERE id = ${p.id}`);
    expect(await cards(p.id)).toBeUndefined();
  });

  it('sends a browsed page as the stored cards, in order, with highlights only for a query', async () => {
    const browse = ProductListResponse.parse((await h.app.inject({ method: 'GET', url: '/api/products?category=drinkware' })).json());
    const stored = await Promise.all(browse.items.map(async (i) => JSON.parse((await cards(i.id))!.zh) as ProductSummary));
    expect(browse.items).toEqual(stored);
    expect(browse.items.map((i) => i.slug)).toEqual(['tumbler', 'flask', 'mug', 'glass', 'kids-cup']);

    const found = ProductListResponse.parse((await h.app.inject({ method: 'GET', url: '/api/products?q=%E4%BF%9D%E6%BA%AB' })).json());
    expect(found.items.map((i) => i.highlight)).toEqual(['<mark>保溫</mark>杯', '<mark>保溫</mark>瓶']);
    expect(found.items.map(({ highlight: _, ...rest }) => ({ ...rest, highlight: null }))).toEqual(
      await Promise.all(found.items.map(async (i) => JSON.parse((await cards(i.id))!.zh) as ProductSummary)),
    );
  });
});
