import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceCart } from './index.js';
import { cart, promo } from './pricing.fixture.js';
import type {
  CouponPromotion,
  PriceCartInput,
  PricedCart,
  PricingLineInput,
  Promotion,
  PromotionCommon,
  PromotionRule,
  PromotionScope,
} from './pricing.types.js';

const products = ['p1', 'p2', 'p3', 'p4'];

const lineArb = fc.record({
  productId: fc.constantFrom(...products),
  categoryIds: fc.subarray(['c1', 'c2', 'c3']),
  brandId: fc.constantFrom(null, 'b1', 'b2'),
  unitPrice: fc.integer({ min: 0, max: 5000 }),
  quantity: fc.integer({ min: 1, max: 4 }),
  excludedFromOrderDiscounts: fc.boolean(),
  addOn: fc.boolean(),
});

const linesArb = fc
  .uniqueArray(fc.tuple(fc.integer({ min: 0, max: 99 }), lineArb), { minLength: 0, maxLength: 7, selector: ([id]) => id })
  .map((rows) =>
    rows.map(([id, l]): PricingLineInput => ({
      lineId: `l${id}`,
      productId: l.productId,
      variantId: `v-${l.productId}`,
      categoryIds: l.categoryIds,
      brandId: l.brandId,
      unitPrice: l.unitPrice,
      quantity: l.quantity,
      excludedFromOrderDiscounts: l.excludedFromOrderDiscounts,
      addOnOf: l.addOn ? 'auto-0' : null,
    })),
  );

const scopeArb: fc.Arbitrary<PromotionScope> = fc.oneof(
  fc.constant({ type: 'all' as const }),
  fc.subarray(['c1', 'c2', 'c3'], { minLength: 1 }).map((categoryIds) => ({ type: 'categories' as const, categoryIds })),
  fc.subarray(['b1', 'b2'], { minLength: 1 }).map((brandIds) => ({ type: 'brands' as const, brandIds })),
  fc.subarray(products, { minLength: 1 }).map((productIds) => ({ type: 'products' as const, productIds })),
);

const money = fc.integer({ min: 0, max: 6000 });
const bp = fc.integer({ min: 0, max: 10_000 });

const orderRuleArb: fc.Arbitrary<
  CouponPromotion extends infer P ? (P extends PromotionCommon ? Omit<P, keyof PromotionCommon> : never) : never
> = fc.oneof(
  fc.record({ kind: fc.constant('order_percentage' as const), percentOff: bp, maxDiscount: fc.option(money), minSubtotal: money }),
  fc.record({ kind: fc.constant('order_fixed' as const), amountOff: money, minSubtotal: money }),
  fc.record({
    kind: fc.constant('free_shipping' as const),
    minSubtotal: money,
    shippingOptionIds: fc.option(fc.subarray(['home', 'cvs'])),
  }),
);

