// Checkouts that fail after stock was reserved: a coupon refused, or the database refusing the very
// last write before commit. Whatever went before is rolled back: stock, coupon and cart are as they
// were, no order, no event, and the same form goes through once the cause is gone.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../../test/api-calls.js';
import { createHarness, type Harness } from '../../../test/harness.js';
import { expectStockInvariant } from '../../../test/stock-helpers.js';
import { guest, shopHelpers, STORE, type Shopper } from '../../../test/shop-helpers.js';

describe('checkout failures', () => {
  let h: Harness;
  const s = shopHelpers(() => h);
  let pickup: Json;

  beforeAll(async () => {
    h = await createHarness();
    await s.setUp('failure');
    pickup = await s.shippingMethod('store_pickup', 0);
  });
  afterEach(() => expectStockInvariant(h));
  afterAll(() => h?.close());

  /** What a failed checkout must not have changed. */
  const footprint = async (orderId: string, variantId: string, promotionId: string) => ({
    stock: await s.stockOf(variantId),
    reservations: await s.count('SELECT count(*) AS n FROM stock_reservations WHERE reference = $1', [orderId]),
    uses: await s.count('SELECT uses AS n FROM promotions WHERE id = $1', [promotionId]),
    redemptions: await s.count('SELECT count(*) AS n FROM promotion_redemptions WHERE reference = $1', [orderId]),
    orders: await s.count('SELECT count(*) AS n FROM orders WHERE id = $1', [orderId]),
    events: await s.count("SELECT count(*) AS n FROM event_outbox WHERE payload::text LIKE '%' || $1 || '%'", [orderId]),
  });
  const untouched = (variantOnHand: number) => ({
    stock: { onHand: variantOnHand, reserved: 0, available: variantOnHand },
    reservations: 0,
    uses: 0,
    redemptions: 0,
    orders: 0,
    events: 0,
  });
  /** Until a checkout's transaction waits on a row lock held by the test. */
  const waitForLockWait = async () => {
    for (let i = 0; i < 200; i++) {
      const waiting = await s.count(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      if (waiting > 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the checkout never waited for the promotion row');
  };
  const withCoupon = async (shopper: Shopper, variantId: string, code: string) => {
    await s.add(shopper, variantId, 2);
    s.ok(await s.call(shopper, 'POST', '/cart/coupon', { code }));
    return s.form(shopper, { shippingMethodId: pickup.id, store: STORE });
  };

  it('a coupon whose last use is taken while this checkout holds its stock: 409, stock, coupon and cart as they were', async () => {
    const p = await s.product({ prices: [500], stock: 10 });
    const v = p.variants[0].id;
    const promotionId = await s.coupon('ONCE100', { totalLimit: 1, rule: { kind: 'order_fixed', amountOff: 100, minSubtotal: 0 } });
    const g = guest();
    const form = await withCoupon(g, v, 'ONCE100');
    expect(form.expected.total).toBe(900);

    // Another checkout counts the coupon's only use and has not committed yet: this one prices the
    // cart with the coupon still free, reserves its stock, then waits on the promotion row.
    const other = await h.pool.connect();
    try {
      await other.query('BEGIN');
      await other.query('UPDATE promotions SET uses = uses + 1 WHERE id = $1', [promotionId]);
      const pending = s.checkout(g, form);
      await waitForLockWait();
      // Its reservation holds the stock row (uncommitted, so others still read 10 available).
      await expect(h.pool.query('SELECT 1 FROM stock_levels WHERE variant_id = $1 FOR UPDATE NOWAIT', [v])).rejects.toThrow(
        /could not obtain lock/,
      );
      expect(await s.stockOf(v)).toEqual({ onHand: 10, reserved: 0, available: 10 });
      await other.query('COMMIT');
      const refused = await pending;
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'COUPON_INVALID', reason: 'used_up' });
    } finally {
      other.release();
    }
    expect({ ...(await footprint(form.orderId, v, promotionId)), uses: 0 }).toEqual(untouched(10));
    expect(await s.count('SELECT uses AS n FROM promotions WHERE id = $1', [promotionId])).toBe(1);
    const cart = await s.cartOf(g);
    expect(cart.lines).toMatchObject([{ variantId: v, quantity: 2 }]);
    expect(cart.coupon).toMatchObject({ code: 'ONCE100' });
  });

  it('an error at the last write before commit leaves stock, coupon and cart untouched; the same form succeeds afterwards', async () => {
    const p = await s.product({ prices: [700], stock: 4 });
    const v = p.variants[0].id;
    const promotionId = await s.coupon('LAST50', { rule: { kind: 'order_fixed', amountOff: 50, minSubtotal: 0 } });
    const g = guest();
    const form = await withCoupon(g, v, 'LAST50');
    expect(form.expected.total).toBe(1350);

    // The database refuses to store the checkout's answer: the transaction's final statement, after
    // the reservation, the redemption, the order, its payment and the cart's conversion.
    await h.pool.query(`
      CREATE FUNCTION test_refuse_answer() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused by test'; END $$;
      CREATE TRIGGER test_refuse_answer BEFORE UPDATE ON idempotency_keys
        FOR EACH ROW WHEN (NEW.response_status IS NOT NULL) EXECUTE FUNCTION test_refuse_answer();`);
    try {
      const failed = await s.checkout(g, form, 'try-1');
      expect(failed.statusCode).toBe(500);
      expect(failed.json()).toMatchObject({ code: 'INTERNAL' });
      expect(failed.body).not.toContain('refused by test');
      expect(await footprint(form.orderId, v, promotionId)).toEqual(untouched(4));
      expect(await s.count('SELECT count(*) AS n FROM idempotency_keys WHERE order_id = $1', [form.orderId])).toBe(0);
      const cart = await s.cartOf(g);
      expect(cart.lines).toMatchObject([{ variantId: v, quantity: 2 }]);
      expect(cart.coupon).toMatchObject({ code: 'LAST50' });
    } finally {
      await h.pool.query('DROP TRIGGER test_refuse_answer ON idempotency_keys; DROP FUNCTION test_refuse_answer();');
    }

    // The shopper presses the button again: the key was never stored, so this is a first try.
    const placed = s.ok(await s.checkout(g, form, 'try-1'), 201);
    expect(placed.order).toMatchObject({ id: form.orderId, totals: { total: 1350 } });
    expect(await s.stockOf(v)).toEqual({ onHand: 4, reserved: 2, available: 2 });
    expect(await s.count('SELECT uses AS n FROM promotions WHERE id = $1', [promotionId])).toBe(1);
  });
});
