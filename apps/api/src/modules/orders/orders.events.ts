// Outbox events of orders: one when an order is placed, one per status it moves to.
import { OrderStatus, PaymentMethod } from '@shop/contracts/orders';
import { z } from 'zod';
import { defineEvent } from '../../platform/events.js';

export const OrderCreated = defineEvent(
  'order.created',
  z.object({
    orderId: z.uuid(),
    orderNumber: z.string(),
    userId: z.uuid().nullable(),
    buyerEmail: z.string(),
    total: z.number().int(),
    paymentMethod: PaymentMethod,
    itemCount: z.number().int(),
    /** The language the shopper placed the order in (events stored before it was recorded: zh-TW). */
    locale: z.enum(['zh-TW', 'en']).default('zh-TW'),
    /**
     * A guest's signed order link token, made where the link key is (the request that placed the
     * order): the order-placed mail carries it. Null for a member's order.
     */
    guestLinkToken: z.string().max(2000).nullable().default(null),
  }),
);

const Moved = z.object({
  orderId: z.uuid(),
  orderNumber: z.string(),
  from: OrderStatus,
  to: OrderStatus,
  actorType: z.enum(['customer', 'guest', 'staff', 'system']),
  actorId: z.uuid().nullable(),
  reason: z.string().nullable(),
});

export const OrderPaid = defineEvent('order.paid', Moved);
export const OrderPreparationStarted = defineEvent('order.preparation_started', Moved);
export const OrderShipped = defineEvent('order.shipped', Moved);
export const OrderCompleted = defineEvent('order.completed', Moved);
export const OrderPaymentFailed = defineEvent('order.payment_failed', Moved);
export const OrderCancelled = defineEvent('order.cancelled', Moved);
export const OrderRefundRequested = defineEvent('order.refund_requested', Moved);
export const OrderRefunded = defineEvent('order.refunded', Moved);
export const OrderRefundRejected = defineEvent('order.refund_rejected', Moved);

export const OrderEvents = {
  created: OrderCreated,
  paid: OrderPaid,
  preparationStarted: OrderPreparationStarted,
  shipped: OrderShipped,
  completed: OrderCompleted,
  paymentFailed: OrderPaymentFailed,
  cancelled: OrderCancelled,
  refundRequested: OrderRefundRequested,
  refunded: OrderRefunded,
  refundRejected: OrderRefundRejected,
} as const;
