// Promotions, coupon codes and the store's stacking policy: the staff API. Amounts are integer
// minor units (TWD: whole dollars); percentages are integer basis points (1000 = 10 %).
import { z } from 'zod';

export { PricingErrorCodes, type PricingErrorCode } from './errors/pricing.js';

export const StackingPolicy = z.enum(['best_only', 'automatic_then_coupon', 'stack_all']);
export type StackingPolicy = z.infer<typeof StackingPolicy>;

export const PromotionKind = z.enum([
  'order_percentage',
  'order_fixed',
  'free_shipping',
  'spend_tiers',
  'bundle_price',
  'nth_unit_percent',
  'line_percentage',
  'gift_with_purchase',
  'add_on',
]);
export type PromotionKind = z.infer<typeof PromotionKind>;
/** What a coupon code can carry: order-level discounts and free shipping. */
export const COUPON_KINDS: readonly PromotionKind[] = ['order_percentage', 'order_fixed', 'free_shipping'];

export const PromotionStatus = z.enum(['active', 'paused', 'archived']);
export type PromotionStatus = z.infer<typeof PromotionStatus>;
export const PromotionAction = z.enum(['pause', 'resume', 'archive']);
export type PromotionAction = z.infer<typeof PromotionAction>;

/** The highest amount anywhere in a promotion (NT$10,000,000). */
const MAX_AMOUNT = 10_000_000;
/** A positive amount. */
const Amount = z.number().int().min(1).max(MAX_AMOUNT);
/** A threshold: 0 means none. */
const Threshold = z.number().int().min(0).max(MAX_AMOUNT);
/** 1–100 % in basis points. */
const PercentOff = z.number().int().min(1).max(10_000);
const Count = (max: number) => z.number().int().min(1).max(max);

const uniqueBy = <T>(items: readonly T[], key: (t: T) => string) => new Set(items.map(key)).size === items.length;

export const PromotionName = z.object({ 'zh-TW': z.string().trim().min(1).max(100), en: z.string().trim().min(1).max(100).optional() });
export const PromotionDescription = z.object({
  'zh-TW': z.string().trim().min(1).max(2000),
  en: z.string().trim().min(1).max(2000).optional(),
});

const IdList = z
  .array(z.uuid())
  .min(1)
  .max(500)
  .refine((ids) => uniqueBy(ids, (id) => id.toLowerCase()), { error: 'List each id once.', params: { code: 'duplicate' } });

/** Which lines a promotion reaches. */
export const PromotionScope = z.discriminatedUnion('type', [
  z.object({ type: z.literal('all') }),
  z.object({ type: z.literal('categories'), categoryIds: IdList }),
  z.object({ type: z.literal('brands'), brandIds: IdList }),
  z.object({ type: z.literal('products'), productIds: IdList }),
]);
export type PromotionScope = z.infer<typeof PromotionScope>;

const ProductRef = { productId: z.uuid(), variantId: z.uuid() };

