import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { OrderItemKinds, OrderStatuses, PaymentMethods } from '@shop/contracts/orders';

type Named = { 'zh-TW': string; en: string };

/**
 * An order. Its id is the one checkout pre-issued to the shopper's form; `order_number` is the
 * 19-digit number people read. Users, variants, shipping methods and promotions are other
 * modules' rows, referenced by id only. `version` grows with every change (status or staff edit).
 */
export const orders = pgTable(
  'orders',
  {
    id: uuid().primaryKey(),
    orderNumber: text().notNull().unique('orders_number_uq'),
    /** The signed-in buyer; null for a guest order. */
    userId: uuid(),
    status: text({ enum: OrderStatuses }).notNull().default('pending_payment'),
    version: integer().notNull().default(1),
    paymentMethod: text({ enum: PaymentMethods }).notNull(),
    needsShipping: boolean().notNull(),
    shippingMethodId: uuid(),
    couponCode: text(),
    note: text(),
    marketingOptIn: boolean().notNull().default(false),
    /** The language the shopper placed the order in; its mails are written in it. */
    locale: text({ enum: ['zh-TW', 'en'] })
      .notNull()
      .default('zh-TW'),
    currency: text().notNull().default('TWD'),
    subtotalMinor: integer().notNull(),
    lineDiscountsMinor: integer().notNull(),
    orderDiscountsMinor: integer().notNull(),
    shippingMinor: integer().notNull(),
    shippingDiscountMinor: integer().notNull(),
    totalMinor: integer().notNull(),
    /** While pending_payment: when the order is cancelled and its stock and coupon given back. */
    reservationExpiresAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    check('orders_number_ck', sql`${t.orderNumber} ~ '^[0-9]{19}$'`),
    check('orders_total_ck', sql`${t.totalMinor} >= 0`),
    index('orders_user_idx').on(t.userId, t.createdAt),
    index('orders_created_idx').on(t.createdAt),
    index('orders_status_idx').on(t.status, t.createdAt),
    index('orders_expiry_idx')
      .on(t.reservationExpiresAt)
      .where(sql`${t.status} = 'pending_payment'`),
  ],
);

/** One line of an order, with the product as it was bought (the snapshot and the names shown then). */
export const orderItems = pgTable(
  'order_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    kind: text({ enum: OrderItemKinds }).notNull(),
    variantId: uuid().notNull(),
    productId: uuid().notNull(),
    snapshotId: uuid().notNull(),
    sku: text().notNull(),
    productName: jsonb().$type<Named>().notNull(),
    options: jsonb().$type<Array<{ name: Named; value: Named }>>().notNull(),
    imageUrl: text(),
    quantity: integer().notNull(),
    unitPriceMinor: integer().notNull(),
    lineSubtotalMinor: integer().notNull(),
    lineDiscountMinor: integer().notNull(),
    allocatedOrderDiscountMinor: integer().notNull(),
    lineTotalMinor: integer().notNull(),
    promotionId: uuid(),
  },
  (t) => [index('order_items_order_idx').on(t.orderId, t.position), check('order_items_quantity_ck', sql`${t.quantity} >= 1`)],
);

export const OrderAddressRoles = ['buyer', 'recipient', 'store'] as const;

/**
 * Who buys and where it goes: the buyer (訂購人: name, mobile, e-mail), the recipient (收件人: name,
 * mobile and, for home delivery, the address), or the pickup store the shopper picked.
 */
export const orderAddresses = pgTable(
  'order_addresses',
  {
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    role: text({ enum: OrderAddressRoles }).notNull(),
    name: text().notNull(),
    mobile: text(),
    email: text(),
    zip: text(),
    city: text(),
    district: text(),
    line: text(),
    /** For the store: the chain's store id and its brand (7-ELEVEN, FamilyMart, …). */
    storeId: text(),
    brand: text(),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.role] }),
    index('order_addresses_email_idx').on(sql`lower(${t.email})`),
    index('order_addresses_mobile_idx').on(t.mobile),
  ],
);

export const OrderActorTypes = ['customer', 'guest', 'staff', 'system'] as const;

/** Every status an order took: from, to, who, why, when. */
export const orderStatusHistory = pgTable(
  'order_status_history',
  {
    /** Rising: the order of the moves even when the clock gives two the same time. */
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    fromStatus: text({ enum: OrderStatuses }),
    toStatus: text({ enum: OrderStatuses }).notNull(),
    actorType: text({ enum: OrderActorTypes }).notNull(),
    actorId: uuid(),
    reason: text(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('order_status_history_order_idx').on(t.orderId, t.at)],
);

/**
 * Per-second sequence of order numbers for one process (instance) and one user bucket: the last
 * second a number was made in and its sequence. Moved by one conditional upsert per number.
 */
export const orderNumberCounters = pgTable(
  'order_number_counters',
  {
    instanceId: smallint().notNull(),
    bucket: smallint().notNull(),
    second: bigint({ mode: 'number' }).notNull(),
    seq: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.instanceId, t.bucket] })],
);
