// The payments module's public surface: the only file other modules may import.
// Private: payments.tables.ts, payments.repo.ts, the services and routes.
import { routes, type ModuleContext, type ModuleParts } from '../../platform/module.js';
import { adminPaymentsRoutes } from './admin-payments.routes.js';
import type { EcpayDeps } from './ecpay.service.js';
import { paymentCodeMailHandler } from './payment-code-mail.js';
import { paymentsRoutes } from './payments.routes.js';
import { reconcileRoutes } from './reconcile.routes.js';
import { reconcilePendingEcpayPayments } from './reconcile.service.js';
import { refundRoutes } from './refunds.routes.js';

/**
 * In the caller's transaction (payments come last in the global lock order, after the order):
 * - `createPayment(tx, { orderId, orderNumber, method, amount, dueAt, now })`: the order's payment
 *   row (provider `manual`, status `pending`) and the shopper's next action (instructions for a
 *   bank transfer or cash on delivery); 422 PAYMENT_METHOD_UNSUPPORTED for another method.
 * - `cancelOpenPayments(tx, { orderId, now })`: created/pending → cancelled (the order was cancelled).
 * - `confirmManualPayment(tx, { orderId, now })`: created/pending → succeeded (staff saw the money).
 * Plain reads: `paymentsOf(db, orderIds)`, `orderIdsByPaymentStatus(db, status)`;
 * `nextActionOf(payment, orderNumber, dueAt)` is pure.
 */
export {
  cancelOpenPayments,
  confirmManualPayment,
  createPayment,
  nextActionOf,
  orderIdsByPaymentStatus,
  paymentsOf,
  type NextAction,
  type Payment,
} from './payments.service.js';

/**
 * ECPay: `startEcpayPayment(deps, { actor, context, orderId, token, method })` (the buyer's new
 * attempt and its signed cashier form) and `receiveEcpayNotification(deps, { kind, rawBody })` (a
 * ReturnURL or PaymentInfoURL notice: stored raw, verified, applied once; answers the reply text).
 * Events: `payment.succeeded`, `payment.failed`, `payment.needs_refund`, `payment.flagged`,
 * `payment.code_issued` (its handler `payments.payment-code-mail` mails the buyer the code).
 */
export { newMerchantTradeNo, receiveEcpayNotification, startEcpayPayment, type EcpayDeps } from './ecpay.service.js';
export { PaymentEvents } from './payments.events.js';

/**
 * Reconciliation with ECPay (QueryTradeInfo, outside any transaction; the answer is stored as a
 * `query` notification and applied like a notice): `reconcileEcpayPayment(deps, paymentId)` for one
 * attempt, `reconcilePendingEcpayPayments(deps, { pendingForMs, max, leaseMs })` for the late ones.
 */
export { reconcileEcpayPayment, reconcilePendingEcpayPayments, type Reconciled } from './reconcile.service.js';

/**
 * Refunds: `refundsOf(db | tx, { orderId, payments })` (the payments `paymentsOf` read) answers the order's refunds (the shopper's view, oldest
 * first) and its figures `{ refunded, pending, refundable }` for order views. A plain read.
 * Events: `refund.requested`, `refund.approved`, `refund.rejected`, `refund.succeeded`, `refund.failed`.
 */
export { refundsOf } from './refunds.service.js';
export { RefundEvents } from './payments.events.js';

/**
 * The module for modules.ts: `POST /api/orders/{id}/payments` (start paying through ECPay) and
 * ECPay's notices at `POST /api/payments/ecpay/notify` (ReturnURL) and
 * `POST /api/payments/ecpay/payment-info` (PaymentInfoURL); staff's
 * `POST /api/admin/orders/{id}/payments/reconcile` and `GET /api/admin/payments/reconciliations`;
 * staff's views `GET /api/admin/orders/{id}/payments` and `GET /api/admin/payments/flagged`;
 * the job `payments.reconcile` (every 5 minutes: attempts pending for 15 minutes and more); refunds:
 * the shopper's `POST /api/orders/{id}/refunds`, staff's `/api/admin/refunds…` (list, detail,
 * approve, reject, complete) and `POST /api/admin/orders/{id}/refunds`.
 */
export function paymentsModule(ctx: ModuleContext): ModuleParts {
  const deps: EcpayDeps = {
    db: ctx.db,
    clock: ctx.clock,
    config: ctx.config,
    orders: { db: ctx.db, clock: ctx.clock, config: ctx.config, linkKey: ctx.linkKey },
  };
  return {
    name: 'payments',
    routes: [
      routes(paymentsRoutes, { deps }),
      routes(reconcileRoutes, { deps }),
      // Staff's payment views: an order's attempts with their notices, the flagged payments.
      routes(adminPaymentsRoutes, { deps }),
      routes(refundRoutes, { deps }),
    ],
    eventHandlers: [
      // The buyer's mail with an issued ATM account / store code (`payment.code_issued`).
      paymentCodeMailHandler(ctx.config),
    ],
    jobs: [
      {
        name: 'payments.reconcile',
        intervalMs: 5 * 60_000,
        run: async () => {
          await reconcilePendingEcpayPayments(deps);
        },
      },
    ],
  };
}
