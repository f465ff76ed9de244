import { describe, expect, it } from 'vitest';
import { priceCart } from './index.js';
import { cart, line, promo, withCoupon } from './pricing.fixture.js';
import type { PricingLineInput, Promotion, PromotionScope } from './pricing.types.js';

const tiers = promo('tiers', {
  kind: 'spend_tiers',
  tiers: [
    { minSubtotal: 1000, amountOff: 100 },
    { minSubtotal: 2000, amountOff: 250 },
  ],
});
const price = (lines: PricingLineInput[], automaticPromotions: Promotion[], over = {}) =>
  priceCart(cart({ lines, automaticPromotions, ...over }));
const lineDiscounts = (lines: PricingLineInput[], p: Promotion) => price(lines, [p]).lines.map((l) => l.lineDiscount);

describe('滿額折 spend tiers', () => {
  it.each<[string, number, number]>([
    ['below every tier', 999, 0],
    ['at the first tier', 1000, 100],
    ['between tiers', 1999, 100],
    ['at the second tier', 2000, 250],
    ['above every tier', 5000, 250],
  ])('%s (%i → %i off)', (_n, amount, off) => {
    const priced = price([line('a', { unitPrice: amount })], [tiers]);
    expect(priced.totals).toMatchObject({ subtotal: amount, orderDiscounts: off, total: amount - off });
  });
});

describe('任選 3 件 999 bundle', () => {
  const bundle = promo(
    'b3',
    { kind: 'bundle_price', groupSize: 3, groupPrice: 999 },
    { scope: { type: 'categories', categoryIds: ['tea'] } },
  );
  const tea = (id: string, unitPrice: number, quantity = 1) => line(id, { unitPrice, quantity, categoryIds: ['tea'] });
  it.each<[string, PricingLineInput[], number[], number]>([
    ['2 items: no group', [tea('a', 500), tea('b', 400)], [0, 0], 900],
    ['3 items: one group, saving spread by price', [tea('a', 500), tea('b', 400), tea('c', 300)], [84, 67, 50], 999],
    ['4 items: the 3 most expensive grouped', [tea('a', 500), tea('b', 400), tea('c', 300), tea('d', 200)], [84, 67, 50, 0], 1199],
    ['6 items: two groups', [tea('a', 400, 6)], [402], 1998],
    [
      '6 items mixed: the cheap group is not worth it',
      [tea('a', 600), tea('b', 500), tea('c', 400), tea('d', 300), tea('e', 200), tea('f', 100)],
      [200, 167, 134, 0, 0, 0],
      2100 - 501,
    ],
    ['one line of 3 units', [tea('a', 400, 3)], [201], 999],
    ['out of scope items do not join', [tea('a', 500), tea('b', 400), line('c', { unitPrice: 900 })], [0, 0, 0], 1800],
  ])('%s', (_n, lines, discounts, total) => {
    const priced = price(lines, [bundle]);
    expect(priced.lines.map((l) => l.lineDiscount)).toEqual(discounts);
    expect(priced.totals.total).toBe(total);
  });
});

describe('第二件 N 折', () => {
  const second = (grouping: 'same_product' | 'any_in_scope', pricePercent = 6000) =>
    promo('n2', { kind: 'nth_unit_percent', nth: 2, pricePercent, grouping });
  it.each<[string, 'same_product' | 'any_in_scope', PricingLineInput[], number[]]>([
    ['2 of the same: second at 60 %', 'same_product', [line('a', { unitPrice: 500, quantity: 2 })], [200]],
    ['3 of the same: one discounted', 'same_product', [line('a', { unitPrice: 500, quantity: 3 })], [200]],
    ['4 of the same: two discounted', 'same_product', [line('a', { unitPrice: 500, quantity: 4 })], [400]],
    ['odd price floors the discount', 'same_product', [line('a', { unitPrice: 333, quantity: 2 })], [133]],
    [
      'variants of one product pair up, the cheaper is discounted',
      'same_product',
      [line('a', { productId: 'p', unitPrice: 500 }), line('b', { productId: 'p', unitPrice: 300 })],
      [0, 120],
    ],
    ['different products do not pair', 'same_product', [line('a', { unitPrice: 500 }), line('b', { unitPrice: 300 })], [0, 0]],
    ['any in scope pair up', 'any_in_scope', [line('a', { unitPrice: 500 }), line('b', { unitPrice: 300 })], [0, 120]],
    [
      'pairs the most expensive together',
      'any_in_scope',
      [line('a', { unitPrice: 1000 }), line('b', { unitPrice: 900 }), line('c', { unitPrice: 800 }), line('d', { unitPrice: 700 })],
      [0, 360, 0, 280],
    ],
  ])('%s', (_n, grouping, lines, discounts) => expect(lineDiscounts(lines, second(grouping))).toEqual(discounts));
});