/** The kind and its own fields, as the pricing engine reads them. */
export const PromotionRule = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('order_percentage'),
    percentOff: PercentOff,
    maxDiscount: Amount.nullable().default(null),
    minSubtotal: Threshold.default(0),
  }),
  z.object({ kind: z.literal('order_fixed'), amountOff: Amount, minSubtotal: Threshold.default(0) }),
  z.object({
    kind: z.literal('free_shipping'),
    minSubtotal: Threshold.default(0),
    /** The shipping options it covers; null: every option. */
    shippingOptionIds: z
      .array(z.string().trim().min(1).max(100))
      .min(1)
      .max(50)
      .refine((ids) => uniqueBy(ids, (id) => id), { error: 'List each shipping option once.', params: { code: 'duplicate' } })
      .nullable()
      .default(null),
  }),
  z.object({
    kind: z.literal('spend_tiers'),
    tiers: z
      .array(z.object({ minSubtotal: Amount, amountOff: Amount }))
      .min(1)
      .max(10)
      .superRefine((tiers, ctx) => {
        for (let i = 1; i < tiers.length; i++) {
          const [prev, cur] = [tiers[i - 1]!, tiers[i]!];
          if (cur.minSubtotal <= prev.minSubtotal) {
            ctx.addIssue({
              code: 'custom',
              path: [i, 'minSubtotal'],
              message: 'Tiers go up: each minimum above the one before.',
              params: { code: 'tiers_not_ascending' },
            });
          }
          if (cur.amountOff <= prev.amountOff) {
            ctx.addIssue({
              code: 'custom',
              path: [i, 'amountOff'],
              message: 'A higher tier takes off more than the one before.',
              params: { code: 'tiers_not_ascending' },
            });
          }
        }
      }),
  }),
  z.object({ kind: z.literal('bundle_price'), groupSize: z.number().int().min(2).max(100), groupPrice: Amount }),
  z.object({
    kind: z.literal('nth_unit_percent'),
    nth: z.number().int().min(2).max(100),
    /** What the nth unit costs, in basis points of its price: 6000 = 第二件6折, 0 = 買一送一. */
    pricePercent: z.number().int().min(0).max(9_999),
    grouping: z.enum(['same_product', 'any_in_scope']).default('same_product'),
  }),
  z.object({ kind: z.literal('line_percentage'), percentOff: PercentOff }),
  z.object({
    kind: z.literal('gift_with_purchase'),
    minSubtotal: Threshold.default(0),
    gift: z.object({ ...ProductRef, quantity: Count(100).default(1) }),
  }),
  z.object({
    kind: z.literal('add_on'),
    minSubtotal: Threshold.default(0),
    offers: z
      .array(z.object({ ...ProductRef, price: Amount, maxPerOrder: Count(100).default(1) }))
      .min(1)
      .max(50)
      .refine((offers) => uniqueBy(offers, (o) => o.variantId.toLowerCase()), {
        error: 'Offer each variant once.',
        params: { code: 'duplicate' },
      }),
  }),
]);
export type PromotionRule = z.infer<typeof PromotionRule>;
export type PromotionRuleInput = z.input<typeof PromotionRule>;

/** A moment with its offset; years 1970–9999 (PostgreSQL has no year 0, and nothing runs before 1970). */
const When = z.iso.datetime({ offset: true }).refine(
  (s) => {
    const year = new Date(s).getUTCFullYear();
    return year >= 1970 && year <= 9999;
  },
  { error: 'Give a date between 1970 and 9999.', params: { code: 'out_of_range' } },
);
const Priority = z.number().int().min(0).max(1000);
const Limit = z.number().int().min(1).max(MAX_AMOUNT);

/**
 * A new promotion. Checked beyond the fields (400 VALIDATION_FAILED naming the field): `endsAt` after
 * `startsAt`, and a coupon (`isCoupon`) only of the kinds in COUPON_KINDS.
 */
export const PromotionInput = z.object({
  name: PromotionName,
  description: PromotionDescription.nullable().default(null),
  /** A coupon applies only with one of its codes; otherwise the promotion applies by itself. */
  isCoupon: z.boolean().default(false),
  rule: PromotionRule,
  scope: PromotionScope.default({ type: 'all' }),
  /** Higher first: claims units first, stacks first, wins ties. */
  priority: Priority.default(0),
  /** Applies alone: no other promotion, perk or coupon alongside it. */
  exclusive: z.boolean().default(false),
  /** Inclusive; null: from now on. */
  startsAt: When.nullable().default(null),
  /** Exclusive; null: until archived. */
  endsAt: When.nullable().default(null),
  /** Uses in all (null: unlimited). */
  totalLimit: Limit.nullable().default(null),
  /** Uses per customer (null: unlimited). */
  perCustomerLimit: Limit.nullable().default(null),
  status: z.enum(['active', 'paused']).default('active'),
});
export type PromotionInput = z.infer<typeof PromotionInput>;

