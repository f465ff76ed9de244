import { describe, expect, it } from 'vitest';
import { priceCart } from './index.js';
import { cart, line, NOW, promo, withCoupon } from './pricing.fixture.js';
import type { CouponOutcome, CouponPromotion, PricingLineInput, PricingTotals, PromotionFacts } from './pricing.types.js';

const pct = (percentOff: number, maxDiscount: number | null, over = {}) =>
  promo('c-pct', { kind: 'order_percentage', percentOff, maxDiscount, minSubtotal: 0 }, over);
const fixed = (amountOff: number, minSubtotal = 0, over = {}) => promo('c-fixed', { kind: 'order_fixed', amountOff, minSubtotal }, over);
const ship = promo('c-ship', { kind: 'free_shipping', minSubtotal: 0, shippingOptionIds: null });
const hour = 3_600_000;

type Row = [
  string,
  CouponPromotion | null,
  PricingLineInput[],
  { facts?: Record<string, PromotionFacts>; selected?: string },
  Partial<CouponOutcome>,
  Partial<PricingTotals>,
];

describe('coupons', () => {
  it.each<Row>([
    [
      '10 % off under the cap',
      pct(1000, 200),
      [line('a', { unitPrice: 1500 })],
      {},
      { status: 'applied', saving: 150 },
      { orderDiscounts: 150, total: 1350 },
    ],
    [
      '10 % off capped at 200',
      pct(1000, 200),
      [line('a', { unitPrice: 1500, quantity: 2 })],
      {},
      { status: 'applied', saving: 200 },
      { orderDiscounts: 200, total: 2800 },
    ],
    [
      'percentage floors the discount',
      pct(1000, null),
      [line('a', { unitPrice: 999 })],
      {},
      { status: 'applied', saving: 99 },
      { total: 900 },
    ],
    ['fixed amount', fixed(100), [line('a', { unitPrice: 450 })], {}, { status: 'applied', saving: 100 }, { total: 350 }],
    ['fixed amount never below zero', fixed(500), [line('a', { unitPrice: 300 })], {}, { status: 'applied', saving: 300 }, { total: 0 }],
    [
      'free shipping on the chosen option',
      ship,
      [line('a', { unitPrice: 300 })],
      { selected: 'home' },
      { status: 'applied', saving: 100 },
      { shipping: 100, shippingDiscount: 100, total: 300 },
    ],
    [
      'free shipping before an option is chosen',
      ship,
      [line('a', { unitPrice: 300 })],
      {},
      { status: 'applied', saving: 0 },
      { shipping: 0, total: 300 },
    ],
    ['minimum met exactly', fixed(100, 1000), [line('a', { unitPrice: 1000 })], {}, { status: 'applied', saving: 100 }, { total: 900 }],
    [
      'minimum not met',
      fixed(100, 1000),
      [line('a', { unitPrice: 900 })],
      {},
      { status: 'refused', reason: 'minimum_not_met', missingAmount: 100 },
      { total: 900 },
    ],
    [
      'unknown code',
      null,
      [line('a', { unitPrice: 900 })],
      {},
      { status: 'refused', reason: 'unknown', promotionId: null },
      { total: 900 },
    ],
    [
      'not started',
      fixed(100, 0, { startsAt: new Date(NOW.getTime() + hour) }),
      [line('a')],
      {},
      { status: 'refused', reason: 'not_started' },
      { total: 100 },
    ],
    ['starts exactly now', fixed(50, 0, { startsAt: NOW }), [line('a')], {}, { status: 'applied', saving: 50 }, { total: 50 }],
    [
      'expired (the end is exclusive)',
      fixed(100, 0, { endsAt: NOW }),
      [line('a')],
      {},
      { status: 'refused', reason: 'expired' },
      { total: 100 },
    ],
    [
      'used up',
      fixed(50),
      [line('a')],
      { facts: { 'c-fixed': { remainingUses: 0 } } },
      { status: 'refused', reason: 'used_up', limit: 'total' },
      { total: 100 },
    ],
    ['uses left', fixed(50), [line('a')], { facts: { 'c-fixed': { remainingUses: 1 } } }, { status: 'applied', saving: 50 }, { total: 50 }],
    [
      'per-customer limit reached',
      fixed(50, 0, { perCustomerLimit: 1 }),
      [line('a')],
      { facts: { 'c-fixed': { customerUses: 1 } } },
      { status: 'refused', reason: 'used_up', limit: 'per_customer' },
      { total: 100 },
    ],
    [
      'not applicable to these items',
      fixed(50, 0, { scope: { type: 'products', productIds: ['other'] } }),
      [line('a')],
      {},
      { status: 'refused', reason: 'not_applicable' },
      { total: 100 },
    ],
    [
      'only excluded items',
      fixed(50),
      [line('a', { excludedFromOrderDiscounts: true })],
      {},
      { status: 'refused', reason: 'not_applicable' },
      { total: 100 },
    ],
    [
      'free shipping for another option',
      promo('c-ship', { kind: 'free_shipping', minSubtotal: 0, shippingOptionIds: ['cvs'] }),
      [line('a')],
      { selected: 'home' },
      { status: 'refused', reason: 'not_applicable' },
      { shipping: 100, shippingDiscount: 0, total: 200 },
    ],
  ])('%s', (_name, coupon, lines, { facts = {}, selected = null }, outcome, totals) => {
    const priced = priceCart(cart({ lines, coupon: withCoupon(coupon), facts, selectedShippingOptionId: selected ?? null }));
    expect(priced.coupon).toMatchObject(outcome);
    expect(priced.totals).toMatchObject(totals);
  });

  it('a scoped coupon discounts and measures only its scope', () => {
    const coupon = promo(
      'c-shoes',
      { kind: 'order_percentage', percentOff: 1000, maxDiscount: null, minSubtotal: 1000 },
      { scope: { type: 'categories', categoryIds: ['shoes'] } },
    );
    const lines = [
      line('a', { unitPrice: 1200, categoryIds: ['sneakers', 'shoes'] }),
      line('b', { unitPrice: 5000, categoryIds: ['bags'] }),
    ];
    const priced = priceCart(cart({ lines, coupon: withCoupon(coupon) }));
    expect(priced.lines.map((l) => [l.lineId, l.allocatedOrderDiscount])).toEqual([
      ['a', 120],
      ['b', 0],
    ]);
    expect(priced.applied).toEqual([
      { promotionId: 'c-shoes', kind: 'order_percentage', name: coupon.name, source: 'coupon', saving: 120 },
    ]);
  });

  it('spreads an order discount over the lines by amount, remainder by largest fraction', () => {
    const lines = [line('a', { unitPrice: 100 }), line('b', { unitPrice: 100 }), line('c', { unitPrice: 100 })];
    const priced = priceCart(cart({ lines, coupon: withCoupon(fixed(100)) }));
    expect(priced.lines.map((l) => l.allocatedOrderDiscount)).toEqual([34, 33, 33]);
    expect(priced.lines[0]?.discounts).toEqual([{ promotionId: 'c-fixed', level: 'order', amount: 34 }]);
  });

  it('no coupon entered: no coupon outcome', () => {
    expect(priceCart(cart({ lines: [line('a')] })).coupon).toBeNull();
  });
});

describe('input checks', () => {
  it.each<[string, Partial<Parameters<typeof cart>[0]>, string]>([
    ['fractional price', { lines: [line('a', { unitPrice: 99.5 })] }, 'INVALID_AMOUNT'],
    ['negative price', { lines: [line('a', { unitPrice: -1 })] }, 'INVALID_AMOUNT'],
    ['zero quantity', { lines: [line('a', { quantity: 0 })] }, 'INVALID_QUANTITY'],
    ['duplicate line id', { lines: [line('a'), line('a')] }, 'DUPLICATE_LINE'],
    ['percentage above 100 %', { automaticPromotions: [promo('s', { kind: 'line_percentage', percentOff: 10_001 })] }, 'INVALID_PERCENT'],
    ['duplicate promotion id', { automaticPromotions: [fixed(1), fixed(2)] }, 'DUPLICATE_PROMOTION'],
  ])('refuses %s', (_n, over, code) => {
    expect(() => priceCart(cart(over))).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ code })] }),
    );
  });
});
