// Input and output shapes of the pure pricing engine. Every amount is an integer in minor units
// (TWD: whole dollars); every percentage is integer basis points (10000 = 100 %).

/** Integer amount in minor units. */
export type Money = number;
/** Integer basis points: 10000 = 100 %, 1000 = 10 %. */
export type BasisPoints = number;

export interface LocalizedName {
  'zh-TW': string;
  en: string;
}

/** One cart line as the cart module knows it. `lineId` is unique within the cart. */
export interface PricingLineInput {
  lineId: string;
  productId: string;
  variantId: string;
  /** The product's category and all its ancestors. */
  categoryIds: readonly string[];
  brandId: string | null;
  unitPrice: Money;
  quantity: number;
  /** Never receives order-level discounts and never counts toward any threshold. */
  excludedFromOrderDiscounts: boolean;
  /** Set when the shopper added this line through an add-on purchase (加價購) offer. */
  addOnOf?: string | null;
}

export type StackingPolicy = 'best_only' | 'automatic_then_coupon' | 'stack_all';

export type PromotionScope =
  | { type: 'all' }
  | { type: 'categories'; categoryIds: readonly string[] }
  | { type: 'brands'; brandIds: readonly string[] }
  | { type: 'products'; productIds: readonly string[] };

export interface PromotionCommon {
  id: string;
  name: LocalizedName;
  /** Higher first: claims units first among line-level promotions, stacks first, wins ties. */
  priority: number;
  /** An exclusive promotion applies alone: no other promotion, perk or coupon alongside it. */
  exclusive: boolean;
  /** Inclusive. */
  startsAt: Date | null;
  /** Exclusive: at `endsAt` the promotion has ended. */
  endsAt: Date | null;
  scope: PromotionScope;
  /** Uses per customer; the caller supplies this customer's uses in `PromotionFacts`. */
  perCustomerLimit: number | null;
}

/** Percentage off the scoped lines' amount, with an optional cap (e.g. 10 % off, at most NT$200). Order-level. */
export interface OrderPercentageRule {
  kind: 'order_percentage';
  percentOff: BasisPoints;
  maxDiscount: Money | null;
  minSubtotal: Money;
}

/** A fixed amount off the scoped lines. Order-level. */
export interface OrderFixedRule {
  kind: 'order_fixed';
  amountOff: Money;
  minSubtotal: Money;
}

/** The whole base fee of the listed shipping options (null: every option) is waived. */
export interface FreeShippingRule {
  kind: 'free_shipping';
  minSubtotal: Money;
  shippingOptionIds: readonly string[] | null;
}

/** 滿額折: the highest tier reached applies. Order-level. */
export interface SpendTiersRule {
  kind: 'spend_tiers';
  tiers: readonly { minSubtotal: Money; amountOff: Money }[];
}

/** 任選 N 件 X 元: any `groupSize` scoped units for `groupPrice`, as many full groups as fit. Line-level. */
export interface BundlePriceRule {
  kind: 'bundle_price';
  groupSize: number;
  groupPrice: Money;
}

/**
 * 第N件M折: in every group of `nth` units the cheapest one costs `pricePercent` of its price
 * (第二件6折 = nth 2, pricePercent 6000). `same_product` groups units of one product only. Line-level.
 */
export interface NthUnitRule {
  kind: 'nth_unit_percent';
  nth: number;
  pricePercent: BasisPoints;
  grouping: 'same_product' | 'any_in_scope';
}

/** Percentage off every scoped unit (a category or brand sale). Line-level. */
export interface LinePercentageRule {
  kind: 'line_percentage';
  percentOff: BasisPoints;
}

/** 滿額贈: at the threshold a gift variant is added at price 0 (stock permitting, see `PromotionFacts.giftAvailable`). */
export interface GiftRule {
  kind: 'gift_with_purchase';
  minSubtotal: Money;
  gift: { productId: string; variantId: string; quantity: number };
}

/** 加價購: once the cart reaches `minSubtotal`, these variants may be added at `price`, at most `maxPerOrder` units each. */
export interface AddOnRule {
  kind: 'add_on';
  minSubtotal: Money;
  offers: readonly { productId: string; variantId: string; price: Money; maxPerOrder: number }[];
}

export type PromotionRule =
  | OrderPercentageRule
  | OrderFixedRule
  | FreeShippingRule
  | SpendTiersRule
  | BundlePriceRule
  | NthUnitRule
  | LinePercentageRule
  | GiftRule
  | AddOnRule;

