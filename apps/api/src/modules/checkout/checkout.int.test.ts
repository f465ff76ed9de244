// Checkout over HTTP on a real database: guests and members, store pickup and home delivery,
// refusals that leave nothing behind, idempotency by key and by order id.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../../test/api-calls.js';
import { createHarness, type Harness } from '../../../test/harness.js';
import { expectStockInvariant } from '../../../test/stock-helpers.js';
import { registerUser } from '../../../test/identity-helpers.js';
import { BUYER, guest, HOME, member, shopHelpers, STORE } from '../../../test/shop-helpers.js';

describe('checkout', () => {
  let h: Harness;
  const s = shopHelpers(() => h);
  let pickup: Json;
  let home: Json;

  beforeAll(async () => {
    h = await createHarness();
    await s.setUp('checkout');
    pickup = await s.shippingMethod('store_pickup', 60);
    home = await s.shippingMethod('home_delivery', 100);
  });
  afterEach(() => expectStockInvariant(h));
  afterAll(() => h?.close());

  const ordersOf = (variantId: string) => s.count('SELECT count(*) AS n FROM order_items WHERE variant_id = $1', [variantId]);

  it('places a guest order for store pickup: stock reserved, cart converted, a link to the order', async () => {
    const p = await s.product({ prices: [450], stock: 5 });
    const v = p.variants[0].id;
    const g = guest();
    await s.add(g, v, 2);
    const body = await s.form(g, { shippingMethodId: pickup.id, store: STORE, note: '請小心包裝' });
    expect(body.expected.total).toBe(900); // the pickup fee comes in once the method is chosen below
    body.expected.total = 960;
    const res = await s.checkout(g, body);
    const placed = s.ok(res, 201);
    expect(placed.order).toMatchObject({
      id: body.orderId,
      status: 'pending_payment',
      paymentMethod: 'bank_transfer',
      needsShipping: true,
      shippingMethodId: pickup.id,
      note: '請小心包裝',
      marketingOptIn: false,
      totals: { subtotal: 900, shipping: 60, total: 960 },
      buyer: { name: BUYER.name, mobile: BUYER.mobile, email: BUYER.email },
      recipient: { name: BUYER.name, mobile: BUYER.mobile },
      address: null,
      store: STORE,
      payments: [{ provider: 'manual', method: 'bank_transfer', amount: 960, status: 'pending' }],
      history: [{ from: null, to: 'pending_payment', actorType: 'guest' }],
    });
    expect(placed.order.orderNumber).toMatch(/^\d{19}$/);
    expect(placed.order.items).toMatchObject([
      { kind: 'normal', variantId: v, quantity: 2, unitPrice: 450, lineTotal: 900, sku: p.variants[0].sku },
    ]);
    expect(placed.order.items[0].snapshotId).toMatch(/^[0-9a-f-]{36}$/);
    expect(placed.payment.nextAction).toMatchObject({ type: 'manual_instructions', method: 'bank_transfer', amount: 960 });
    expect(placed.payment.nextAction.instructions['zh-TW']).toContain(placed.order.orderNumber);
    expect(placed.orderToken).toEqual(expect.any(String));

    expect(await s.stockOf(v)).toEqual({ onHand: 5, reserved: 2, available: 3 });
    expect((await s.cartOf(g)).lines).toEqual([]);
    expect(
      await s.count("SELECT count(*) AS n FROM event_outbox WHERE event_type = 'order.created' AND aggregate_id = $1", [body.orderId]),
    ).toBe(1);

    // The guest's link opens the order; without it, nobody signed in gets 401.
    const viaLink = s.ok(await s.call(guest(), 'GET', `/orders/${body.orderId}?token=${placed.orderToken}`));
    expect(viaLink).toMatchObject({ id: body.orderId, status: 'pending_payment' });
    expect((await s.call(guest(), 'GET', `/orders/${body.orderId}`)).statusCode).toBe(401);
  });

  it('places a member order to a home address with a coupon, counted once', async () => {
    const user = await registerUser(h);
    const m = member(user);
    const p = await s.product({ prices: [1200], stock: 3 });
    const promotionId = await s.coupon('TEA100', { rule: { kind: 'order_fixed', amountOff: 100, minSubtotal: 0 } });
    await s.add(m, p.variants[0].id, 1);
    s.ok(await s.call(m, 'POST', '/cart/coupon', { code: 'TEA100' }));
    s.ok(await s.call(m, 'PUT', '/cart/shipping-method', { methodId: home.id }));
    const body = await s.form(m, {
      shippingMethodId: home.id,
      address: HOME,
      recipient: { sameAsBuyer: false, name: '林大華', mobile: '0987654321' },
      paymentMethod: 'cash_on_delivery',
      marketingOptIn: true,
    });
    expect(body.expected.total).toBe(1200);
    const placed = s.ok(await s.checkout(m, body), 201);
    expect(placed.order).toMatchObject({
      couponCode: 'TEA100',
      totals: { subtotal: 1200, orderDiscounts: 100, shipping: 100, total: 1200 },
      recipient: { name: '林大華', mobile: '0987654321' },
      address: HOME,
      store: null,
      marketingOptIn: true,
      history: [{ to: 'pending_payment', actorType: 'customer', actorId: user.id }],
    });
    expect(placed.orderToken).toBeNull();
    expect(
      await s.count("SELECT count(*) AS n FROM promotion_redemptions WHERE reference = $1 AND status = 'active'", [body.orderId]),
    ).toBe(1);
    expect(await s.count('SELECT uses AS n FROM promotions WHERE id = $1', [promotionId])).toBe(1);

    const list = s.ok(await s.call(m, 'GET', '/orders'));
    expect(list).toMatchObject({ total: 1, items: [{ id: body.orderId, status: 'pending_payment', total: 1200, itemCount: 1 }] });
    // The next add starts a new cart.
    await s.add(m, p.variants[0].id, 1);
    expect((await s.cartOf(m)).lines).toHaveLength(1);
  });

  it('answers PRICE_CHANGED with the new figures when the price moved, and changes nothing', async () => {
    const p = await s.product({ prices: [300], stock: 4 });
    const v = p.variants[0].id;
    const g = guest();
    await s.add(g, v, 2);
    const body = await s.form(g, { shippingMethodId: pickup.id, store: STORE, expected: { total: 660 } });
    await s.setPrice(p.id, v, 350);
    const res = await s.checkout(g, body);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'PRICE_CHANGED',
      expected: { total: 660 },
      current: { totals: { subtotal: 700, shipping: 60, total: 760 } },
    });
    expect(await s.stockOf(v)).toEqual({ onHand: 4, reserved: 0, available: 4 });
    expect(await ordersOf(v)).toBe(0);
    expect((await s.cartOf(g)).lines).toHaveLength(1);
    expect(await s.count('SELECT count(*) AS n FROM orders WHERE id = $1', [body.orderId])).toBe(0);
    expect(await s.count('SELECT count(*) AS n FROM idempotency_keys WHERE order_id = $1', [body.orderId])).toBe(0);

    // With the figures it was shown now, the same form goes through.
    s.ok(await s.checkout(g, { ...body, expected: { total: 760 } }), 201);
  });

  it('answers INVENTORY_SHORTAGE naming the line and what is left, and changes nothing', async () => {
    const p = await s.product({ prices: [200], stock: 5 });
    const v = p.variants[0].id;
    const g = guest();
    await s.add(g, v, 4);
    const body = await s.form(g, { shippingMethodId: pickup.id, store: STORE });
    body.expected.total += 60;
    await s.setStock(v, 3);
    const res = await s.checkout(g, body);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'INVENTORY_SHORTAGE', lines: [{ variantId: v, requested: 4, available: 3 }] });
    expect(await s.stockOf(v)).toEqual({ onHand: 3, reserved: 0, available: 3 });
    expect(await ordersOf(v)).toBe(0);
    expect((await s.cartOf(g)).lines).toHaveLength(1);
  });

  it('leaves the coupon unused when the order is refused after it was priced', async () => {
    const p = await s.product({ prices: [800], stock: 2 });
    const v = p.variants[0].id;
    const promotionId = await s.coupon('ROLLBACK50', { rule: { kind: 'order_fixed', amountOff: 50, minSubtotal: 0 } });
    const g = guest();
    await s.add(g, v, 2);
    s.ok(await s.call(g, 'POST', '/cart/coupon', { code: 'ROLLBACK50' }));
    const body = await s.form(g, { shippingMethodId: pickup.id, store: STORE });
    body.expected.total += 60;
    await s.setStock(v, 1);
    expect((await s.checkout(g, body)).statusCode).toBe(409);
    expect(await s.count('SELECT uses AS n FROM promotions WHERE id = $1', [promotionId])).toBe(0);
    expect(await s.count('SELECT count(*) AS n FROM promotion_redemptions WHERE reference = $1', [body.orderId])).toBe(0);
  });

  it('replays the first answer for the same key and body, and refuses the key with another body', async () => {
    const p = await s.product({ prices: [100], stock: 10 });
    const g = guest();
    await s.add(g, p.variants[0].id, 1);
    const body = await s.form(g, { shippingMethodId: pickup.id, store: STORE });
    body.expected.total += 60;
    const first = await s.checkout(g, body, 'key-1');
    expect(first.statusCode, first.body).toBe(201);
    const again = await s.checkout(g, body, 'key-1');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    // The pre-issued order id is a key of its own: the same form without a header replays too.
    const byId = await s.checkout(g, body);
    expect(byId.statusCode).toBe(201);
    expect(byId.json().order.id).toBe(body.orderId);

    const reused = await s.checkout(g, { ...body, note: 'changed' }, 'key-1');
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await s.count('SELECT count(*) AS n FROM orders WHERE id = $1', [body.orderId])).toBe(1);
  });

  it('makes one order of 50 concurrent requests with one key', async () => {
    const p = await s.product({ prices: [100], stock: 10 });
    const v = p.variants[0].id;
    const g = guest();
    await s.add(g, v, 1);
    const body = await s.form(g, { shippingMethodId: pickup.id, store: STORE });
    body.expected.total += 60;
    const answers = await Promise.all(Array.from({ length: 50 }, () => s.checkout(g, body, 'same-key')));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(50).fill(201));
    expect(new Set(answers.map((a) => a.json().order.orderNumber)).size).toBe(1);
    expect(await ordersOf(v)).toBe(1);
    expect(await s.stockOf(v)).toMatchObject({ reserved: 1 });
  });

  it('refuses an order id issued to another shopper, or made up', async () => {
    const p = await s.product({ prices: [100], stock: 10 });
    const a = guest();
    const b = guest();
    await s.add(a, p.variants[0].id, 1);
    await s.add(b, p.variants[0].id, 1);
    const formOfA = await s.form(a, { shippingMethodId: pickup.id, store: STORE });
    const formOfB = await s.form(b, { shippingMethodId: pickup.id, store: STORE });
    const stolen = await s.checkout(b, { ...formOfB, orderId: formOfA.orderId, expected: { total: formOfB.expected.total + 60 } });
    expect(stolen.statusCode).toBe(409);
    expect(stolen.json()).toMatchObject({ code: 'CHECKOUT_SESSION_INVALID' });
    const madeUp = await s.checkout(b, { ...formOfB, orderId: '0b6f9a4e-2c1d-4e3f-8a9b-1c2d3e4f5a6b' });
    expect(madeUp.json()).toMatchObject({ code: 'CHECKOUT_SESSION_INVALID' });
    // Nobody with a cart: no session at all.
    expect((await s.call(guest(), 'GET', '/checkout/session')).json()).toMatchObject({ code: 'CHECKOUT_CART_EMPTY' });
  });

  it('checks the form: terms, mobile, recipient name, address for home delivery, store for pickup', async () => {
    const p = await s.product({ prices: [100], stock: 10 });
    const g = guest();
    await s.add(g, p.variants[0].id, 1);
    const base = await s.form(g, { shippingMethodId: home.id, address: HOME });
    base.expected.total += 100;
    const status = async (over: Json) => {
      const res = await s.checkout(g, { ...base, ...over });
      return [res.statusCode, res.json().code];
    };
    expect(await status({ acceptTerms: false })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await status({ buyer: { ...BUYER, mobile: '0212345678' } })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await status({ recipient: { sameAsBuyer: false, name: '王', mobile: '0912345678' } })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await status({ address: { ...HOME, zip: '1000' } })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await status({ address: { ...HOME, city: 'Taipei' } })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await status({ address: undefined })).toEqual([422, 'CHECKOUT_ADDRESS_REQUIRED']);
    expect(await status({ shippingMethodId: pickup.id, address: undefined, expected: { total: 160 } })).toEqual([
      422,
      'CHECKOUT_STORE_REQUIRED',
    ]);
    expect(await status({ shippingMethodId: undefined })).toEqual([400, 'VALIDATION_FAILED']);
    // 台 is read as 臺.
    const placed = s.ok(await s.checkout(g, { ...base, address: { ...HOME, city: '台北市' } }), 201);
    expect(placed.order.address.city).toBe('臺北市');
  });

  it('places a virtual-only order without shipping or address; cash on delivery is refused for it', async () => {
    const p = await s.product({ prices: [300], stock: 10, over: { type: 'virtual' } });
    const g = guest();
    await s.add(g, p.variants[0].id, 1);
    const cart = await s.cartOf(g);
    expect(cart.needsShipping).toBe(false);
    const cod = await s.checkout(g, await s.form(g, { paymentMethod: 'cash_on_delivery' }));
    expect(cod.statusCode).toBe(422);
    expect(cod.json()).toMatchObject({ code: 'CHECKOUT_PAYMENT_METHOD_UNAVAILABLE' });
    const placed = s.ok(await s.checkout(g, await s.form(g)), 201);
    expect(placed.order).toMatchObject({
      needsShipping: false,
      shippingMethodId: null,
      recipient: null,
      address: null,
      store: null,
      totals: { total: 300 },
    });
  });

  it('refuses a disabled account', async () => {
    const user = await registerUser(h);
    const m = member(user);
    const p = await s.product({ prices: [100], stock: 10 });
    await s.add(m, p.variants[0].id, 1);
    const body = await s.form(m, { shippingMethodId: pickup.id, store: STORE });
    body.expected.total += 60;
    await h.pool.query("UPDATE users SET status = 'disabled' WHERE id = $1", [user.id]);
    const res = await s.checkout(m, body);
    expect([401, 403]).toContain(res.statusCode);
    expect(await s.count('SELECT count(*) AS n FROM orders WHERE id = $1', [body.orderId])).toBe(0);
  });
});
