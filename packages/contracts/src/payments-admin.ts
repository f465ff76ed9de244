// Staff's views of payments: an order's attempts with every notice ECPay sent about them (and our
// own queries), and the list of payments staff must act on. Its own file: payments.ts is imported by
// orders.ts, so the shapes that use the orders' enums live here.
import { z } from 'zod';
import { Paged } from './common.js';
import { OrderStatus, PaymentCode, PaymentMethod, PaymentStatus } from './orders.js';
import { EcpayChoice } from './payments.js';

/** `return` (ReturnURL), `payment_info` (PaymentInfoURL), `query` (our QueryTradeInfo and ECPay's answer). */
export const PaymentNotificationKinds = ['return', 'payment_info', 'query'] as const;
export const PaymentNotificationKind = z.enum(PaymentNotificationKinds);

/**
 * What became of a notice: `applied`, `duplicate`, `stale`, `ignored`, or why it was refused
 * (`bad_mac`, `malformed`, `wrong_merchant`, `unknown_trade`, `amount_mismatch`; a query also
 * `rejected`, `unreachable`). Null while it was being processed, or when processing failed.
 */
export const PaymentNotificationOutcomes = [
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
export const PaymentNotificationOutcome = z.enum(PaymentNotificationOutcomes);
export type PaymentNotificationOutcome = z.infer<typeof PaymentNotificationOutcome>;

/** One stored notice, raw as received (CheckMacValue included) and as fields. */
export const AdminPaymentNotification = z.object({
  id: z.uuid(),
  kind: PaymentNotificationKind,
  receivedAt: z.iso.datetime(),
  outcome: PaymentNotificationOutcome.nullable(),
  detail: z.string().nullable(),
  /** Staff must look at it (another amount than the attempt's, money for an order that no longer wanted it). */
  flagged: z.boolean(),
  /** The attempt's status before and after the notice was applied (null when it never reached the attempt). */
  paymentStatusBefore: PaymentStatus.nullable(),
  paymentStatusAfter: PaymentStatus.nullable(),
  rawBody: z.string(),
  /** The body's name=value pairs in their order; null when it is not such a text. */
  fields: z.array(z.object({ name: z.string(), value: z.string() })).nullable(),
});
export type AdminPaymentNotification = z.infer<typeof AdminPaymentNotification>;

/** One attempt to collect the order's money, with its notices newest first. */
export const AdminPaymentAttempt = z.object({
  id: z.uuid(),
  provider: z.enum(['manual', 'ecpay']),
  method: PaymentMethod,
  /** What ECPay's cashier was asked for (ECPay attempts only). */
  ecpayMethod: EcpayChoice.nullable(),
  merchantTradeNo: z.string().nullable(),
  /** ECPay's TradeNo, once ECPay reported one. */
  providerTradeNo: z.string().nullable(),
  amount: z.number().int(),
  status: PaymentStatus,
  code: PaymentCode.nullable(),
  paidAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  notifications: z.array(AdminPaymentNotification),
});
export type AdminPaymentAttempt = z.infer<typeof AdminPaymentAttempt>;

/** `GET /api/admin/orders/{id}/payments`: the order's attempts, newest first. */
export const AdminOrderPayments = z.object({
  orderId: z.uuid(),
  orderNumber: z.string(),
  orderStatus: OrderStatus,
  attempts: z.array(AdminPaymentAttempt),
});
export type AdminOrderPayments = z.infer<typeof AdminOrderPayments>;

/** Why a payment is on staff's list: a notice with another amount, or money for an order that no longer wanted it. */
export const FlaggedPaymentReasons = ['amount_mismatch', 'needs_refund'] as const;
export const FlaggedPaymentReason = z.enum(FlaggedPaymentReasons);

export const FlaggedPayment = z.object({
  reason: FlaggedPaymentReason,
  /** When the notice (or query answer) that raised it was received. */
  at: z.iso.datetime(),
  notificationId: z.uuid(),
  paymentId: z.uuid(),
  merchantTradeNo: z.string().nullable(),
  orderId: z.uuid(),
  orderNumber: z.string(),
  orderStatus: OrderStatus.nullable(),
  /** The attempt's amount. */
  amount: z.number().int(),
  /** The amount the notice reported (TradeAmt), when it could be read. */
  reportedAmount: z.number().int().nullable(),
  paymentStatus: PaymentStatus,
  detail: z.string().nullable(),
});
export type FlaggedPayment = z.infer<typeof FlaggedPayment>;

export const FlaggedPaymentQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type FlaggedPaymentQuery = z.infer<typeof FlaggedPaymentQuery>;

/** `GET /api/admin/payments/flagged`: newest first. */
export const FlaggedPaymentList = Paged(FlaggedPayment);
export type FlaggedPaymentList = z.infer<typeof FlaggedPaymentList>;

// ---------- reconciliation ----------

/** `POST /api/admin/orders/{id}/payments/reconcile`: each pending ECPay attempt queried now. */
export const ReconcileResult = z.object({
  orderId: z.uuid(),
  orderStatus: OrderStatus,
  attempts: z.array(
    z.object({
      paymentId: z.uuid(),
      merchantTradeNo: z.string(),
      statusBefore: PaymentStatus,
      statusAfter: PaymentStatus,
      outcome: PaymentNotificationOutcome,
      tradeStatus: z.string().nullable(),
      detail: z.string().nullable(),
    }),
  ),
});
export type ReconcileResult = z.infer<typeof ReconcileResult>;

/** `GET /api/admin/payments/reconciliations?date=`: what the day's queries changed, oldest first. */
export const ReconciliationReport = z.object({
  date: z.string(),
  timeZone: z.literal('Asia/Taipei'),
  items: z.array(
    z.object({
      receivedAt: z.string(),
      paymentId: z.uuid(),
      merchantTradeNo: z.string(),
      orderId: z.uuid(),
      orderNumber: z.string(),
      amount: z.number().int(),
      from: PaymentStatus.nullable(),
      to: PaymentStatus.nullable(),
      detail: z.string().nullable(),
    }),
  ),
});
export type ReconciliationReport = z.infer<typeof ReconciliationReport>;
