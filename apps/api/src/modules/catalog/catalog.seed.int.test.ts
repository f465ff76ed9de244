import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.js';
import { seedDemoStock } from '../inventory/index.js';
import { seedDemoCatalog, type SeedResult } from './index.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('demo catalog seed', () => {
  let h: Harness;
  let mediaDir: string;
  let result: SeedResult;
  const get = async (url: string) => {
    const res = await h.app.inject({ method: 'GET', url: `/api${url}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Json;
  };

  beforeAll(async () => {
    mediaDir = await mkdtemp(path.join(tmpdir(), 'shop-seed-'));
    h = await createHarness({ env: { MEDIA_DIR: mediaDir } });
    result = await seedDemoCatalog({ db: h.db, media: h.config.media });
    // Two hundred products with their pictures: slow on a busy machine.
  }, 300_000);
  afterAll(async () => {
    await h?.close();
    await rm(mediaDir, { recursive: true, force: true });
  });

  it('loads at least 200 visible products with images', async () => {
    expect(result.status).toBe('seeded');
    expect(result.products).toBeGreaterThanOrEqual(200);
    const list = await get('/products?pageSize=100');
    expect(list.total).toBeGreaterThanOrEqual(200);
    expect(list.items[0].imageUrl).toMatch(/^\/media\//);
    const img = await h.app.inject({ method: 'GET', url: list.items[0].imageUrl });
    expect(img.statusCode).toBe(200);
    expect(img.rawPayload.length).toBeLessThan(20_000);
    const { items } = await get('/categories');
    expect(items.map((c: Json) => c.slug)).toEqual(expect.arrayContaining(['apparel', '3c', 'home', 'books', 'digital']));
    expect(items.find((c: Json) => c.slug === 'apparel').children[0].children.length).toBeGreaterThan(0);
  });

  it('finds 圓領 in several products, the TiDB T-shirt by “tee”, with facets', async () => {
    const crew = await get('/products?q=圓領&pageSize=100');
    expect(crew.total).toBeGreaterThan(3);
    const tee = await get('/products?q=tee&pageSize=100');
    expect(tee.items.map((i: Json) => i.name)).toContain('TiDB 標誌圓領T恤');
    expect(tee.facets.brands.length).toBeGreaterThan(0);
    expect(tee.facets.attributes.length).toBeGreaterThan(0);
    const all = await get('/products');
    expect(all.facets.categories.length).toBeGreaterThan(3);
    const best = await get('/products/bestsellers?limit=2');
    expect(best.items[0].name).toBe('TiDB 標誌圓領T恤');
  });

  it('includes the TiDB goods and the two JSON import examples, with snapshots and a log', async () => {
    const htap = await get('/products?q=htap');
    expect(htap.items[0]).toMatchObject({ name: 'HTAP 實戰手冊' });
    const pack = await get('/products?q=國際漫遊');
    const detail = await get(`/products/${pack.items[0].id}`);
    expect(detail.variants.map((v: Json) => v.sku)).toEqual(['CHT-ROAM-1GB-7D', 'CHT-ROAM-5GB-30D', 'CHT-ROAM-10GB-90D']);
    const { rows } = await h.pool.query<{ n: number }>('SELECT count(DISTINCT product_id)::int AS n FROM product_snapshots');
    expect(rows[0]!.n).toBe(result.products);
    const virtual = await h.pool.query("SELECT count(*)::int AS n FROM products WHERE type = 'virtual'");
    expect(virtual.rows[0].n).toBeGreaterThanOrEqual(4);
  });

  it('stocks every demo variant once, a few of them low, so the demo shop can sell', async () => {
    expect(await seedDemoStock(h.db, result.stock)).toBe(result.stock.length);
    const { rows } = await h.pool.query<{ variants: string; stocked: string; low: string }>(
      `SELECT count(*) AS variants, count(l.variant_id) FILTER (WHERE l.on_hand > 0) AS stocked,
              count(*) FILTER (WHERE l.on_hand <= l.low_stock_threshold) AS low
         FROM variants v LEFT JOIN stock_levels l ON l.variant_id = v.id`,
    );
    expect(Number(rows[0]!.stocked)).toBe(Number(rows[0]!.variants));
    expect(Number(rows[0]!.low)).toBeGreaterThan(0);
    const ledger = await h.pool.query(`SELECT DISTINCT kind, reason FROM stock_movements`);
    expect(ledger.rows).toEqual([{ kind: 'receive', reason: 'demo stock' }]);
    // A shopper sees the featured tee in stock.
    const tee = (await get('/products?q=經典圓領男士T恤')).items[0];
    const stock = await get(`/stock/products/${tee.id}`);
    expect(stock.variants.map((v: Json) => v.state)).toEqual(['in_stock', 'in_stock']);
    expect(await seedDemoStock(h.db, result.stock)).toBe(0);
  });

  it('does nothing the second time', async () => {
    expect((await seedDemoCatalog({ db: h.db, media: h.config.media }, { force: true })).status).toBe('skipped');
  });
});
