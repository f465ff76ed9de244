// What shoppers see of stock: per sold variant in stock / low (with the units left) / out, never the counts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addProductImage } from '../../../test/catalog-helpers.js';
import { createHarness, type Harness } from '../../../test/harness.js';
import { bearer } from '../../../test/identity-helpers.js';
import { withTx } from '../../platform/tx.js';
import { catalogAdmin, expectStockInvariant, makeProduct, receive, type MadeProduct } from './inventory.fixtures.js';
import { reserve } from './inventory.public.js';

describe('GET /api/stock/products/{productId}', () => {
  let h: Harness;
  let who: Awaited<ReturnType<typeof catalogAdmin>>;
  let seq = 0;
  const sku = () => `CUP-${Date.now().toString(36)}-${++seq}`.toUpperCase();
  const transition = (productId: string, action: string) =>
    h.app.inject({ method: 'POST', url: `/api/admin/products/${productId}/transitions`, headers: bearer(who.admin), payload: { action } });
  const onShelf = async (p: MadeProduct) => {
    await addProductImage(h, who.admin, p.productId);
    for (const action of ['submit', 'approve', 'put_on_shelf']) expect((await transition(p.productId, action)).statusCode).toBe(200);
  };
  const stockOf = (productId: string) => h.app.inject({ method: 'GET', url: `/api/stock/products/${productId}` });

  beforeAll(async () => {
    h = await createHarness();
    who = await catalogAdmin(h);
  });
  afterEach(() => expectStockInvariant(h));
  afterAll(() => h?.close());

  it('tells in stock, low with the units left, and out, per variant in the catalog order, without staff figures', async () => {
    const p = await makeProduct(h, who, [sku(), sku(), sku()]);
    await onShelf(p);
    const [plenty, few, none] = p.variants;
    await receive(h, plenty!.id, 40);
    await receive(h, few!.id, 6);
    const settings = await h.app.inject({
      method: 'PATCH',
      url: `/api/admin/stock/${few!.id}`,
      headers: bearer(who.admin),
      payload: { lowStockThreshold: 5 },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    // Held units count against what is left: 6 on hand, 3 held by an order → 3 left, under the threshold of 5.
    await withTx(h.db, (tx) =>
      reserve(tx, { reference: 'order-1', lines: [{ variantId: few!.id, quantity: 3 }], expiresAt: new Date(Date.now() + 60_000) }),
    );

    const res = await stockOf(p.productId);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({
      productId: p.productId,
      variants: [
        { variantId: plenty!.id, state: 'in_stock', left: null },
        { variantId: few!.id, state: 'low', left: 3 },
        { variantId: none!.id, state: 'out', left: null },
      ],
    });
    expect(res.body).not.toMatch(/onHand|reserved/);
  });

  it('answers 404 PRODUCT_NOT_FOUND for a product shoppers cannot see, and for none at all', async () => {
    const draft = await makeProduct(h, who, [sku()]);
    await receive(h, draft.variants[0]!.id, 5);
    for (const id of [draft.productId, '00000000-0000-4000-8000-000000000000']) {
      const res = await stockOf(id);
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json()).toMatchObject({ code: 'PRODUCT_NOT_FOUND' });
    }
    const bad = await stockOf('not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
