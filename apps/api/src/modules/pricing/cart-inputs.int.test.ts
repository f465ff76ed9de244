// Promotions made through the staff API, loaded with the cart's read functions, priced by the
// engine: the stored shapes are what `priceCart` takes.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.js';
import { bearer, makeStaff, type Signed } from '../../../test/identity-helpers.js';
import { withTx } from '../../platform/tx.js';
import {
  activeAutomaticPromotions,
  customerKeyForUser,
  findCoupon,
  priceCart,
  redeem,
  stackingPolicy,
  usageFacts,
  type PricingLineInput,
} from './index.js';

describe('stored promotions as engine inputs', () => {
  let h: Harness;
  let admin: Signed;
  const [teaCup, teaPot, gift] = [randomUUID(), randomUUID(), { productId: randomUUID(), variantId: randomUUID() }];
  const now = new Date('2026-06-15T04:00:00Z');
  const ids: Record<string, string> = {};

  const create = async (key: string, body: Record<string, unknown>) => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/admin/promotions',
      headers: bearer(admin),
      payload: { name: { 'zh-TW': key }, ...body },
    });
    expect(res.statusCode, res.body).toBe(201);
    ids[key] = res.json().id;
    return res.json().id as string;
  };

  beforeAll(async () => {
    h = await createHarness();
    admin = await makeStaff(h, ['admin']);
    await create('cup-sale', {
      rule: { kind: 'line_percentage', percentOff: 1000 },
      scope: { type: 'products', productIds: [teaCup] },
      priority: 10,
    });
    await create('tiers', {
      rule: {
        kind: 'spend_tiers',
        tiers: [
          { minSubtotal: 1000, amountOff: 100 },
          { minSubtotal: 2000, amountOff: 300 },
        ],
      },
    });
    await create('free-shipping', { rule: { kind: 'free_shipping', minSubtotal: 1500 } });
    await create('gift', { rule: { kind: 'gift_with_purchase', minSubtotal: 2000, gift } });
    await create('paused', { rule: { kind: 'order_fixed', amountOff: 999 }, status: 'paused' });
    await create('later', { rule: { kind: 'order_fixed', amountOff: 999 }, startsAt: '2026-07-01T00:00:00+08:00' });
    await create('over', { rule: { kind: 'order_fixed', amountOff: 999 }, endsAt: '2026-06-01T00:00:00+08:00' });
    const coupon = await create('welcome', {
      isCoupon: true,
      rule: { kind: 'order_percentage', percentOff: 1000, maxDiscount: 100 },
      perCustomerLimit: 1,
    });
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/admin/promotions/${coupon}/codes`,
      headers: bearer(admin),
      payload: { type: 'single', code: 'WELCOME' },
    });
    expect(res.statusCode, res.body).toBe(201);
  });
  afterAll(() => h?.close());

  const lines: PricingLineInput[] = [
    {
      lineId: 'l1',
      productId: teaCup,
      variantId: randomUUID(),
      categoryIds: [],
      brandId: null,
      unitPrice: 1000,
      quantity: 2,
      excludedFromOrderDiscounts: false,
    },
    {
      lineId: 'l2',
      productId: teaPot,
      variantId: randomUUID(),
      categoryIds: [],
      brandId: null,
      unitPrice: 500,
      quantity: 1,
      excludedFromOrderDiscounts: false,
    },
  ];

  async function price(code: string | null, customerKey: string) {
    const automaticPromotions = await activeAutomaticPromotions(h.db, now);
    const coupon = code === null ? null : await findCoupon(h.db, code, now);
    const facts = await usageFacts(h.db, {
      promotionIds: [...automaticPromotions.map((p) => p.id), ...(coupon?.promotion ? [coupon.promotion.id] : [])],
      customerKey,
      couponCode: code ?? undefined,
    });
    facts[ids.gift!] = { ...facts[ids.gift!], giftAvailable: 5 };
    return {
      automaticPromotions,
      priced: priceCart({
        now,
        lines,
        policy: await stackingPolicy(h.db),
        automaticPromotions,
        coupon,
        shippingOptions: [{ id: 'home', fee: 100 }],
        selectedShippingOptionId: 'home',
        facts,
      }),
    };
  }

  it('loads only what runs now and prices a cart with it and a coupon', async () => {
    const { automaticPromotions, priced } = await price(' welcome ', customerKeyForUser(admin.id));

    expect(automaticPromotions.map((p) => p.id).sort()).toEqual([ids['cup-sale'], ids.tiers, ids['free-shipping'], ids.gift].sort());
    expect(automaticPromotions.find((p) => p.id === ids['cup-sale'])).toMatchObject({
      kind: 'line_percentage',
      percentOff: 1000,
      priority: 10,
      name: { 'zh-TW': 'cup-sale', en: 'cup-sale' },
    });
    // 2500; the cup sale takes 200; tiers reach 2000 on 2300 (300 off); the coupon takes 10 % of 2000, capped at 100; shipping is free from 1500.
    expect(priced.totals).toEqual({
      subtotal: 2500,
      lineDiscounts: 200,
      orderDiscounts: 400,
      shipping: 100,
      shippingDiscount: 100,
      total: 1900,
    });
    expect(priced.coupon).toEqual({ code: 'WELCOME', status: 'applied', promotionId: ids.welcome, saving: 100 });
    expect(priced.giftLines).toMatchObject([{ promotionId: ids.gift, variantId: gift.variantId, quantity: 1 }]);
  });

  it('refuses the coupon as used up for a customer who used it, and an unknown code as unknown', async () => {
    const customerKey = customerKeyForUser(randomUUID());
    await withTx(h.db, (tx) =>
      redeem(tx, { reference: 'order-1', promotionId: ids.welcome!, couponCode: 'welcome', customerKey, amount: 100 }),
    );

    expect((await price('WELCOME', customerKey)).priced.coupon).toMatchObject({
      status: 'refused',
      reason: 'used_up',
      limit: 'per_customer',
    });
    expect((await price('NOPE-NOPE', customerKey)).priced.coupon).toMatchObject({
      status: 'refused',
      reason: 'unknown',
      promotionId: null,
    });
  });

  it('resolves the code of a paused coupon to nothing', async () => {
    const res = await h.app.inject({ method: 'POST', url: `/api/admin/promotions/${ids.welcome}/pause`, headers: bearer(admin) });
    expect(res.statusCode).toBe(200);

    expect(await findCoupon(h.db, 'welcome', now)).toEqual({ code: 'WELCOME', promotion: null });
  });
});