describe('category and brand percentage', () => {
  it.each<[string, PromotionScope, PricingLineInput, number]>([
    [
      'category via an ancestor id',
      { type: 'categories', categoryIds: ['shoes'] },
      line('a', { unitPrice: 1999, quantity: 2, categoryIds: ['sneakers', 'shoes'] }),
      798,
    ],
    [
      'other category',
      { type: 'categories', categoryIds: ['bags'] },
      line('a', { unitPrice: 1999, categoryIds: ['sneakers', 'shoes'] }),
      0,
    ],
    ['brand', { type: 'brands', brandIds: ['b1'] }, line('a', { unitPrice: 1000, brandId: 'b1' }), 200],
    ['no brand', { type: 'brands', brandIds: ['b1'] }, line('a', { unitPrice: 1000, brandId: null }), 0],
    ['product', { type: 'products', productIds: ['p-a'] }, line('a', { unitPrice: 1000 }), 200],
    [
      'applies to lines excluded from order discounts',
      { type: 'all' },
      line('a', { unitPrice: 1000, excludedFromOrderDiscounts: true }),
      200,
    ],
  ])('%s', (_n, scope, l, discount) => {
    const priced = price([l], [promo('sale', { kind: 'line_percentage', percentOff: 2000 }, { scope })]);
    expect(priced.lines[0]?.lineDiscount).toBe(discount);
    expect(priced.totals.lineDiscounts).toBe(discount);
  });
});

describe('scopes of an order-level discount', () => {
  const lines = [
    line('a', { unitPrice: 1000, categoryIds: ['tops', 'clothing'], brandId: 'nike', productId: 'p1' }),
    line('b', { unitPrice: 500, categoryIds: ['mugs', 'home'], brandId: null, productId: 'p2' }),
  ];
  it.each<[string, PromotionScope, number[]]>([
    ['all', { type: 'all' }, [100, 50]],
    ['categories incl. ancestors', { type: 'categories', categoryIds: ['clothing'] }, [100, 0]],
    ['brands', { type: 'brands', brandIds: ['nike'] }, [100, 0]],
    ['products', { type: 'products', productIds: ['p2'] }, [0, 50]],
  ])('%s', (_n, scope, allocated) => {
    const coupon = promo('c', { kind: 'order_percentage', percentOff: 1000, maxDiscount: null, minSubtotal: 0 }, { scope });
    expect(priceCart(cart({ lines, coupon: withCoupon(coupon) })).lines.map((l) => l.allocatedOrderDiscount)).toEqual(allocated);
  });
});

describe('excludedFromOrderDiscounts', () => {
  const lines = [line('x', { unitPrice: 1000, excludedFromOrderDiscounts: true }), line('y', { unitPrice: 500 })];
  it('excluded lines count toward no threshold', () => {
    const priced = price(lines, [tiers]);
    expect(priced.totals.orderDiscounts).toBe(0);
    expect(priced.nextSteps).toEqual([expect.objectContaining({ promotionId: 'tiers', missingAmount: 500 })]);
  });
  it('excluded lines receive no order discount', () => {
    const coupon = promo('c', { kind: 'order_percentage', percentOff: 1000, maxDiscount: null, minSubtotal: 0 });
    const priced = priceCart(cart({ lines, coupon: withCoupon(coupon) }));
    expect(priced.lines.map((l) => l.allocatedOrderDiscount)).toEqual([0, 50]);
  });
});

