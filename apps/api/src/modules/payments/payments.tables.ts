import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { PaymentMethods, PaymentStatuses } from '@shop/contracts/orders';
import { PaymentNotificationKinds, PaymentNotificationOutcomes } from '@shop/contracts/payments-admin';
import { RefundRequesters, RefundRoutes, RefundStatuses } from '@shop/contracts/refunds';

export const PaymentProviders = ['manual', 'ecpay'] as const;

/** What ECPay's cashier was asked to offer (`ChoosePayment`). */
export const EcpayMethods = ['Credit', 'ATM', 'CVS', 'BARCODE', 'ApplePay', 'ALL'] as const;
export type EcpayMethod = (typeof EcpayMethods)[number];

/** The code an offline ECPay payment is made with, as ECPay issued it, and until when it can be paid. */
export type EcpayCodeInfo =
  | { kind: 'atm'; bankCode: string; vAccount: string; expiresAt: string }
  | { kind: 'cvs'; paymentNo: string; expiresAt: string }
  | { kind: 'barcode'; barcodes: [string, string, string]; expiresAt: string };

/**
 * One attempt to collect an order's money. The order is the orders module's row, referenced by id.
 * `method` is how the buyer chose to pay at checkout; an ECPay attempt adds its own columns: the
 * trade number sent to ECPay (fresh per attempt, never reused), ECPay's TradeNo, the method the
 * cashier was asked for, an offline code with its deadline, and when the money arrived.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid().notNull(),
    provider: text({ enum: PaymentProviders }).notNull(),
    method: text({ enum: PaymentMethods }).notNull(),
    amountMinor: integer().notNull(),
    status: text({ enum: PaymentStatuses }).notNull().default('created'),
    merchantTradeNo: text(),
    providerTradeNo: text(),
    ecpayMethod: text({ enum: EcpayMethods }),
    codeInfo: jsonb().$type<EcpayCodeInfo>(),
    paidAt: timestamp({ withTimezone: true }),
    /** Reconciliation's lease: no scheduled query of this attempt before then (null: never queried by the job). */
    reconcileAfter: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('payments_order_idx').on(t.orderId, t.createdAt),
    uniqueIndex('payments_merchant_trade_no_uq').on(t.merchantTradeNo),
    check('payments_amount_ck', sql`${t.amountMinor} >= 0`),
    check('payments_merchant_trade_no_ck', sql`${t.merchantTradeNo} ~ '^[A-Za-z0-9]{1,20}$'`),
    check('payments_ecpay_ck', sql`(${t.provider} = 'ecpay') = (${t.merchantTradeNo} IS NOT NULL AND ${t.ecpayMethod} IS NOT NULL)`),
  ],
);

/** `return` (ReturnURL), `payment_info` (PaymentInfoURL), or `query`: our own QueryTradeInfo and ECPay's answer. */
export const NotificationKinds = PaymentNotificationKinds;
export type NotificationKind = (typeof NotificationKinds)[number];

/**
 * What became of a notification: `applied` (it changed something), `duplicate` (already applied),
 * `stale` (valid, but the attempt has moved past it), `ignored` (valid, nothing to act on: a
 * simulated payment, a code that was not issued, a trade still unpaid), or why it was refused. A
 * query may also be `rejected` (ECPay answered an error instead of the trade) or `unreachable`
 * (no answer: network failure, timeout, an HTTP error status).
 */
export const NotificationOutcomes = PaymentNotificationOutcomes;
export type NotificationOutcome = (typeof NotificationOutcomes)[number];

/**
 * Every notification a provider posted, kept raw before anything else happens (its own statement),
 * then its outcome. `outcome` stays null when processing failed; the raw body is still here.
 */
export const paymentNotifications = pgTable(
  'payment_notifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    provider: text({ enum: PaymentProviders }).notNull(),
    kind: text({ enum: NotificationKinds }).notNull(),
    rawBody: text().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    merchantTradeNo: text(),
    paymentId: uuid(),
    outcome: text({ enum: NotificationOutcomes }),
    detail: text(),
    /** A query: the attempt's status before and after its answer was applied. */
    paymentStatusBefore: text({ enum: PaymentStatuses }),
    paymentStatusAfter: text({ enum: PaymentStatuses }),
  },
  (t) => [
    index('payment_notifications_trade_idx').on(t.merchantTradeNo, t.receivedAt),
    index('payment_notifications_payment_idx').on(t.paymentId),
    index('payment_notifications_kind_received_idx').on(t.kind, t.receivedAt),
  ],
);

// ---------- refunds ----------

/** A Taiwanese bank account for a transfer refund, as the shopper (or staff) gave it. */
export interface StoredBankAccount {
  bankCode: string;
  branchCode?: string | undefined;
  account: string;
  holder: string;
}

/** One call to the provider about a refund and its answer (ECPay DoAction: `N`, `R`, `C`). */
export interface ProviderCall {
  action: string;
  amount: number;
  ok: boolean;
  message: string;
  at: string;
}

/**
 * Money going back for an order's payment (statuses: the machine in payment-status.ts; `card`
 * through the provider, `transfer` by staff): the whole order (every line still refundable and the
 * shipping fee) or some items. `amount_minor` = the lines' amounts + `shipping_minor`. At most one
 * open refund per order (a partial unique index). `order_status_before`: the order's status when
 * the refund was asked (a rejected whole refund puts a preparing order back to preparing).
 */
export const refunds = pgTable(
  'refunds',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid().notNull(),
    paymentId: uuid()
      .notNull()
      .references(() => payments.id),
    status: text({ enum: RefundStatuses }).notNull().default('requested'),
    whole: boolean().notNull(),
    amountMinor: integer().notNull(),
    shippingMinor: integer().notNull().default(0),
    reason: text().notNull(),
    route: text({ enum: RefundRoutes }).notNull(),
    requestedBy: text({ enum: RefundRequesters }).notNull(),
    requestedById: uuid(),
    orderStatusBefore: text().notNull(),
    decisionNote: text(),
    decidedBy: uuid(),
    restock: boolean().notNull().default(false),
    bankAccount: jsonb().$type<StoredBankAccount>(),
    providerCalls: jsonb().$type<ProviderCall[]>().notNull().default([]),
    /** Staff's reference of a transfer they made. */
    reference: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    decidedAt: timestamp({ withTimezone: true }),
    completedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('refunds_status_created_idx').on(t.status, t.createdAt),
    index('refunds_created_idx').on(t.createdAt),
    index('refunds_order_idx').on(t.orderId, t.createdAt),
    uniqueIndex('refunds_one_open_per_order_uq')
      .on(t.orderId)
      .where(sql`${t.status} IN ('requested', 'approved', 'processing')`),
    check('refunds_amount_ck', sql`${t.amountMinor} > 0 AND ${t.shippingMinor} >= 0 AND ${t.shippingMinor} <= ${t.amountMinor}`),
  ],
);

/** The items of a refund: how many units of an order item and the money for them. */
export const refundLines = pgTable(
  'refund_lines',
  {
    refundId: uuid()
      .notNull()
      .references(() => refunds.id, { onDelete: 'cascade' }),
    itemId: uuid().notNull(),
    quantity: integer().notNull(),
    amountMinor: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.refundId, t.itemId] }),
    check('refund_lines_quantity_ck', sql`${t.quantity} > 0 AND ${t.amountMinor} >= 0`),
  ],
);
