// The payments module's public surface: the only file other modules may import.
// Private: payments.tables.ts, payments.repo.ts.
import type { ModuleContext, ModuleParts } from '../../platform/module.js';

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

/** The module for modules.ts: no routes yet (orders show their payments). */
export function paymentsModule(ctx: ModuleContext): ModuleParts {
  void ctx;
  return { name: 'payments', routes: [], eventHandlers: [], jobs: [] };
}
