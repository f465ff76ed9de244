import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** A method's fee schedule as stored (validated by `FeeSchedule` of the contracts on write and on read). */
export type StoredFeeSchedule = { type: 'flat'; amount: number } | { type: 'weight'; bands: Array<{ upToGrams: number; fee: number }> };

/**
 * Shipping methods staff configure: home delivery by a carrier or pickup at a convenience-store
 * chain, with the rules that set a parcel's fee and who may use the method. The fee schedule (flat
 * or by weight bands) is jsonb; the scalar rules are columns with checks of their own.
 */
export const shippingMethods = pgTable(
  'shipping_methods',
  {
    id: uuid().primaryKey().defaultRandom(),
    code: text().notNull(),
    kind: text({ enum: ['home_delivery', 'store_pickup'] }).notNull(),
    carrier: text().notNull(),
    name: jsonb().$type<{ 'zh-TW': string; en: string }>().notNull(),
    active: boolean().notNull().default(true),
    sortOrder: integer().notNull().default(0),
    fee: jsonb().$type<StoredFeeSchedule>().notNull(),
    freeShippingThreshold: integer(),
    islandSurcharge: integer().notNull().default(0),
    maxWeightGrams: integer(),
    maxSizeCm: integer(),
    minOrderAmount: integer().notNull().default(0),
    maxOrderAmount: integer(),
    unknownItemWeightGrams: integer().notNull().default(500),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('shipping_methods_code_uq').on(t.code),
    index('shipping_methods_active_idx').on(t.active, t.sortOrder),
    check('shipping_methods_kind_ck', sql`${t.kind} IN ('home_delivery', 'store_pickup')`),
    check(
      'shipping_methods_amounts_ck',
      sql`${t.islandSurcharge} >= 0 AND ${t.minOrderAmount} >= 0 AND (${t.freeShippingThreshold} IS NULL OR ${t.freeShippingThreshold} > 0)
        AND (${t.maxOrderAmount} IS NULL OR ${t.maxOrderAmount} >= ${t.minOrderAmount})`,
    ),
    check(
      'shipping_methods_limits_ck',
      sql`${t.unknownItemWeightGrams} > 0 AND (${t.maxWeightGrams} IS NULL OR ${t.maxWeightGrams} > 0) AND (${t.maxSizeCm} IS NULL OR ${t.maxSizeCm} > 0)`,
    ),
    check('shipping_methods_fee_ck', sql`jsonb_typeof(${t.fee}) = 'object' AND ${t.fee}->>'type' IN ('flat', 'weight')`),
  ],
);