export type PromotionKind = PromotionRule['kind'];
export type Promotion = PromotionCommon & PromotionRule;
/** What a coupon code can carry. */
export type CouponPromotion = PromotionCommon & (OrderPercentageRule | OrderFixedRule | FreeShippingRule);

/** Facts only the database knows, supplied by the caller per promotion id. */
export interface PromotionFacts {
  /** Uses left of the promotion's total limit; null or absent: unlimited. */
  remainingUses?: number | null;
  /** How often this customer has used it; absent: 0. */
  customerUses?: number;
  /** Gift units the caller can still reserve; absent: 0 (no gift is promised without stock). */
  giftAvailable?: number;
}

export interface ShippingOption {
  id: string;
  fee: Money;
}

export interface PriceCartInput {
  now: Date;
  lines: readonly PricingLineInput[];
  policy: StackingPolicy;
  /** Active automatic promotions; the engine still checks their dates and limits against `now` and `facts`. */
  automaticPromotions: readonly Promotion[];
  /** The code the shopper entered and what it resolved to (null: no such code). */
  coupon: { code: string; promotion: CouponPromotion | null } | null;
  shippingOptions: readonly ShippingOption[];
  selectedShippingOptionId: string | null;
  facts: Readonly<Record<string, PromotionFacts>>;
}

export interface LineDiscountPart {
  promotionId: string;
  level: 'line' | 'order';
  amount: Money;
}

export type AddOnStatus = 'applied' | 'over_limit' | 'condition_not_met' | 'not_offered';

export interface AddOnLineOutcome {
  promotionId: string;
  /** `over_limit`: only `specialPriceUnits` units get the special price, the rest cost the normal price. */
  status: AddOnStatus;
  specialPriceUnits: number;
}

export interface PricedLine {
  lineId: string;
  productId: string;
  variantId: string;
  unitPrice: Money;
  quantity: number;
  lineSubtotal: Money;
  /** Line-level promotions (sale, bundle, Nth unit, add-on price). */
  lineDiscount: Money;
  /** This line's share of the order-level discounts. */
  allocatedOrderDiscount: Money;
  lineTotal: Money;
  /** Every discount on this line by promotion, sorted by level then promotion id; sums to lineDiscount + allocatedOrderDiscount. */
  discounts: LineDiscountPart[];
  addOn: AddOnLineOutcome | null;
}

export interface GiftLine {
  lineId: string;
  promotionId: string;
  productId: string;
  variantId: string;
  quantity: number;
  unitPrice: 0;
  lineTotal: 0;
  gift: true;
}

export interface PricingTotals {
  subtotal: Money;
  lineDiscounts: Money;
  orderDiscounts: Money;
  shipping: Money;
  shippingDiscount: Money;
  total: Money;
}

export interface AppliedPromotion {
  promotionId: string;
  kind: PromotionKind;
  name: LocalizedName;
  source: 'automatic' | 'coupon';
  /** Money saved; 0 for a gift. */
  saving: Money;
}

export type CouponRefusal = 'unknown' | 'not_started' | 'expired' | 'minimum_not_met' | 'used_up' | 'not_applicable' | 'not_combinable';

export type CouponOutcome =
  | { code: string; status: 'applied'; promotionId: string; saving: Money }
  | {
      code: string;
      status: 'refused';
      reason: CouponRefusal;
      promotionId: string | null;
      /** With `minimum_not_met`: how much more to spend. */
      missingAmount: Money | null;
      /** With `used_up`: which limit. */
      limit: 'total' | 'per_customer' | null;
    };

export interface NextStep {
  promotionId: string;
  kind: PromotionKind;
  name: LocalizedName;
  source: 'automatic' | 'coupon';
  /** Spend this much more on the promotion's scope (after line-level discounts). */
  missingAmount: Money | null;
  /** Add this many more units from the promotion's scope. */
  missingQuantity: number | null;
}

export interface AddOnOffer {
  promotionId: string;
  name: LocalizedName;
  productId: string;
  variantId: string;
  specialPrice: Money;
  maxPerOrder: number;
  /** Units of this offer the cart already holds. */
  inCart: number;
}

export interface ShippingQuote {
  shippingOptionId: string;
  fee: Money;
  discount: Money;
  total: Money;
  promotionId: string | null;
}

export interface PricedCart {
  /** In input order. */
  lines: PricedLine[];
  giftLines: GiftLine[];
  totals: PricingTotals;
  applied: AppliedPromotion[];
  coupon: CouponOutcome | null;
  /** Promotions not yet reached, nearest first. */
  nextSteps: NextStep[];
  addOnOffers: AddOnOffer[];
  /** Every shipping option priced under the chosen promotions. */
  shipping: ShippingQuote[];
}
