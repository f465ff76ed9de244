import { describe, expect, it } from 'vitest';
import { priceCart } from './index.js';
import { cart, line, promo, withCoupon } from './pricing.fixture.js';
import type { Promotion, StackingPolicy } from './pricing.types.js';

// Spend tiers 200 off at 2000 (priority 10), a fixed 150 off (priority 5), a 15 % coupon.
const tiers = promo(
  'tiers',
  {
    kind: 'spend_tiers',
    tiers: [
      { minSubtotal: 1000, amountOff: 100 },
      { minSubtotal: 2000, amountOff: 200 },
    ],
  },
  { priority: 10 },
);
const fixed = promo('fixed', { kind: 'order_fixed', amountOff: 150, minSubtotal: 0 }, { priority: 5 });
const coupon = promo('c15', { kind: 'order_percentage', percentOff: 1500, maxDiscount: null, minSubtotal: 0 });
const gift = promo('gwp', { kind: 'gift_with_purchase', minSubtotal: 1000, gift: { productId: 'tote', variantId: 'tote-1', quantity: 1 } });
const lines = [line('a', { unitPrice: 1200 }), line('b', { unitPrice: 800 })];

const price = (policy: StackingPolicy, automaticPromotions: Promotion[], withTheCoupon = true) =>
  priceCart(
    cart({ lines, policy, automaticPromotions, coupon: withTheCoupon ? withCoupon(coupon) : null, facts: { gwp: { giftAvailable: 1 } } }),
  );

describe('stacking policies on the same cart', () => {
  it.each<[StackingPolicy, number, string[], string]>([
    // The coupon alone (300) beats either automatic discount.
    ['best_only', 1700, ['c15'], 'applied'],
    // Tiers (200), then 15 % of the 1800 left (270).
    ['automatic_then_coupon', 1530, ['tiers', 'c15'], 'applied'],
    // Tiers 200, fixed 150, then 15 % of the 1650 left (247, floored).
    ['stack_all', 1403, ['tiers', 'fixed', 'c15'], 'applied'],
  ])('%s', (policy, total, applied, couponStatus) => {
    const priced = price(policy, [tiers, fixed]);
    expect(priced.totals.total).toBe(total);
    expect(priced.applied.map((a) => a.promotionId)).toEqual(applied);
    expect(priced.coupon?.status).toBe(couponStatus);
    expect(priced.lines.reduce((s, l) => s + l.allocatedOrderDiscount, 0)).toBe(priced.totals.orderDiscounts);
  });

  it('best_only keeps the best automatic when it beats the coupon, and says why the coupon is refused', () => {
    const small = promo('c15', { kind: 'order_percentage', percentOff: 500, maxDiscount: null, minSubtotal: 0 });
    const priced = priceCart(cart({ lines, policy: 'best_only', automaticPromotions: [tiers, fixed], coupon: withCoupon(small) }));
    expect(priced.totals.total).toBe(1800);
    expect(priced.applied.map((a) => a.promotionId)).toEqual(['tiers']);
    expect(priced.coupon).toMatchObject({ status: 'refused', reason: 'not_combinable' });
  });

  it('on a tie the shopper keeps the coupon', () => {
    const same = promo('c15', { kind: 'order_fixed', amountOff: 200, minSubtotal: 0 });
    const priced = priceCart(cart({ lines, policy: 'best_only', automaticPromotions: [tiers], coupon: withCoupon(same) }));
    expect(priced.totals.total).toBe(1800);
    expect(priced.coupon).toMatchObject({ status: 'refused', reason: 'not_combinable' });
  });

  it('automatic_then_coupon uses one automatic discount, the best', () => {
    const priced = price('automatic_then_coupon', [tiers, fixed], false);
    expect(priced.applied.map((a) => a.promotionId)).toEqual(['tiers']);
    expect(priced.totals.orderDiscounts).toBe(200);
  });

  it('perks and line-level promotions apply under every policy', () => {
    const sale = promo('sale', { kind: 'line_percentage', percentOff: 1000 }, { scope: { type: 'products', productIds: ['p-b'] } });
    for (const policy of ['best_only', 'automatic_then_coupon', 'stack_all'] as const) {
      const priced = price(policy, [sale, gift]);
      expect(priced.totals.lineDiscounts).toBe(80);
      expect(priced.giftLines).toHaveLength(1);
    }
  });
});

