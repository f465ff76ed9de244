import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { PaymentMethods, PaymentStatuses } from '@shop/contracts/orders';

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
export const NotificationKinds = ['return', 'payment_info', 'query'] as const;
export type NotificationKind = (typeof NotificationKinds)[number];

/**
 * What became of a notification: `applied` (it changed something), `duplicate` (already applied),
 * `stale` (valid, but the attempt has moved past it), `ignored` (valid, nothing to act on: a
 * simulated payment, a code that was not issued, a trade still unpaid), or why it was refused. A
 * query may also be `rejected` (ECPay answered an error instead of the trade) or `unreachable`
 * (no answer: network failure, timeout, an HTTP error status).
 */
export const NotificationOutcomes = [
  'applied',
  'duplicate',
  'stale',
  'ignored',
  'bad_mac',
  'malformed',
  'wrong_merchant',
  'unknown_trade',
  'amount_mismatch',
  'rejected',
  'unreachable',
] as const;
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