/**
 * An edit: only the fields sent change (`rule` and `scope` are replaced whole; the kind and
 * `isCoupon` stay what they were). `version` is the one the editor read: a stale one is 409
 * VERSION_CONFLICT with `currentVersion`.
 */
export const PromotionPatch = z.object({
  version: z.number().int().min(1),
  name: PromotionName.optional(),
  description: PromotionDescription.nullable().optional(),
  rule: PromotionRule.optional(),
  scope: PromotionScope.optional(),
  priority: Priority.optional(),
  exclusive: z.boolean().optional(),
  startsAt: When.nullable().optional(),
  endsAt: When.nullable().optional(),
  totalLimit: Limit.nullable().optional(),
  perCustomerLimit: Limit.nullable().optional(),
});
export type PromotionPatch = z.infer<typeof PromotionPatch>;

export const AdminPromotion = z.object({
  id: z.uuid(),
  kind: PromotionKind,
  name: PromotionName,
  description: PromotionDescription.nullable(),
  isCoupon: z.boolean(),
  rule: PromotionRule,
  scope: PromotionScope,
  priority: z.number().int(),
  exclusive: z.boolean(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  status: PromotionStatus,
  totalLimit: z.number().int().nullable(),
  perCustomerLimit: z.number().int().nullable(),
  /** Uses counted so far (released ones given back). */
  uses: z.number().int(),
  /** Money given away so far, in minor units. */
  discountGiven: z.number().int(),
  /** Uses left of `totalLimit`; null: unlimited. */
  remainingUses: z.number().int().nullable(),
  /** Coupon codes of this promotion. */
  codeCount: z.number().int(),
  createdBy: z.uuid().nullable(),
  updatedBy: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type AdminPromotion = z.infer<typeof AdminPromotion>;

export const PromotionListQuery = z.object({
  status: PromotionStatus.optional(),
  kind: PromotionKind.optional(),
  /** Coupons only, or automatic promotions only. */
  type: z.enum(['coupon', 'automatic']).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const PromotionList = z.object({
  items: z.array(AdminPromotion),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** Codes are letters, digits, dash and underscore; stored and matched upper-case. */
export const CouponCodeText = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$/, { error: 'Use 3–32 letters, digits, dashes and underscores.' });

/** Add one named code, or generate `count` single-use codes (readable alphabet: no 0, O, 1 or I). */
export const CouponCodesInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('single'), code: CouponCodeText, singleUse: z.boolean().default(false) }),
  z.object({
    type: z.literal('batch'),
    count: z.number().int().min(1).max(5_000),
    /** Put before every code, e.g. `VIP-`. */
    prefix: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,11}$/, { error: 'Use up to 12 letters, digits, dashes and underscores.' })
      .optional(),
    /** Random characters per code (besides the prefix). */
    length: z.number().int().min(6).max(16).default(8),
  }),
]);
export type CouponCodesInput = z.infer<typeof CouponCodesInput>;

export const AdminCouponCode = z.object({
  id: z.uuid(),
  code: z.string(),
  batchId: z.uuid().nullable(),
  singleUse: z.boolean(),
  uses: z.number().int(),
  createdAt: z.string(),
});
export type AdminCouponCode = z.infer<typeof AdminCouponCode>;
export const CouponCodesCreated = z.object({ batchId: z.uuid().nullable(), items: z.array(AdminCouponCode) });
export const CouponCodeListQuery = z.object({
  batchId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const CouponCodeList = z.object({
  items: z.array(AdminCouponCode),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const CouponCodeCsvQuery = z.object({ batchId: z.uuid().optional() });

export const PricingSettings = z.object({
  stackingPolicy: StackingPolicy,
  updatedAt: z.string().nullable(),
  updatedBy: z.uuid().nullable(),
});
export const PricingSettingsInput = z.object({ stackingPolicy: StackingPolicy });