describe('滿額贈 gifts', () => {
  const gift = (quantity = 1) =>
    promo('gwp', { kind: 'gift_with_purchase', minSubtotal: 1000, gift: { productId: 'tote', variantId: 'tote-red', quantity } });
  it.each<[string, number, number | undefined, number, number | null]>([
    ['threshold met', 1000, 5, 1, null],
    ['threshold not met', 920, 5, 0, 80],
    ['none left', 1500, 0, 0, null],
    ['stock unknown counts as none', 1500, undefined, 0, null],
  ])('%s', (_n, amount, available, giftUnits, missing) => {
    const facts = available === undefined ? {} : { gwp: { giftAvailable: available } };
    const priced = price([line('a', { unitPrice: amount })], [gift()], { facts });
    expect(priced.giftLines.reduce((s, g) => s + g.quantity, 0)).toBe(giftUnits);
    expect(priced.nextSteps.find((s) => s.promotionId === 'gwp')?.missingAmount ?? null).toBe(missing);
    expect(priced.totals.total).toBe(amount);
  });
  it('gives what is left when fewer than promised', () => {
    const priced = price([line('a', { unitPrice: 1000 })], [gift(3)], { facts: { gwp: { giftAvailable: 2 } } });
    expect(priced.giftLines).toEqual([
      {
        lineId: 'gift:gwp',
        promotionId: 'gwp',
        productId: 'tote',
        variantId: 'tote-red',
        quantity: 2,
        unitPrice: 0,
        lineTotal: 0,
        gift: true,
      },
    ]);
    expect(priced.applied).toEqual([expect.objectContaining({ promotionId: 'gwp', saving: 0 })]);
  });
});

describe('加價購 add-ons', () => {
  const addOn = promo('ao', {
    kind: 'add_on',
    minSubtotal: 1000,
    offers: [{ productId: 'p-mug', variantId: 'mug', price: 99, maxPerOrder: 1 }],
  });
  const mug = (quantity = 1, addOnOf: string | null = 'ao') =>
    line('m', { productId: 'p-mug', variantId: 'mug', unitPrice: 300, quantity, addOnOf });
  it.each<[string, PricingLineInput[], number, string, number, number]>([
    ['eligible', [line('a', { unitPrice: 1000 }), mug()], 201, 'applied', 1, 1099],
    ['over the limit: the rest at the normal price', [line('a', { unitPrice: 1000 }), mug(2)], 201, 'over_limit', 1, 1399],
    ['condition lost: normal price', [line('a', { unitPrice: 900 }), mug()], 0, 'condition_not_met', 0, 1200],
    ['the add-on itself does not count toward the threshold', [line('a', { unitPrice: 800 }), mug(1)], 0, 'condition_not_met', 0, 1100],
    [
      'an offer the promotion does not hold',
      [line('a', { unitPrice: 1000 }), line('m', { variantId: 'other', unitPrice: 300, addOnOf: 'ao' })],
      0,
      'not_offered',
      0,
      1300,
    ],
  ])('%s', (_n, lines, discount, status, units, total) => {
    const priced = price(lines, [addOn]);
    const m = priced.lines.find((l) => l.lineId === 'm');
    expect(m?.lineDiscount).toBe(discount);
    expect(m?.addOn).toEqual({ promotionId: 'ao', status, specialPriceUnits: units });
    expect(priced.totals.total).toBe(total);
  });
  it('lists the offers once the cart reaches the threshold', () => {
    expect(price([line('a', { unitPrice: 1000 })], [addOn]).addOnOffers).toEqual([
      { promotionId: 'ao', name: addOn.name, productId: 'p-mug', variantId: 'mug', specialPrice: 99, maxPerOrder: 1, inCart: 0 },
    ]);
    expect(price([line('a', { unitPrice: 999 })], [addOn]).addOnOffers).toEqual([]);
  });
  it('add-on lines receive no order discount', () => {
    const coupon = promo('c', { kind: 'order_fixed', amountOff: 100, minSubtotal: 0 });
    const priced = priceCart(
      cart({ lines: [line('a', { unitPrice: 1000 }), mug()], automaticPromotions: [addOn], coupon: withCoupon(coupon) }),
    );
    expect(priced.lines.map((l) => l.allocatedOrderDiscount)).toEqual([100, 0]);
  });
});

describe('automatic free shipping', () => {
  const free = promo('fs', { kind: 'free_shipping', minSubtotal: 1500, shippingOptionIds: ['home'] });
  it.each<[string, number, string, number, number]>([
    ['reached, covered option', 1500, 'home', 100, 1500],
    ['reached, other option', 1500, 'cvs', 0, 1560],
    ['not reached', 1499, 'home', 0, 1599],
  ])('%s', (_n, amount, selected, discount, total) => {
    const priced = price([line('a', { unitPrice: amount })], [free], { selectedShippingOptionId: selected });
    expect(priced.totals).toMatchObject({ shippingDiscount: discount, total });
  });
  it('quotes every option', () => {
    expect(price([line('a', { unitPrice: 1500 })], [free]).shipping).toEqual([
      { shippingOptionId: 'home', fee: 100, discount: 100, total: 0, promotionId: 'fs' },
      { shippingOptionId: 'cvs', fee: 60, discount: 0, total: 60, promotionId: null },
    ]);
  });
});
