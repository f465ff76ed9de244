import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { PromotionKind, PromotionScope, StackingPolicy } from './pricing.types.js';

export const promotionKinds = [
  'order_percentage',
  'order_fixed',
  'free_shipping',
  'spend_tiers',
  'bundle_price',
  'nth_unit_percent',
  'line_percentage',
  'gift_with_purchase',
  'add_on',
] as const satisfies readonly PromotionKind[];
export const promotionStatuses = ['active', 'paused', 'archived'] as const;
export type PromotionStatus = (typeof promotionStatuses)[number];
export const redemptionStatuses = ['active', 'released', 'final'] as const;
export type RedemptionStatus = (typeof redemptionStatuses)[number];
export const stackingPolicies = ['best_only', 'automatic_then_coupon', 'stack_all'] as const satisfies readonly StackingPolicy[];

/** zh-TW required; English falls back to it. */
export type PromotionText = { 'zh-TW': string; en?: string | undefined };

/**
 * A promotion (automatic, or a coupon that applies only with one of its codes). `rule` holds the
 * kind's own fields as the engine reads them (checked by the contract's schema on the way in).
 * `uses` and `discount_given` only ever change through one conditional UPDATE per redemption or
 * release, never through edits, so staff edits do not bump into checkouts (and `version` does not
 * move with them).
 */
export const promotions = pgTable(
  'promotions',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text({ enum: promotionKinds }).notNull(),
    name: jsonb().$type<PromotionText>().notNull(),
    description: jsonb().$type<PromotionText>(),
    rule: jsonb().$type<Record<string, unknown>>().notNull(),
    scope: jsonb().$type<PromotionScope>().notNull().default({ type: 'all' }),
    priority: integer().notNull().default(0),
    exclusive: boolean().notNull().default(false),
    startsAt: timestamp({ withTimezone: true }),
    endsAt: timestamp({ withTimezone: true }),
    status: text({ enum: promotionStatuses }).notNull().default('active'),
    isCoupon: boolean().notNull().default(false),
    totalLimit: integer(),
    perCustomerLimit: integer(),
    uses: integer().notNull().default(0),
    /** Minor units given away by the uses counted. */
    discountGiven: bigint({ mode: 'number' }).notNull().default(0),
    createdBy: uuid(),
    updatedBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index('promotions_status_idx').on(t.status, t.isCoupon, t.createdAt),
    check('promotions_uses_within_limit', sql`${t.uses} >= 0 AND (${t.totalLimit} IS NULL OR ${t.uses} <= ${t.totalLimit})`),
    check('promotions_discount_given_nonnegative', sql`${t.discountGiven} >= 0`),
    check('promotions_dates_ordered', sql`${t.startsAt} IS NULL OR ${t.endsAt} IS NULL OR ${t.endsAt} > ${t.startsAt}`),
    check(
      'promotions_limits_positive',
      sql`(${t.totalLimit} IS NULL OR ${t.totalLimit} > 0) AND (${t.perCustomerLimit} IS NULL OR ${t.perCustomerLimit} > 0)`,
    ),
  ],
);

/**
 * The codes of a coupon promotion, stored upper-case (so unique case-insensitively). A single-use
 * code counts at most one use; a batch shares its `batch_id`.
 */
export const couponCodes = pgTable(
  'coupon_codes',
  {
    id: uuid().primaryKey().defaultRandom(),
    promotionId: uuid()
      .notNull()
      .references(() => promotions.id, { onDelete: 'cascade' }),
    batchId: uuid(),
    code: text().notNull(),
    singleUse: boolean().notNull().default(false),
    uses: integer().notNull().default(0),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('coupon_codes_code_uq').on(t.code),
    index('coupon_codes_promotion_idx').on(t.promotionId, t.createdAt),
    check('coupon_codes_upper', sql`${t.code} = upper(${t.code})`),
    check('coupon_codes_uses', sql`${t.uses} >= 0 AND (NOT ${t.singleUse} OR ${t.uses} <= 1)`),
  ],
);

/**
 * One counted use of a promotion by a reference (an order id): `active` while the order may still
 * fail, `final` once paid, `released` when given back. A reference uses a promotion at most once.
 */
export const promotionRedemptions = pgTable(
  'promotion_redemptions',
  {
    id: uuid().primaryKey().defaultRandom(),
    promotionId: uuid()
      .notNull()
      .references(() => promotions.id, { onDelete: 'restrict' }),
    couponCodeId: uuid().references(() => couponCodes.id, { onDelete: 'restrict' }),
    /** `user:<id>` or `email:<normalised address>`. */
    customerKey: text().notNull(),
    reference: text().notNull(),
    amount: integer().notNull(),
    status: text({ enum: redemptionStatuses }).notNull().default('active'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    releasedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('promotion_redemptions_reference_uq').on(t.promotionId, t.reference),
    index('promotion_redemptions_reference_idx').on(t.reference),
    check('promotion_redemptions_amount_nonnegative', sql`${t.amount} >= 0`),
  ],
);

/** Uses per customer and promotion: the per-customer limit is one conditional upsert on this row. */
export const promotionCustomerUses = pgTable(
  'promotion_customer_uses',
  {
    promotionId: uuid()
      .notNull()
      .references(() => promotions.id, { onDelete: 'cascade' }),
    customerKey: text().notNull(),
    uses: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.promotionId, t.customerKey] }), check('promotion_customer_uses_nonnegative', sql`${t.uses} >= 0`)],
);

/** The store's pricing settings: one row (id 1); absent means the defaults. */
export const pricingSettings = pgTable(
  'pricing_settings',
  {
    id: smallint().primaryKey().default(1),
    stackingPolicy: text({ enum: stackingPolicies }).notNull().default('automatic_then_coupon'),
    updatedBy: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('pricing_settings_single_row', sql`${t.id} = 1`)],
);
