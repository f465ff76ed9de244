// The orders module's public surface: the only file other modules (and modules.ts) may import.
// Private: orders.tables.ts, orders.repo.ts, order-links.ts, the routes.
import { routes, type ModuleContext, type ModuleParts } from '../../platform/module.js';
import { memoryCounter, redisCounter } from '../../platform/counters.js';
import type { IdentityDeps } from '../identity/index.js';
import { guestAccountRoutes } from './guest-account.routes.js';
import { orderPlacedMailHandler } from './order-placed-mail.js';
import { ordersAdminRoutes } from './orders.admin.routes.js';
import { ordersRoutes } from './orders.routes.js';
import { cancelExpiredOrders, type OrdersDeps } from './orders.service.js';

/**
 * For checkout:
 * - `allocateOrderNumber(deps, userId | null)`: the next 19-digit number, in a statement of its
 *   own before checkout's transaction (503 ORDER_NUMBER_UNAVAILABLE when the clock went back or the
 *   second's numbers are used up).
 * - `placeOrder(tx, order)`: in checkout's transaction, after the stock and promotion usage: the
 *   order, its items with snapshot ids, addresses or store, the first history row, `order.created`.
 * - `orderView(db | tx, row)`, `paymentNextAction(order)`, `orderToken(deps, orderId)` (a guest's
 *   signed link).
 * - `applyTransition(tx, { order, to, actor, reason, now })`: one move of the state machine with
 *   its effects, history row and event (for the payments module's callbacks).
 * For payments:
 * - `buyerOrder(deps, { actor, context, orderId, token })`: the order row the caller may pay (the
 *   signed-in owner's, a guest's through its link token; another's or none: 404 ORDER_NOT_FOUND).
 * - `orderItemNames(db | tx, orderId)`: the items' zh-TW names with quantities.
 * - `lockOrder(tx, orderId)`: the row `FOR UPDATE` (before the order's payments).
 * - `lockOrderEffects(tx, orderId)`: the stock and promotion-use locks a release of the order would
 *   take, taken ahead (before moving it to payment_failed and then cancelling it in one transaction).
 * - `extendPaymentDeadline(tx, { orderId, until, now })`: an unpaid order (and its stock
 *   reservations) waits until `until` where its deadline is earlier; only while pending_payment.
 */
export {
  allocateOrderNumber,
  applyTransition,
  buyerOrder,
  extendPaymentDeadline,
  lockOrder,
  lockOrderEffects,
  orderItemNames,
  type ShopperCall,
  orderToken,
  orderView,
  paymentNextAction,
  placeOrder,
  type NewOrder,
  type NewOrderItem,
  type OrdersDeps,
} from './orders.service.js';
export { findOrder as findOrderRow, orderNumbersOf, type OrderRow } from './orders.repo.js';

/**
 * For refunds (payments module): `orderItemRows(db | tx, orderId)` (the order's lines: kind, variant,
 * quantity, line total after discounts) and `buyerNamesOf(db, orderIds)` (a Map id → the buyer's name).
 */
export { buyerNamesOf, itemsOf as orderItemRows, type OrderItemRow } from './orders.repo.js';
export { OrderEvents } from './orders.events.js';
export { ORDER_TRANSITIONS, transitionOf, type OrderActorType } from './order-status.js';
export { cancelExpiredOrders };

/**
 * The outbox handler of `order.created` (ledger name `orders.order-placed-mail`): queues one
 * `order_placed` mail to the buyer in the order's language, with a link on `config.http.publicUrl`
 * (a guest's carries the signed token from the event). Once per event, also when redelivered.
 */
export { orderPlacedMailHandler };

/**
 * The module for modules.ts: `/api/orders…` (own orders, a guest's through a signed link, lookup by
 * number + e-mail + mobile, a guest's account from their order), `/api/admin/orders…` (with today's
 * figures for the dashboard), and the job that cancels unpaid orders past
 * their deadline every minute, and the order-placed mail.
 */
export function ordersModule(ctx: ModuleContext): ModuleParts {
  const deps: OrdersDeps = { db: ctx.db, clock: ctx.clock, config: ctx.config, linkKey: ctx.linkKey };
  const counter = ctx.redis ? redisCounter(ctx.redis) : memoryCounter();
  return {
    name: 'orders',
    routes: [
      routes(ordersRoutes, { deps, lookupPerMinute: ctx.config.rateLimit.authPerMinute, counter }),
      routes(ordersAdminRoutes, { deps }),
      async (app) => {
        // Built when routes are registered: only a process serving HTTP holds the token signer.
        if (!ctx.tokens) throw new Error('the guest account route needs ctx.tokens (the access-token signer)');
        const identity: IdentityDeps = {
          db: ctx.db,
          clock: ctx.clock,
          tokens: ctx.tokens,
          revocations: ctx.revocations,
          config: ctx.config,
        };
        await app.register(guestAccountRoutes, { deps, identity, perMinute: ctx.config.rateLimit.authPerMinute });
      },
    ],
    eventHandlers: [orderPlacedMailHandler(ctx.config)],
    jobs: [
      {
        name: 'orders.cancel-expired',
        intervalMs: 60_000,
        run: async (db) => {
          await cancelExpiredOrders({ db, clock: ctx.clock });
        },
      },
    ],
  };
}
