import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Stock of one catalog variant. `variantId` and `productId` are catalog ids, kept without a foreign
 * key (the catalog owns its tables). available = on_hand − reserved, never negative. An `unlimited`
 * variant (data packs, vouchers) is always available: its reservations are recorded but its counters
 * do not move.
 */
export const stockLevels = pgTable(
  'stock_levels',
  {
    variantId: uuid().primaryKey(),
    productId: uuid().notNull(),
    onHand: integer().notNull().default(0),
    reserved: integer().notNull().default(0),
    /** The variant is "low" when available ≤ this. */
    lowStockThreshold: integer().notNull().default(0),
    unlimited: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stock_levels_product_idx').on(t.productId),
    check('stock_levels_reserved_nonneg', sql`${t.reserved} >= 0`),
    check('stock_levels_on_hand_covers_reserved', sql`${t.onHand} >= ${t.reserved}`),
    check('stock_levels_threshold_nonneg', sql`${t.lowStockThreshold} >= 0`),
  ],
);

export const MOVEMENT_KINDS = ['receive', 'adjust', 'import', 'reserve', 'release', 'commit', 'restock'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** The ledger: one row per change of a variant's counters, with the counters after it. */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: uuid().primaryKey().defaultRandom(),
    variantId: uuid().notNull(),
    productId: uuid().notNull(),
    kind: text({ enum: MOVEMENT_KINDS }).notNull(),
    onHandDelta: integer().notNull(),
    reservedDelta: integer().notNull(),
    onHandAfter: integer().notNull(),
    reservedAfter: integer().notNull(),
    actorId: uuid(),
    reason: text(),
    /** What the change belongs to: an order, a return, an import. */
    reference: text(),
    /** The clock at insert, not the transaction's start: writes of a variant are serialised, so this orders its ledger. */
    createdAt: timestamp({ withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [
    index('stock_movements_variant_idx').on(t.variantId, t.createdAt.desc(), t.id.desc()),
    index('stock_movements_reference_idx').on(t.reference),
  ],
);

export const RESERVATION_STATUSES = ['active', 'released', 'committed'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/**
 * Units held for a reference (an order) until it is paid (committed) or given up (released). Each
 * leaves `active` once, by a conditional UPDATE on the status.
 */
export const stockReservations = pgTable(
  'stock_reservations',
  {
    id: uuid().primaryKey().defaultRandom(),
    reference: text().notNull(),
    variantId: uuid().notNull(),
    productId: uuid().notNull(),
    quantity: integer().notNull(),
    /** False when the variant was unlimited at reservation time: closing it moves no counter. */
    counted: boolean().notNull(),
    status: text({ enum: RESERVATION_STATUSES }).notNull().default('active'),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp({ withTimezone: true }),
    releaseReason: text(),
  },
  (t) => [
    check('stock_reservations_quantity_pos', sql`${t.quantity} > 0`),
    index('stock_reservations_reference_idx').on(t.reference),
    uniqueIndex('stock_reservations_active_uq')
      .on(t.reference, t.variantId)
      .where(sql`${t.status} = 'active'`),
    index('stock_reservations_expiry_idx')
      .on(t.expiresAt)
      .where(sql`${t.status} = 'active'`),
  ],
);
