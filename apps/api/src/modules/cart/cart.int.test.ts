// The shopper's cart over HTTP on a real database: guest carts by cookie, merge at sign-in, prices
// and stock read again on every answer, coupons, free shipping and automatic promotions.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, TEST_JWT_SECRET, type Harness } from '../../../test/harness.js';
import { registerUser } from '../../../test/identity-helpers.js';
import { guest, shopHelpers, type Shopper } from '../../../test/shop-helpers.js';
import { buildApp } from '../../app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('cart', () => {
  let h: Harness;
  let n = 0;
  const shop = shopHelpers(() => h);
  const { ok, asAdmin, product, setStock, call, cartOf, promotion, coupon } = shop;
  const add = async (s: Shopper, variantId: string, quantity: number) => ok(await call(s, 'POST', '/cart/items', { variantId, quantity }));
  const lineOf = (cart: Json, variantId: string) => cart.lines.find((l: Json) => l.variantId === variantId);

  beforeAll(async () => {
    h = await createHarness();
    await shop.setUp('cart');
  });
  afterAll(() => h?.close());

  describe('guest carts', () => {
    it('answers an empty cart without making one or setting a cookie', async () => {
      const s = guest();
      const cart = await cartOf(s);
      expect(cart).toMatchObject({ id: null, lines: [], totals: { total: 0 } });
      expect(s.jar.cart_token).toBeUndefined();
    });

    it('keeps a guest cart in an httpOnly cookie that survives a restart', async () => {
      const p = await product({ prices: [450] });
      const s = guest();
      const res = await call(s, 'POST', '/cart/items', { variantId: p.variants[0].id, quantity: 2 });
      expect(res.statusCode, res.body).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'cart_token')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 90 * 24 * 60 * 60 });
      const stored = await h.pool.query<{ guest_token_hash: string }>('SELECT guest_token_hash FROM carts WHERE id = $1', [res.json().id]);
      expect(stored.rows[0]!.guest_token_hash).not.toContain(cookie.value);
      expect(stored.rows[0]!.guest_token_hash).toMatch(/^[0-9a-f]{64}$/);

      const second = await buildApp({
        config: h.config,
        db: h.db,
        pool: h.pool,
        logger: pino({ level: 'silent' }),
        jwtSecret: TEST_JWT_SECRET,
        redis: undefined,
      });
      try {
        await second.ready();
        const again = ok(await call(s, 'GET', '/cart', undefined, {}, second));
        expect(again.id).toBe(res.json().id);
        expect(again.lines).toMatchObject([{ variantId: p.variants[0].id, quantity: 2, unitPrice: 450 }]);
        expect(again.totals.subtotal).toBe(900);
      } finally {
        await second.close();
      }
    });

    it('merges the guest cart at sign-in: quantities added and capped by stock, the coupon kept, the cookie cleared', async () => {
      const a = await product({ prices: [300], stock: 5 });
      const b = await product({ prices: [200], stock: 20 });
      await coupon('MERGE10', { rule: { kind: 'order_fixed', amountOff: 10, minSubtotal: 0 } });
      const user = await registerUser(h);
      const me: Shopper = { jar: {}, user };
      await add(me, a.variants[0].id, 3);

      const s = guest();
      await add(s, a.variants[0].id, 4);
      await add(s, b.variants[0].id, 2);
      ok(await call(s, 'POST', '/cart/coupon', { code: 'merge10' }));
      const guestCartId = (await cartOf(s)).id;

      s.user = user; // signs in on the same browser
      const merged = await cartOf(s);
      expect(s.jar.cart_token).toBeUndefined();
      expect(lineOf(merged, a.variants[0].id)).toMatchObject({ quantity: 5, exceedsAvailable: false }); // 3 + 4, capped at 5 in stock
      expect(lineOf(merged, b.variants[0].id)).toMatchObject({ quantity: 2 });
      expect(merged.coupon).toMatchObject({ code: 'MERGE10', status: 'applied', saving: 10 });
      const { rows } = await h.pool.query<{ status: string }>('SELECT status FROM carts WHERE id = $1', [guestCartId]);
      expect(rows[0]!.status).toBe('merged');

      // The same cart on another device.
      const other = await cartOf({ jar: {}, user });
      expect(other.id).toBe(merged.id);
      expect(other.lines).toHaveLength(2);
    });
    it('merges once when two requests of the signed-in shopper carry the guest cookie at the same time', async () => {
      const p = await product({ stock: 50 });
      const user = await registerUser(h);
      await add({ jar: {}, user }, p.variants[0].id, 1);
      const s = guest();
      await add(s, p.variants[0].id, 2);
      const jar = { ...s.jar };

      const both = await Promise.all([
        call({ jar: { ...jar }, user }, 'GET', '/cart'),
        call({ jar: { ...jar }, user }, 'POST', '/cart/items', { variantId: p.variants[0].id, quantity: 1 }),
      ]);

      expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
      expect(lineOf(await cartOf({ jar: {}, user }), p.variants[0].id).quantity).toBe(1 + 2 + 1);
    });
  });

  describe('pricing again on every read', () => {
    it('tells a line, and the product page, when the product is not covered by the 7-day cooling-off return', async () => {
      const exempt = await product({ prices: [300], over: { coolingOffExempt: true } });
      const usual = await product({ prices: [300] });
      const s = guest();
      await add(s, exempt.variants[0].id, 1);
      const cart = await add(s, usual.variants[0].id, 1);
      expect(lineOf(cart, exempt.variants[0].id).coolingOffExempt).toBe(true);
      expect(lineOf(cart, usual.variants[0].id).coolingOffExempt).toBe(false);
      const page = ok(await h.app.inject({ method: 'GET', url: `/api/products/${exempt.slug}` }));
      expect(page.coolingOffExempt).toBe(true);
      expect(ok(await h.app.inject({ method: 'GET', url: `/api/products/${usual.slug}` })).coolingOffExempt).toBe(false);
    });

    it('flags a price change, a product off the shelf and stock below the quantity', async () => {
      const p = await product({ prices: [600, 700], stock: 10 });
      const [v1, v2] = p.variants;
      const s = guest();
      await add(s, v1.id, 4);
      await add(s, v2.id, 1);

      const current = await asAdmin({ method: 'GET', url: `/api/admin/products/${p.id}` });
      await asAdmin({
        method: 'PUT',
        url: `/api/admin/products/${p.id}`,
        payload: {
          name: current.name,
          primaryCategoryId: current.primaryCategoryId,
          version: current.version,
          variants: current.variants.map((v: Json) => ({ ...v, priceMinor: v.id === v1.id ? 550 : v.priceMinor })),
        },
      });
      await setStock(v1.id, 3);
      let cart = await cartOf(s);
      expect(lineOf(cart, v1.id)).toMatchObject({
        unitPrice: 550,
        unitPriceWhenAdded: 600,
        priceChanged: true,
        exceedsAvailable: true,
        available: 3,
        unavailable: false,
      });
      expect(lineOf(cart, v2.id)).toMatchObject({ priceChanged: false, exceedsAvailable: false });
      expect(cart.totals.subtotal).toBe(4 * 550 + 700);

      const live = await asAdmin({ method: 'GET', url: `/api/admin/products/${p.id}` });
      await asAdmin({
        method: 'POST',
        url: `/api/admin/products/${p.id}/transitions`,
        payload: { action: 'take_off_shelf', version: live.version },
      });
      cart = await cartOf(s);
      expect(cart.lines.map((l: Json) => l.unavailable)).toEqual([true, true]);
      expect(cart.totals).toMatchObject({ subtotal: 0, total: 0 });
    });
  });

  describe('stock and ownership', () => {
    it('answers 409 INVENTORY_SHORTAGE with the available units on add and on raise; lowering works', async () => {
      const p = await product({ stock: 3 });
      const v = p.variants[0].id;
      const s = guest();
      const short = await call(s, 'POST', '/cart/items', { variantId: v, quantity: 4 });
      expect(short.statusCode).toBe(409);
      expect(short.json()).toMatchObject({ code: 'INVENTORY_SHORTAGE', available: 3 });

      const cart = await add(s, v, 2);
      const again = await call(s, 'POST', '/cart/items', { variantId: v, quantity: 2 });
      expect(again.json()).toMatchObject({ status: 409, code: 'INVENTORY_SHORTAGE', available: 3 });
      const line = lineOf(cart, v);
      const raise = await call(s, 'PATCH', `/cart/items/${line.id}`, { quantity: 4 });
      expect(raise.statusCode).toBe(409);
      expect(raise.json()).toMatchObject({ code: 'INVENTORY_SHORTAGE', available: 3 });
      expect(lineOf(ok(await call(s, 'PATCH', `/cart/items/${line.id}`, { quantity: 3 })), v).quantity).toBe(3);
      expect(lineOf(ok(await call(s, 'PATCH', `/cart/items/${line.id}`, { quantity: 1 })), v).quantity).toBe(1);
    });

    it('refuses a variant not for sale and more than 99 units on a line', async () => {
      const s = guest();
      const unknown = await call(s, 'POST', '/cart/items', { variantId: randomUUID(), quantity: 1 });
      expect(unknown.json()).toMatchObject({ status: 409, code: 'CART_VARIANT_UNAVAILABLE' });
      const draft = await asAdmin(
        {
          method: 'POST',
          url: '/api/admin/products',
          payload: {
            name: { 'zh-TW': '草稿' },
            primaryCategoryId: shop.category().id,
            variants: [{ sku: `CART-D-${++n}`, salesAttributes: { size: 'S' }, priceMinor: 10 }],
          },
        },
        201,
      );
      const res = await call(s, 'POST', '/cart/items', { variantId: draft.variants[0].id, quantity: 1 });
      expect(res.json()).toMatchObject({ status: 409, code: 'CART_VARIANT_UNAVAILABLE' });

      const p = await product({ stock: 500 });
      await add(s, p.variants[0].id, 99);
      const over = await call(s, 'POST', '/cart/items', { variantId: p.variants[0].id, quantity: 1 });
      expect(over.json()).toMatchObject({ status: 409, code: 'CART_LINE_LIMIT' });
      expect((await call(s, 'POST', '/cart/items', { variantId: p.variants[0].id, quantity: 100 })).statusCode).toBe(400);
    });

    it('answers 404 for another shopper’s line, signed in or by another cookie, and leaves it alone', async () => {
      const p = await product();
      const owner = guest();
      const cart = await add(owner, p.variants[0].id, 2);
      const lineId = cart.lines[0].id;
      const strangers: Shopper[] = [guest(), { jar: {}, user: await registerUser(h) }];
      await add(strangers[0]!, p.variants[0].id, 1); // has a cart (and a cookie) of its own
      for (const s of strangers) {
        for (const [method, payload] of [
          ['PATCH', { quantity: 1 }],
          ['DELETE', undefined],
        ] as const) {
          const res = await call(s, method, `/cart/items/${lineId}`, payload);
          expect(res.statusCode, res.body).toBe(404);
          expect(res.json()).toMatchObject({ code: 'CART_ITEM_NOT_FOUND' });
        }
      }
      expect((await cartOf(owner)).lines).toMatchObject([{ id: lineId, quantity: 2 }]);
      expect((await call(owner, 'DELETE', `/cart/items/${lineId}`)).json().lines).toEqual([]);
    });

    it('ignores price fields a client sends', async () => {
      const p = await product({ prices: [800] });
      const s = guest();
      const res = await call(s, 'POST', '/cart/items', { variantId: p.variants[0].id, quantity: 1, unitPrice: 1, price: 1 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().lines[0]).toMatchObject({ unitPrice: 800, unitPriceWhenAdded: 800 });
    });
  });

  describe('coupons', () => {
    it('applies a code the engine applies and refuses the others with their reason, storing nothing', async () => {
      const p = await product({ prices: [500] });
      await coupon('SAVE50', { rule: { kind: 'order_fixed', amountOff: 50, minSubtotal: 1000 } });
      await coupon('LATER', { rule: { kind: 'order_fixed', amountOff: 50, minSubtotal: 0 }, startsAt: '2099-01-01T00:00:00Z' });
      await coupon('OVER', { rule: { kind: 'order_fixed', amountOff: 50, minSubtotal: 0 }, endsAt: '2020-01-01T00:00:00Z' });
      const once = await coupon('ONCE', { rule: { kind: 'order_fixed', amountOff: 50, minSubtotal: 0 }, totalLimit: 1 });
      await h.pool.query('UPDATE promotions SET uses = 1 WHERE id = $1', [once]); // as if a checkout had used it
      await coupon('OTHERCAT', {
        rule: { kind: 'order_fixed', amountOff: 50, minSubtotal: 0 },
        scope: { type: 'products', productIds: [randomUUID()] },
      });
      const s = guest();
      await add(s, p.variants[0].id, 1);

      const refused = async (code: string) => {
        const res = await call(s, 'POST', '/cart/coupon', { code });
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json().code).toBe('COUPON_INVALID');
        return res.json();
      };
      expect(await refused('NOSUCH')).toMatchObject({ reason: 'unknown' });
      expect(await refused('SAVE50')).toMatchObject({ reason: 'minimum_not_met', missingAmount: 500 });
      expect(await refused('LATER')).toMatchObject({ reason: 'not_started' });
      expect(await refused('OVER')).toMatchObject({ reason: 'expired' });
      expect(await refused('OTHERCAT')).toMatchObject({ reason: 'not_applicable' });
      expect(await refused('ONCE')).toMatchObject({ reason: 'used_up', limit: 'total' });
      expect((await cartOf(s)).coupon).toBeNull();

      await add(s, p.variants[0].id, 1);
      // Under best_only a bigger automatic discount leaves the coupon out.
      const automatic = await promotion({ rule: { kind: 'order_fixed', amountOff: 200, minSubtotal: 0 } });
      await asAdmin({ method: 'PUT', url: '/api/admin/pricing-settings', payload: { stackingPolicy: 'best_only' } });
      expect(await refused('SAVE50')).toMatchObject({ reason: 'not_combinable' });
      await asAdmin({ method: 'POST', url: `/api/admin/promotions/${automatic}/archive` });
      await asAdmin({ method: 'PUT', url: '/api/admin/pricing-settings', payload: { stackingPolicy: 'automatic_then_coupon' } });

      const applied = ok(await call(s, 'POST', '/cart/coupon', { code: 'save50' }));
      expect(applied.coupon).toMatchObject({ code: 'SAVE50', status: 'applied', saving: 50 });
      expect(applied.totals).toMatchObject({ subtotal: 1000, orderDiscounts: 50, total: 950 });
      expect(applied.applied).toContainEqual(expect.objectContaining({ source: 'coupon', saving: 50 }));

      const removed = ok(await call(s, 'DELETE', '/cart/coupon'));
      expect(removed.coupon).toBeNull();
      expect(removed.totals.total).toBe(1000);
    });
  });

  describe('shipping and promotions', () => {
    it('explains what is missing for free shipping, and an added item reaches it', async () => {
      const method = await asAdmin(
        {
          method: 'POST',
          url: '/api/admin/shipping-methods',
          payload: {
            code: `cart_home_${++n}`,
            kind: 'home_delivery',
            carrier: 'tcat',
            name: { 'zh-TW': '黑貓宅急便', en: 'T-Cat' },
            fee: { type: 'flat', amount: 100 },
            freeShippingThreshold: 1500,
          },
        },
        201,
      );
      const p = await product({ prices: [690, 120] });
      const s = guest();
      await add(s, p.variants[0].id, 2);
      let cart = ok(await call(s, 'PUT', '/cart/shipping-method', { methodId: method.id }));
      expect(cart.shippingMethodId).toBe(method.id);
      expect(cart.totals).toMatchObject({ subtotal: 1380, shipping: 100, total: 1480 });
      expect(cart.nextSteps).toContainEqual(
        expect.objectContaining({
          source: 'shipping_method',
          shippingMethodId: method.id,
          missingAmount: 120,
          message: { 'zh-TW': '再買 NT$120 即可免運', en: 'NT$120 more for free shipping' },
        }),
      );

      cart = await add(s, p.variants[1].id, 1);
      expect(cart.totals).toMatchObject({ subtotal: 1500, shipping: 0, total: 1500 });
      expect(cart.nextSteps.filter((x: Json) => x.kind === 'free_shipping_threshold')).toEqual([]);
      expect(cart.shippingMethods.find((m: Json) => m.id === method.id)).toMatchObject({ available: true, fee: 0, missingForFree: 0 });
      await asAdmin({ method: 'DELETE', url: `/api/admin/shipping-methods/${method.id}` }, 204);
    });

    it('applies a 任選 3 件 999 automatic promotion in the cart and says how many are missing', async () => {
      const bundleCategory = await asAdmin(
        {
          method: 'POST',
          url: '/api/admin/categories',
          payload: { parentId: shop.category().id, name: { 'zh-TW': '任選' }, slug: `cart-any-${++n}` },
        },
        201,
      );
      const p = await product({ prices: [400, 450, 500], over: { primaryCategoryId: bundleCategory.id } });
      const id = await promotion({
        rule: { kind: 'bundle_price', groupSize: 3, groupPrice: 999 },
        scope: { type: 'categories', categoryIds: [bundleCategory.id] },
      });
      const s = guest();
      await add(s, p.variants[0].id, 1);
      let cart = await add(s, p.variants[1].id, 1);
      expect(cart.nextSteps).toContainEqual(expect.objectContaining({ promotionId: id, kind: 'bundle_price', missingQuantity: 1 }));
      cart = await add(s, p.variants[2].id, 1);
      expect(cart.applied).toContainEqual(expect.objectContaining({ promotionId: id, kind: 'bundle_price', saving: 1350 - 999 }));
      expect(cart.totals).toMatchObject({ subtotal: 1350, lineDiscounts: 351, total: 999 });
      await asAdmin({ method: 'POST', url: `/api/admin/promotions/${id}/archive` });
    });

    it('offers an add-on once the threshold is reached, prices it specially, and adds a gift while stock lasts', async () => {
      const main = await product({ prices: [800] });
      const extra = await product({ prices: [300] });
      const present = await product({ prices: [150], stock: 1 });
      const addOn = await promotion({
        rule: {
          kind: 'add_on',
          minSubtotal: 800,
          offers: [{ productId: extra.id, variantId: extra.variants[0].id, price: 99, maxPerOrder: 1 }],
        },
      });
      const gift = await promotion({
        rule: {
          kind: 'gift_with_purchase',
          minSubtotal: 800,
          gift: { productId: present.id, variantId: present.variants[0].id, quantity: 2 },
        },
      });
      const s = guest();
      const refusedAddOn = await call(s, 'POST', '/cart/items', { variantId: main.variants[0].id, quantity: 1, addOnOf: randomUUID() });
      expect(refusedAddOn.json()).toMatchObject({ status: 409, code: 'CART_VARIANT_UNAVAILABLE' });

      let cart = await add(s, main.variants[0].id, 1);
      expect(cart.addOnOffers).toEqual([
        expect.objectContaining({ promotionId: addOn, variantId: extra.variants[0].id, specialPrice: 99, inCart: 0 }),
      ]);
      expect(cart.giftLines).toEqual([
        expect.objectContaining({ promotionId: gift, variantId: present.variants[0].id, quantity: 1, productName: expect.any(Object) }),
      ]);

      cart = ok(await call(s, 'POST', '/cart/items', { variantId: extra.variants[0].id, quantity: 1, addOnOf: addOn }));
      expect(cart.lines.find((l: Json) => l.addOnOf === addOn)).toMatchObject({ addOnStatus: 'applied', lineTotal: 99 });
      expect(cart.totals).toMatchObject({ subtotal: 1100, lineDiscounts: 201, total: 899 });
      await asAdmin({ method: 'POST', url: `/api/admin/promotions/${addOn}/archive` });
      await asAdmin({ method: 'POST', url: `/api/admin/promotions/${gift}/archive` });
    });

    it('needs no shipping for a cart of virtual goods', async () => {
      const p = await product({ prices: [300], over: { type: 'virtual' } });
      const s = guest();
      const cart = await add(s, p.variants[0].id, 1);
      expect(cart).toMatchObject({ needsShipping: false, shippingMethods: [], totals: { shipping: 0, total: 300 } });
      const res = await call(s, 'PUT', '/cart/shipping-method', { methodId: randomUUID() });
      expect(res.json()).toMatchObject({ status: 409, code: 'CART_SHIPPING_METHOD_UNAVAILABLE', reason: 'no_shipping_needed' });
    });
  });
});
