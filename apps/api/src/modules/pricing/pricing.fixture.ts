// Builders for the pricing tests: a line, a promotion and a cart with sensible defaults.

import type { CouponPromotion, PriceCartInput, PricingLineInput, PromotionCommon, PromotionRule } from './pricing.types.js';

export const NOW = new Date('2026-06-01T04:00:00Z');

export function line(lineId: string, over: Partial<PricingLineInput> = {}): PricingLineInput {
  return {
    lineId,
    productId: `p-${lineId}`,
    variantId: `v-${lineId}`,
    categoryIds: [],
    brandId: null,
    unitPrice: 100,
    quantity: 1,
    excludedFromOrderDiscounts: false,
    ...over,
  };
}

export function promo<R extends PromotionRule>(id: string, rule: R, over: Partial<PromotionCommon> = {}): PromotionCommon & R {
  return {
    id,
    name: { 'zh-TW': `活動 ${id}`, en: `Promotion ${id}` },
    priority: 0,
    exclusive: false,
    startsAt: null,
    endsAt: null,
    scope: { type: 'all' },
    perCustomerLimit: null,
    ...rule,
    ...over,
  };
}

export function cart(over: Partial<PriceCartInput> = {}): PriceCartInput {
  return {
    now: NOW,
    lines: [],
    policy: 'stack_all',
    automaticPromotions: [],
    coupon: null,
    shippingOptions: [
      { id: 'home', fee: 100 },
      { id: 'cvs', fee: 60 },
    ],
    selectedShippingOptionId: null,
    facts: {},
    ...over,
  };
}

export function withCoupon(promotion: CouponPromotion | null, code = 'SUMMER'): PriceCartInput['coupon'] {
  return { code, promotion };
}
