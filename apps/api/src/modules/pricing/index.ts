// The pricing module's public surface: the only file other modules may import.
// Private: pricing.rules.ts, pricing.scenario.ts, pricing.explain.ts, pricing.allocate.ts.

/**
 * The pure pricing engine: `priceCart(input)` turns cart lines, the store's stacking policy, the
 * automatic promotions, at most one coupon, the shipping options, the time `now` and the usage
 * facts the caller read from the database into a priced cart. No I/O, no clock, deterministic,
 * integers in minor units throughout; the result does not depend on the order of the lines.
 * Throws `ValidationError` on non-integer or negative amounts, quantities below 1 and duplicate
 * line ids. Callers reserve stock for `giftLines` and record a coupon use only when
 * `coupon.status === 'applied'`.
 */
export { priceCart } from './pricing.engine.js';
export type {
  AddOnLineOutcome,
  AddOnOffer,
  AddOnRule,
  AddOnStatus,
  AppliedPromotion,
  BasisPoints,
  BundlePriceRule,
  CouponOutcome,
  CouponPromotion,
  CouponRefusal,
  FreeShippingRule,
  GiftLine,
  GiftRule,
  LineDiscountPart,
  LinePercentageRule,
  LocalizedName,
  Money,
  NextStep,
  NthUnitRule,
  OrderFixedRule,
  OrderPercentageRule,
  PriceCartInput,
  PricedCart,
  PricedLine,
  PricingLineInput,
  PricingTotals,
  Promotion,
  PromotionCommon,
  PromotionFacts,
  PromotionKind,
  PromotionRule,
  PromotionScope,
  ShippingOption,
  ShippingQuote,
  SpendTiersRule,
  StackingPolicy,
} from './pricing.types.js';
