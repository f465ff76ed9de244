import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { PaymentMethods, PaymentStatuses } from '@shop/contracts/orders';

export const PaymentProviders = ['manual'] as const;

/** One attempt to collect an order's money. The order is the orders module's row, referenced by id. */
export const payments = pgTable(
  'payments',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid().notNull(),
    provider: text({ enum: PaymentProviders }).notNull(),
    method: text({ enum: PaymentMethods }).notNull(),
    amountMinor: integer().notNull(),
    status: text({ enum: PaymentStatuses }).notNull().default('created'),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('payments_order_idx').on(t.orderId, t.createdAt), check('payments_amount_ck', sql`${t.amountMinor} >= 0`)],
);
