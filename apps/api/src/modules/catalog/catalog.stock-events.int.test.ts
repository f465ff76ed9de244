// The stock module's events reach the catalog through the outbox: the stock write only appends
// `inventory.depleted` / `inventory.restocked` in its own transaction; the catalog flips the product,
// reindexes it and invalidates cached reads in a transaction of its own.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.js';
import { makeStaff } from '../../../test/identity-helpers.js';
import { appendStockEvent, emitStockEvent } from '../../../test/stock-helpers.js';
import { transitionProduct } from './index.js';
import { insertSearchFixture, type Fixture } from './search/search.fixture.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('stock events and the catalog', () => {
  let h: Harness;
  let f: Fixture;
  const variantOf = async (productId: string) =>
    (await h.db.execute<{ id: string }>(sql`SELECT id FROM variants WHERE product_id = ${productId} ORDER BY sort_order LIMIT 1`)).rows[0]!
      .id;
  const statusOf = async (productId: string) =>
    (await h.db.execute<{ status: string }>(sql`SELECT status FROM products WHERE id = ${productId}`)).rows[0]!.status;
  const searchRow = async (productId: string) =>
    (
      await h.db.execute<{ in_stock: boolean; visible: boolean }>(
        sql`SELECT in_stock, visible FROM product_search WHERE product_id = ${productId}`,
      )
    ).rows[0];
  const get = async (url: string): Promise<Json> => {
    const res = await h.app.inject({ method: 'GET', url: `/api${url}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const inStockSlugs = async () => ((await get('/products?inStock=true&pageSize=100')).items as Json[]).map((p) => p.slug);

  beforeAll(async () => {
    h = await createHarness();
    f = await insertSearchFixture(h.db);
  });
  afterAll(() => h.close());

  it('inventory.depleted puts an on-shelf product in sold_out (search row, in-stock filter, storefront); inventory.restocked brings it back; redelivery changes nothing', async () => {
    const p = f.bySlug('oxford-shirt');
    const variantId = await variantOf(p.id);
    expect(await inStockSlugs()).toContain(p.slug);
    expect((await get(`/products/${p.slug}`)).stock).not.toBe('out');

    await emitStockEvent(h.db, 'depleted', { productId: p.id, variantId });
    expect(await statusOf(p.id)).toBe('on_shelf'); // nothing of the catalog happened in the stock transaction
    await h.deliverEvents();
    expect(await statusOf(p.id)).toBe('sold_out');
    expect(await searchRow(p.id)).toEqual({ in_stock: false, visible: true });
    expect(await inStockSlugs()).not.toContain(p.slug);
    expect((await get(`/products/${p.slug}`)).stock).toBe('out');
    const log = await h.db.execute<{ operation: string; actor_id: string | null }>(sql`
      SELECT operation, actor_id FROM catalog_operation_log WHERE entity_id = ${p.id} ORDER BY at DESC, id DESC LIMIT 1`);
    expect(log.rows).toEqual([{ operation: 'sell_out', actor_id: null }]);
    const events = await h.db.execute<{ n: number }>(
      sql`SELECT count(*) AS n FROM event_outbox WHERE aggregate_id = ${p.id} AND event_type = 'product.sold_out'`,
    );
    expect(events.rows[0]!.n).toBe(1);

    await emitStockEvent(h.db, 'restocked', { productId: p.id, variantId });
    await h.deliverEvents();
    expect(await statusOf(p.id)).toBe('on_shelf');
    expect(await searchRow(p.id)).toEqual({ in_stock: true, visible: true });
    expect(await inStockSlugs()).toContain(p.slug);
    expect((await get(`/products/${p.slug}`)).stock).not.toBe('out');

    // The same events delivered again (put back to pending by hand): the ledger has them, nothing moves.
    const logBefore = (await h.db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM catalog_operation_log WHERE entity_id = ${p.id}`))
      .rows[0]!.n;
    await h.db.execute(
      sql`UPDATE event_outbox SET status = 'pending', next_run_at = now() WHERE aggregate_id = ${p.id} AND event_type LIKE 'inventory.%'`,
    );
    await h.deliverEvents();
    expect(await statusOf(p.id)).toBe('on_shelf');
    expect(
      (await h.db.execute<{ n: number }>(sql`SELECT count(*) AS n FROM catalog_operation_log WHERE entity_id = ${p.id}`)).rows[0]!.n,
    ).toBe(logBefore);
  });

  it('two stock transactions for different products, under a 200 ms lock timeout: while the first is open the second commits without waiting; delivering both flips both', async () => {
    const [a, b] = [f.bySlug('crew-tee'), f.bySlug('v-tee')];
    const [va, vb] = [await variantOf(a.id), await variantOf(b.id)];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let opened!: () => void;
    const firstOpen = new Promise<void>((r) => (opened = r));
    const first = h.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL lock_timeout = '200ms'`);
      await appendStockEvent(tx, 'depleted', { productId: a.id, variantId: va });
      // Whatever catalog work the stock write does synchronously would go here: none.
      opened();
      await held;
    });
    await firstOpen;
    // The first holds whatever it locked until released; under a 200 ms lock timeout the second
    // would fail if it had to wait for any of it. (No wall-clock bound: the machine may be busy.)
    const second = await h.db
      .transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL lock_timeout = '200ms'`);
        await appendStockEvent(tx, 'depleted', { productId: b.id, variantId: vb });
      })
      .then(
        () => 'committed',
        (err: unknown) => `failed: ${err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err)}`,
      );
    release();
    await expect(first).resolves.toBeUndefined();
    expect(second).toBe('committed');

    await h.deliverEvents();
    expect([await statusOf(a.id), await statusOf(b.id)]).toEqual(['sold_out', 'sold_out']);
  });

  it('while a stock transaction for a product is open, a staff write to the same product and a reindex of it neither wait nor fail', async () => {
    const p = f.bySlug('flannel-shirt');
    const variantId = await variantOf(p.id);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let opened!: () => void;
    const open = new Promise<void>((r) => (opened = r));
    const stockTx = h.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL lock_timeout = '200ms'`);
      await appendStockEvent(tx, 'depleted', { productId: p.id, variantId });
      opened();
      await held;
    });
    await open;
    const attempt = (work: (tx: Parameters<Parameters<typeof h.db.transaction>[0]>[0]) => Promise<unknown>) =>
      h.db
        .transaction(async (tx) => {
          await tx.execute(sql`SET LOCAL lock_timeout = '200ms'`);
          await work(tx);
        })
        .then(
          () => 'committed',
          (err: unknown) => `failed: ${err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err)}`,
        );
    const staffEdit = await attempt((tx) => tx.execute(sql`UPDATE products SET version = version + 1 WHERE id = ${p.id}`));
    const reindex = await attempt((tx) => tx.execute(sql`SELECT 1 FROM product_search WHERE product_id = ${p.id} FOR UPDATE`));
    release();
    await stockTx;
    expect({ staffEdit, reindex }).toEqual({ staffEdit: 'committed', reindex: 'committed' });
    await h.deliverEvents();
    expect(await statusOf(p.id)).toBe('sold_out');
  });

  describe('cached storefront reads follow writes made outside HTTP', () => {
    it('a sell-out delivered by the stock-status handler shows on the next read', async () => {
      const p = f.bySlug('jeans');
      const url = `/api/products/${p.slug}`;
      const before = await h.app.inject({ method: 'GET', url });
      expect(before.json().stock).not.toBe('out');
      expect((await h.app.inject({ method: 'GET', url })).headers['x-cache']).toBe('hit');
      await emitStockEvent(h.db, 'depleted', { productId: p.id, variantId: await variantOf(p.id) });
      await h.deliverEvents();
      const after = await h.app.inject({ method: 'GET', url });
      expect(after.headers['x-cache']).toBe('miss');
      expect(after.json().stock).toBe('out');
    });

    it('a catalog use case called directly (no route) shows on the next read', async () => {
      const p = f.bySlug('chinos');
      const url = `/api/products/${p.slug}`;
      expect((await h.app.inject({ method: 'GET', url })).statusCode).toBe(200);
      expect((await h.app.inject({ method: 'GET', url })).headers['x-cache']).toBe('hit');
      const admin = await makeStaff(h, ['admin']);
      await transitionProduct(
        { db: h.db, redis: h.redis },
        {
          actor: { userId: admin.id, roles: ['customer', 'admin'], sessionId: 'direct-call' },
          context: { ip: undefined, time: new Date() },
          productId: p.id,
          action: 'take_off_shelf',
        },
      );
      expect((await h.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    });
  });
});
