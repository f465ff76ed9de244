import { describe, expect, it } from 'vitest';
import { priceCart } from './index.js';
import { cart, line, promo, withCoupon } from './pricing.fixture.js';
import type { NextStep, PricingLineInput, Promotion } from './pricing.types.js';

const freeShipping = promo('fs', { kind: 'free_shipping', minSubtotal: 1500, shippingOptionIds: ['home'] });
const tiers = promo('tiers', {
  kind: 'spend_tiers',
  tiers: [
    { minSubtotal: 1000, amountOff: 100 },
    { minSubtotal: 2000, amountOff: 250 },
  ],
});
const bundle = promo(
  'b3',
  { kind: 'bundle_price', groupSize: 3, groupPrice: 999 },
  { scope: { type: 'categories', categoryIds: ['tea'] } },
);
const gift = promo('gwp', { kind: 'gift_with_purchase', minSubtotal: 1000, gift: { productId: 'tote', variantId: 'tote-1', quantity: 1 } });
const pair = promo('n2', { kind: 'nth_unit_percent', nth: 2, pricePercent: 6000, grouping: 'same_product' });
const tea = (id: string, unitPrice: number, quantity = 1) => line(id, { unitPrice, quantity, categoryIds: ['tea'] });

const steps = (lines: PricingLineInput[], promotions: Promotion[], selected: string | null = null) =>
  priceCart(
    cart({ lines, automaticPromotions: promotions, selectedShippingOptionId: selected, facts: { gwp: { giftAvailable: 3 } } }),
  ).nextSteps.map((s: NextStep) => [s.promotionId, s.kind, s.missingAmount, s.missingQuantity]);

describe('nextSteps', () => {
  it.each<[string, PricingLineInput[], Promotion[], string | null, Array<[string, string, number | null, number | null]>]>([
    ['spend NT$120 more for free shipping', [line('a', { unitPrice: 1380 })], [freeShipping], 'home', [['fs', 'free_shipping', 120, null]]],
    ['nothing when the chosen option is not covered', [line('a', { unitPrice: 1380 })], [freeShipping], 'cvs', []],
    ['nothing once reached', [line('a', { unitPrice: 1500 })], [freeShipping], 'home', []],
    ['NT$80 more for the gift', [line('a', { unitPrice: 920 })], [gift], null, [['gwp', 'gift_with_purchase', 80, null]]],
    ['the next tier after the one reached', [line('a', { unitPrice: 1500 })], [tiers], null, [['tiers', 'spend_tiers', 500, null]]],
    ['the first tier', [line('a', { unitPrice: 400 })], [tiers], null, [['tiers', 'spend_tiers', 600, null]]],
    ['add 1 more item for 3 for 999', [tea('a', 500), tea('b', 400)], [bundle], null, [['b3', 'bundle_price', null, 1]]],
    ['add 2 more after a full group', [tea('a', 500, 4)], [bundle], null, [['b3', 'bundle_price', null, 2]]],
    ['full groups need nothing', [tea('a', 500, 3)], [bundle], null, []],
    ['a bundle says nothing to a cart with nothing in its scope', [line('a', { unitPrice: 500 })], [bundle], null, []],
    [
      'a second-unit offer says nothing to a cart with nothing in its scope',
      [line('a', { unitPrice: 500 })],
      [
        promo(
          'n2t',
          { kind: 'nth_unit_percent', nth: 2, pricePercent: 6000, grouping: 'any_in_scope' },
          { scope: { type: 'categories', categoryIds: ['tea'] } },
        ),
      ],
      null,
      [],
    ],
    ['add 1 more of the same for the second at 60 %', [line('a', { unitPrice: 500 })], [pair], null, [['n2', 'nth_unit_percent', null, 1]]],
    [
      'amounts nearest first, then quantities',
      [line('a', { unitPrice: 820 }), tea('t', 100)],
      [tiers, gift, freeShipping, bundle],
      'home',
      [
        ['gwp', 'gift_with_purchase', 80, null],
        ['tiers', 'spend_tiers', 80, null],
        ['fs', 'free_shipping', 580, null],
        ['b3', 'bundle_price', null, 2],
      ],
    ],
  ])('%s', (_n, lines, promotions, selected, expected) => expect(steps(lines, promotions, selected)).toEqual(expected));

  it('measures after line-level discounts', () => {
    const sale = promo('sale', { kind: 'line_percentage', percentOff: 1000 });
    expect(steps([line('a', { unitPrice: 1000 })], [sale, tiers])).toEqual([['tiers', 'spend_tiers', 100, null]]);
  });

  it('a coupon below its minimum says how much is missing', () => {
    const coupon = promo('c', { kind: 'order_fixed', amountOff: 100, minSubtotal: 1000 });
    const priced = priceCart(cart({ lines: [line('a', { unitPrice: 650 })], coupon: withCoupon(coupon) }));
    expect(priced.coupon).toMatchObject({ status: 'refused', reason: 'minimum_not_met', missingAmount: 350 });
    expect(priced.nextSteps).toEqual([
      { promotionId: 'c', kind: 'order_fixed', name: coupon.name, source: 'coupon', missingAmount: 350, missingQuantity: null },
    ]);
  });

  it('an expired coupon is no step away', () => {
    const coupon = promo('c', { kind: 'order_fixed', amountOff: 100, minSubtotal: 1000 }, { endsAt: new Date('2020-01-01T00:00:00Z') });
    expect(priceCart(cart({ lines: [line('a', { unitPrice: 650 })], coupon: withCoupon(coupon) })).nextSteps).toEqual([]);
  });

  it('an add-on promotion not yet reached', () => {
    const addOn = promo('ao', {
      kind: 'add_on',
      minSubtotal: 1000,
      offers: [{ productId: 'p', variantId: 'v', price: 99, maxPerOrder: 1 }],
    });
    expect(steps([line('a', { unitPrice: 700 })], [addOn])).toEqual([['ao', 'add_on', 300, null]]);
  });

  it('promotions not running yet are not suggested', () => {
    const later = promo('tiers', tiers, { startsAt: new Date('2030-01-01T00:00:00Z') });
    expect(steps([line('a', { unitPrice: 400 })], [later])).toEqual([]);
  });
});

describe('nextSteps with an exclusive coupon', () => {
  it('still says how much the coupon is missing', () => {
    const coupon = promo('c', { kind: 'order_fixed', amountOff: 100, minSubtotal: 1000 }, { exclusive: true });
    const priced = priceCart(cart({ lines: [line('a', { unitPrice: 650 })], automaticPromotions: [tiers], coupon: withCoupon(coupon) }));
    expect(priced.nextSteps.map((s) => [s.promotionId, s.missingAmount])).toEqual([
      ['c', 350],
      ['tiers', 350],
    ]);
  });
});