const ruleArb: fc.Arbitrary<PromotionRule> = fc.oneof(
  orderRuleArb,
  fc.record({
    kind: fc.constant('spend_tiers' as const),
    tiers: fc.array(fc.record({ minSubtotal: money, amountOff: money }), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('bundle_price' as const), groupSize: fc.integer({ min: 1, max: 4 }), groupPrice: money }),
  fc.record({
    kind: fc.constant('nth_unit_percent' as const),
    nth: fc.integer({ min: 2, max: 3 }),
    pricePercent: bp,
    grouping: fc.constantFrom('same_product' as const, 'any_in_scope' as const),
  }),
  fc.record({ kind: fc.constant('line_percentage' as const), percentOff: bp }),
  fc.record({
    kind: fc.constant('gift_with_purchase' as const),
    minSubtotal: money,
    gift: fc.record({ productId: fc.constant('gift'), variantId: fc.constant('gift-1'), quantity: fc.integer({ min: 1, max: 2 }) }),
  }),
  fc.record({
    kind: fc.constant('add_on' as const),
    minSubtotal: money,
    offers: fc
      .uniqueArray(fc.record({ productId: fc.constantFrom(...products), price: money, maxPerOrder: fc.integer({ min: 0, max: 3 }) }), {
        selector: (o) => o.productId,
        maxLength: 2,
      })
      .map((os) => os.map((o) => ({ ...o, variantId: `v-${o.productId}` }))),
  }),
);

const commonArb = fc.record({
  priority: fc.integer({ min: 0, max: 3 }),
  exclusive: fc.constantFrom(false, false, false, true),
  scope: scopeArb,
});

const inputArb: fc.Arbitrary<PriceCartInput> = fc
  .record({
    lines: linesArb,
    policy: fc.constantFrom('best_only' as const, 'automatic_then_coupon' as const, 'stack_all' as const),
    automatic: fc.array(fc.tuple(ruleArb, commonArb), { maxLength: 5 }),
    coupon: fc.option(fc.tuple(orderRuleArb, commonArb)),
    selected: fc.constantFrom(null, 'home', 'home', 'cvs'),
    giftAvailable: fc.integer({ min: 0, max: 2 }),
  })
  .map(({ lines, policy, automatic, coupon, selected, giftAvailable }) => {
    const automaticPromotions = automatic.map(([rule, common], i) => promo(`auto-${i}`, rule, common) as Promotion);
    const facts = Object.fromEntries(automaticPromotions.map((p) => [p.id, { giftAvailable }]));
    return cart({
      lines,
      policy,
      automaticPromotions,
      coupon: coupon ? { code: 'X', promotion: promo('coupon', coupon[0], coupon[1]) as CouponPromotion } : null,
      selectedShippingOptionId: selected,
      facts,
    });
  });

function allIntegers(value: unknown): boolean {
  if (typeof value === 'number') return Number.isSafeInteger(value);
  if (Array.isArray(value)) return value.every(allIntegers);
  if (value instanceof Date) return true;
  if (value && typeof value === 'object') return Object.values(value).every(allIntegers);
  return true;
}

const byLineId = (p: PricedCart) => ({ ...p, lines: [...p.lines].sort((a, b) => (a.lineId < b.lineId ? -1 : 1)) });
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe('priceCart properties', () => {
  it('sums, signs, integers and independence from line order hold for random carts', () => {
    const seen = { lineLevel: 0, orderLevel: 0, shipping: 0, gifts: 0, coupons: 0, exclusive: 0 };
    fc.assert(
      fc.property(inputArb, fc.integer(), (input, seed) => {
        const priced = priceCart(input);
        const { totals } = priced;
        seen.lineLevel += totals.lineDiscounts > 0 ? 1 : 0;
        seen.orderLevel += totals.orderDiscounts > 0 ? 1 : 0;
        seen.shipping += totals.shippingDiscount > 0 ? 1 : 0;
        seen.gifts += priced.giftLines.length > 0 ? 1 : 0;
        seen.coupons += priced.coupon?.status === 'applied' ? 1 : 0;
        seen.exclusive +=
          priced.applied.length === 1 && input.automaticPromotions.some((p) => p.exclusive && p.id === priced.applied[0]?.promotionId)
            ? 1
            : 0;

        expect(allIntegers(priced)).toBe(true);
        for (const l of priced.lines) {
          expect(l.lineDiscount).toBeGreaterThanOrEqual(0);
          expect(l.allocatedOrderDiscount).toBeGreaterThanOrEqual(0);
          expect(l.lineTotal).toBeGreaterThanOrEqual(0);
          expect(l.lineTotal).toBe(l.lineSubtotal - l.lineDiscount - l.allocatedOrderDiscount);
          expect(sum(l.discounts.map((d) => d.amount))).toBe(l.lineDiscount + l.allocatedOrderDiscount);
        }
        expect(sum(priced.lines.map((l) => l.allocatedOrderDiscount))).toBe(totals.orderDiscounts);
        expect(sum(priced.lines.map((l) => l.lineDiscount))).toBe(totals.lineDiscounts);
        // Each promotion's saving is exactly what its parts on the lines (or the shipping fee) add up to.
        for (const a of priced.applied) {
          const parts = sum(priced.lines.flatMap((l) => l.discounts.filter((d) => d.promotionId === a.promotionId).map((d) => d.amount)));
          const shipping =
            priced.shipping.find((q) => q.shippingOptionId === input.selectedShippingOptionId)?.promotionId === a.promotionId
              ? totals.shippingDiscount
              : 0;
          expect(parts + shipping).toBe(a.saving);
        }
        expect(sum(priced.applied.map((a) => a.saving))).toBe(totals.lineDiscounts + totals.orderDiscounts + totals.shippingDiscount);
        expect(totals.total).toBeGreaterThanOrEqual(0);
        expect(totals.total).toBe(
          totals.subtotal - totals.lineDiscounts - totals.orderDiscounts + totals.shipping - totals.shippingDiscount,
        );
        expect(totals.total).toBeLessThanOrEqual(totals.subtotal + totals.shipping);

        const shuffled = fc.sample(fc.shuffledSubarray([...input.lines], { minLength: input.lines.length }), { seed, numRuns: 1 })[0] ?? [];
        expect(byLineId(priceCart({ ...input, lines: shuffled }))).toEqual(byLineId(priced));
      }),
      { numRuns: 500 },
    );
    // The generators reach every part of the engine, not only empty results.
    for (const count of Object.values(seen)) expect(count, JSON.stringify(seen)).toBeGreaterThan(0);
  }, 60_000);
});
