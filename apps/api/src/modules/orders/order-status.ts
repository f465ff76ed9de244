// The order state machine as data: which status may follow which, who may move it, and the event
// each move appends. Pure; the service applies a rule with one conditional UPDATE.
import type { OrderStatus } from '@shop/contracts/orders';
import {
  OrderCancelled,
  OrderCompleted,
  OrderPaid,
  OrderPaymentFailed,
  OrderPreparationStarted,
  OrderRefunded,
  OrderRefundRejected,
  OrderRefundRequested,
  OrderShipped,
} from './orders.events.js';

export type OrderActorType = 'customer' | 'guest' | 'staff' | 'system';

export interface OrderTransition {
  from: OrderStatus;
  to: OrderStatus;
  /** Who may make it: the buyer (signed in or through a guest link), staff, or the system (expiry, payment callbacks). */
  by: readonly OrderActorType[];
  event:
    | typeof OrderPaid
    | typeof OrderPreparationStarted
    | typeof OrderShipped
    | typeof OrderCompleted
    | typeof OrderPaymentFailed
    | typeof OrderCancelled
    | typeof OrderRefundRequested
    | typeof OrderRefunded
    | typeof OrderRefundRejected;
  /** What else happens in the same transaction: stock and coupon given back, or made final. */
  effect: 'release' | 'settle' | null;
}

const buyer = ['customer', 'guest'] as const;

export const ORDER_TRANSITIONS: readonly OrderTransition[] = [
  { from: 'pending_payment', to: 'paid', by: ['staff', 'system'], event: OrderPaid, effect: 'settle' },
  { from: 'paid', to: 'preparing_shipment', by: ['staff', 'system'], event: OrderPreparationStarted, effect: null },
  { from: 'preparing_shipment', to: 'shipped', by: ['staff', 'system'], event: OrderShipped, effect: null },
  { from: 'shipped', to: 'completed', by: ['staff', 'system'], event: OrderCompleted, effect: null },
  { from: 'pending_payment', to: 'payment_failed', by: ['staff', 'system'], event: OrderPaymentFailed, effect: null },
  { from: 'payment_failed', to: 'cancelled', by: [...buyer, 'staff', 'system'], event: OrderCancelled, effect: 'release' },
  { from: 'pending_payment', to: 'cancelled', by: [...buyer, 'staff', 'system'], event: OrderCancelled, effect: 'release' },
  { from: 'paid', to: 'refund_requested', by: [...buyer, 'staff'], event: OrderRefundRequested, effect: null },
  { from: 'refund_requested', to: 'refunded', by: ['staff', 'system'], event: OrderRefunded, effect: null },
  { from: 'refund_requested', to: 'refund_rejected', by: ['staff'], event: OrderRefundRejected, effect: null },
];

/** The rule for moving `from` → `to`, or undefined when the machine has no such move. */
export function transitionOf(from: OrderStatus, to: OrderStatus): OrderTransition | undefined {
  return ORDER_TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** True when `actor` may make the move (the machine has it and lists the actor). */
export function mayTransition(from: OrderStatus, to: OrderStatus, actor: OrderActorType): boolean {
  return transitionOf(from, to)?.by.includes(actor) ?? false;
}

/** Staff may edit the note, the recipient and the address until the parcel leaves. */
export function editableByStaff(status: OrderStatus): boolean {
  return status === 'pending_payment' || status === 'paid' || status === 'preparing_shipment' || status === 'payment_failed';
}
