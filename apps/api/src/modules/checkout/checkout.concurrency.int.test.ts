// Checkouts racing for the same units on a real database: never a unit oversold, never a gift
// given past its stock.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../../test/api-calls.js';
import { createHarness, type Harness } from '../../../test/harness.js';
import { expectStockInvariant } from '../../../test/stock-helpers.js';
import { guest, shopHelpers, STORE, type Shopper } from '../../../test/shop-helpers.js';

describe('concurrent checkouts', () => {
  let h: Harness;
  const s = shopHelpers(() => h);
  let pickup: Json;

  beforeAll(async () => {
    h = await createHarness();
    await s.setUp('race');
    pickup = await s.shippingMethod('store_pickup', 0);
  });
  afterEach(() => expectStockInvariant(h));
  afterAll(() => h?.close());

  const shoppers = async (count: number, variantId: string) => {
    const out: Array<{ shopper: Shopper; body: Json }> = [];
    for (let i = 0; i < count; i++) {
      const shopper = guest();
      await s.add(shopper, variantId, 1);
      out.push({ shopper, body: await s.form(shopper, { shippingMethodId: pickup.id, store: STORE }) });
    }
    return out;
  };

  it('sells 20 units to exactly 20 of 200 shoppers checking out at once; the other 180 are told what is left', async () => {
    const p = await s.product({ prices: [990], stock: 20 });
    const v = p.variants[0].id;
    const racers = await shoppers(200, v);
    const answers = await Promise.all(racers.map(({ shopper, body }) => s.checkout(shopper, body)));
    const outcomes = answers.map((a) => (a.statusCode === 201 ? '201' : `${a.statusCode} ${a.json().code as string}`));
    expect(Object.fromEntries([...new Set(outcomes)].map((o) => [o, outcomes.filter((x) => x === o).length]))).toEqual({
      '201': 20,
      '409 INVENTORY_SHORTAGE': 180,
    });
    const placed = answers.filter((a) => a.statusCode === 201);
    const refused = answers.filter((a) => a.statusCode !== 201);
    expect(new Set(placed.map((a) => a.json().order.orderNumber)).size).toBe(20);
    for (const a of refused)
      expect(a.json()).toMatchObject({ code: 'INVENTORY_SHORTAGE', lines: [{ variantId: v, requested: 1, available: 0 }] });
    expect(await s.stockOf(v)).toEqual({ onHand: 20, reserved: 20, available: 0 });
    expect(await s.count("SELECT count(*) AS n FROM stock_reservations WHERE variant_id = $1 AND status = 'active'", [v])).toBe(20);
    expect(await s.count('SELECT count(*) AS n FROM order_items WHERE variant_id = $1', [v])).toBe(20);
    // The refused shoppers keep their carts to try again later.
    for (const r of racers.filter((_, i) => answers[i]!.statusCode !== 201).slice(0, 5))
      expect((await s.cartOf(r.shopper)).lines).toMatchObject([{ variantId: v, quantity: 1 }]);
  });

  it('gives a gift with 3 units to at most 3 of 10 qualifying shoppers; the others are told the promotion changed', async () => {
    const main = await s.product({ prices: [1000], stock: 50 });
    const present = await s.product({ prices: [200], stock: 3 });
    const giftVariant = present.variants[0].id;
    await s.promotion({
      rule: { kind: 'gift_with_purchase', minSubtotal: 800, gift: { productId: present.id, variantId: giftVariant, quantity: 1 } },
    });
    const racers = await shoppers(10, main.variants[0].id);
    for (const r of racers) {
      const cart = await s.cartOf(r.shopper);
      expect(cart.giftLines).toMatchObject([{ variantId: giftVariant, quantity: 1 }]);
      r.body.expected.gifts = [{ variantId: giftVariant, quantity: 1 }];
    }
    const answers = await Promise.all(racers.map(({ shopper, body }) => s.checkout(shopper, body)));
    const placed = answers.filter((a) => a.statusCode === 201);
    const refused = answers.filter((a) => a.statusCode !== 201);
    expect(placed).toHaveLength(3);
    for (const a of placed)
      expect(a.json().order.items).toContainEqual(expect.objectContaining({ kind: 'gift', variantId: giftVariant, quantity: 1 }));
    expect(refused.map((a) => a.json().code)).toEqual(Array(7).fill('PRICE_CHANGED'));
    expect(await s.stockOf(giftVariant)).toEqual({ onHand: 3, reserved: 3, available: 0 });
    expect(await s.stockOf(main.variants[0].id)).toMatchObject({ reserved: 3 });
  });
});
