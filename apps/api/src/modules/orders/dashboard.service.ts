// The staff dashboard's figures for today: orders and revenue of the store's day, and how many
// orders wait for payment or to be shipped.
import type { AdminOrdersToday } from '@shop/contracts/orders';
import { authorize, type AccessContext } from '../../platform/access.js';
import type { Actor } from '../../platform/auth-types.js';
import type { OrdersDeps } from './orders.service.js';
import * as repo from './orders.repo.js';

/**
 * The store's time zone, where "today" starts and ends. The store settings hold no time zone (the
 * shop sells in Taiwan), so it is fixed here; the staff order list's day filters use the same.
 */
export const STORE_TIME_ZONE = 'Asia/Taipei';

/**
 * Today's figures for staff who may read orders (others: 403; nobody signed in: 401): orders
 * placed today in the store's time zone (every status: the same orders the staff list shows for
 * the day), revenue (their totals, less cancelled, failed and refunded ones), the part of it paid,
 * and the orders now waiting for payment, paid and waiting to be prepared, and being prepared.
 */
export async function ordersToday(
  deps: Pick<OrdersDeps, 'db' | 'clock'>,
  call: { actor: Actor | null; context: AccessContext },
): Promise<AdminOrdersToday> {
  await authorize(deps.db, { actor: call.actor, context: call.context, action: 'read', resource: { type: 'order' } });
  const day = await repo.dayFigures(deps.db, { now: deps.clock.now(), timeZone: STORE_TIME_ZONE });
  const now = await repo.countByStatus(deps.db, ['pending_payment', 'paid', 'preparing_shipment']);
  return {
    day: day.day,
    timeZone: STORE_TIME_ZONE,
    from: day.from.toISOString(),
    to: day.to.toISOString(),
    currency: 'TWD',
    orders: day.orders,
    revenue: day.revenue,
    paid: day.paid,
    awaitingPayment: now.pending_payment ?? 0,
    toShip: now.paid ?? 0,
    preparing: now.preparing_shipment ?? 0,
  };
}
