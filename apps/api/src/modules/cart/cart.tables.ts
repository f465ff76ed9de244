import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const cartStatuses = ['active', 'merged', 'converted'] as const;
export type CartStatus = (typeof cartStatuses)[number];

/**
 * A shopper's cart: a signed-in user's (one active cart per user, the same on every device) or a
 * guest's, found by the SHA-256 of the random token in the guest's `cart_token` cookie (the token
 * itself is never stored). Variants, promotions and shipping methods are other modules' rows,
 * referenced by id only.
 */
export const carts = pgTable(
  'carts',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid(),
    /** Hex SHA-256 of the guest token; null for a user's cart. */
    guestTokenHash: text(),
    status: text({ enum: cartStatuses }).notNull().default('active'),
    couponCode: text(),
    shippingMethodId: uuid(),
    /** Bumped by every change, for clients that cache the cart. */
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('carts_active_user_uq')
      .on(t.userId)
      .where(sql`${t.status} = 'active' AND ${t.userId} IS NOT NULL`),
    uniqueIndex('carts_guest_token_uq').on(t.guestTokenHash),
    check('carts_owner_ck', sql`${t.userId} IS NOT NULL OR ${t.guestTokenHash} IS NOT NULL`),
  ],
);

/** One line: a variant, at most once per cart and add-on promotion. */
export const cartItems = pgTable(
  'cart_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    cartId: uuid()
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    variantId: uuid().notNull(),
    productId: uuid().notNull(),
    quantity: integer().notNull(),
    /** The variant's price when the line was added (minor units): the cart shows when it changed. */
    unitPriceWhenAdded: integer().notNull(),
    /** The add-on (加價購) promotion the line was taken through; null for an ordinary line. */
    addOnOf: uuid(),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('cart_items_line_uq').on(t.cartId, t.variantId, t.addOnOf).nullsNotDistinct(),
    index('cart_items_cart_idx').on(t.cartId, t.addedAt),
    check('cart_items_quantity_ck', sql`${t.quantity} BETWEEN 1 AND 99`),
  ],
);