describe('exclusivity and priority', () => {
  const exclusiveSale = (percentOff: number) => promo('x-sale', { kind: 'line_percentage', percentOff }, { exclusive: true, priority: 1 });

  it('an exclusive promotion that saves more applies alone: no coupon, no gift', () => {
    const priced = price('stack_all', [tiers, gift, exclusiveSale(3000)]);
    expect(priced.totals.total).toBe(1400);
    expect(priced.applied.map((a) => a.promotionId)).toEqual(['x-sale']);
    expect(priced.giftLines).toEqual([]);
    expect(priced.coupon).toMatchObject({ status: 'refused', reason: 'not_combinable' });
  });

  it('an exclusive promotion that saves less is set aside', () => {
    const priced = price('stack_all', [tiers, gift, exclusiveSale(1000)]);
    expect(priced.totals.total).toBe(2000 - 200 - 270);
    expect(priced.applied.map((a) => a.promotionId)).toEqual(['tiers', 'c15', 'gwp']);
  });

  it('an exclusive coupon competes with everything else', () => {
    const big = promo('c15', { kind: 'order_fixed', amountOff: 600, minSubtotal: 0 }, { exclusive: true });
    const priced = priceCart(cart({ lines, policy: 'stack_all', automaticPromotions: [tiers, fixed], coupon: withCoupon(big) }));
    expect(priced.totals.total).toBe(1400);
    expect(priced.applied.map((a) => a.source)).toEqual(['coupon']);
  });

  it.each<[string, number, number, string, number]>([
    ['the sale has priority and claims the units', 5, 1, 'sale', 200],
    ['the bundle has priority and claims the units', 1, 5, 'pair', 500],
  ])('%s', (_n, salePriority, pairPriority, winner, saving) => {
    const sale = promo('sale', { kind: 'line_percentage', percentOff: 1000 }, { priority: salePriority });
    const pair = promo('pair', { kind: 'bundle_price', groupSize: 2, groupPrice: 1500 }, { priority: pairPriority });
    const priced = priceCart(cart({ lines, automaticPromotions: [sale, pair] }));
    expect(priced.applied).toEqual([expect.objectContaining({ promotionId: winner, saving })]);
  });

  it('a unit left over by a higher-priority bundle is still on sale', () => {
    const sale = promo('sale', { kind: 'line_percentage', percentOff: 1000 }, { priority: 1 });
    const pair = promo('pair', { kind: 'bundle_price', groupSize: 2, groupPrice: 1500 }, { priority: 5 });
    const priced = priceCart(cart({ lines: [...lines, line('c', { unitPrice: 100 })], automaticPromotions: [sale, pair] }));
    expect(priced.lines.map((l) => l.lineDiscount)).toEqual([300, 200, 10]);
  });

  it('stack_all applies order discounts in priority order, each on what is left', () => {
    const pct = (id: string, priority: number) =>
      promo(id, { kind: 'order_percentage', percentOff: 1000, maxDiscount: null, minSubtotal: 0 }, { priority });
    const f = (priority: number) => promo('f', { kind: 'order_fixed', amountOff: 500, minSubtotal: 0 }, { priority });
    expect(priceCart(cart({ lines, automaticPromotions: [pct('p', 9), f(1)] })).totals.orderDiscounts).toBe(200 + 500);
    expect(priceCart(cart({ lines, automaticPromotions: [pct('p', 1), f(9)] })).totals.orderDiscounts).toBe(500 + 150);
  });
});

describe('best combination for the shopper', () => {
  it('free shipping coupon against an order discount under best_only, by the fee saved', () => {
    const ship = promo('c15', { kind: 'free_shipping', minSubtotal: 0, shippingOptionIds: null });
    const small = promo('small', { kind: 'order_fixed', amountOff: 80, minSubtotal: 0 });
    const run = (selected: string) =>
      priceCart(
        cart({ lines, policy: 'best_only', automaticPromotions: [small], coupon: withCoupon(ship), selectedShippingOptionId: selected }),
      );
    expect(run('home').applied.map((a) => a.promotionId)).toEqual(['c15']);
    expect(run('home').totals.total).toBe(2000);
    expect(run('cvs').applied.map((a) => a.promotionId)).toEqual(['small']);
    expect(run('cvs').totals.total).toBe(2000 - 80 + 60);
  });

  it('a free-shipping coupon on an order already shipped free is not needed', () => {
    const ship = promo('c15', { kind: 'free_shipping', minSubtotal: 0, shippingOptionIds: null });
    const auto = promo('fs', { kind: 'free_shipping', minSubtotal: 1000, shippingOptionIds: null });
    const priced = priceCart(cart({ lines, automaticPromotions: [auto], coupon: withCoupon(ship), selectedShippingOptionId: 'home' }));
    expect(priced.coupon).toMatchObject({ status: 'refused', reason: 'not_applicable' });
    expect(priced.applied.map((a) => a.promotionId)).toEqual(['fs']);
  });
});
