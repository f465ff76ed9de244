// The order state machine as data: which status may follow which, who may move it, and the event
// each move appends. Pure; the service applies a rule with one conditional UPDATE.
import type { OrderStatus, PaymentMethod } from '@shop/contracts/orders';
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
  /**
   * What else happens in the same transaction: `release` gives stock and coupon back and cancels the
   * open payments; `settle` makes stock and coupon final and marks the manual payment received;
   * `commit` makes stock and coupon final only (the money comes later); `collect` marks a manual
   * payment still open as received (cash handed to the carrier; nothing to do when paid before).
   */
  effect: 'release' | 'settle' | 'commit' | 'collect' | null;
  /**
   * A move that only its own flow makes, never staff's move by hand (`POST …/transitions`): `refunds`
   * (the refund service moves the order as the refund is asked, decided and carried out, with the
   * money) or `provider` (the payment provider's notice says the money arrived).
   */
  through?: 'refunds' | 'provider';
  /** Only for some orders: paid one of these ways, or shipped (or not); every order when absent. */
  only?: { paymentMethods?: readonly PaymentMethod[]; needsShipping?: boolean };
}

/** What a move may depend on besides the status. */
export interface OrderFacts {
  paymentMethod: PaymentMethod;
  needsShipping: boolean;
}

const buyer = ['customer', 'guest'] as const;

export const ORDER_TRANSITIONS: readonly OrderTransition[] = [
  // Staff mark a bank transfer or cash received by hand; an ECPay order is paid by ECPay's notice.
  {
    from: 'pending_payment',
    to: 'paid',
    by: ['staff', 'system'],
    event: OrderPaid,
    effect: 'settle',
    only: { paymentMethods: ['bank_transfer', 'cash_on_delivery'] },
  },
  {
    from: 'pending_payment',
    to: 'paid',
    by: ['system'],
    event: OrderPaid,
    effect: 'settle',
    through: 'provider',
    only: { paymentMethods: ['ecpay'] },
  },
  {
    from: 'paid',
    to: 'preparing_shipment',
    by: ['staff', 'system'],
    event: OrderPreparationStarted,
    effect: null,
    only: { needsShipping: true },
  },
  // Nothing to ship (virtual goods only): fulfilled on payment, in the same transaction.
  { from: 'paid', to: 'completed', by: ['system'], event: OrderCompleted, effect: null, only: { needsShipping: false } },
  // Cash on delivery: staff accept the order and ship it unpaid; the carrier collects the money.
  {
    from: 'pending_payment',
    to: 'preparing_shipment',
    by: ['staff', 'system'],
    event: OrderPreparationStarted,
    effect: 'commit',
    only: { paymentMethods: ['cash_on_delivery'], needsShipping: true },
  },
  { from: 'preparing_shipment', to: 'shipped', by: ['staff', 'system'], event: OrderShipped, effect: null },
  { from: 'shipped', to: 'completed', by: ['staff', 'system'], event: OrderCompleted, effect: 'collect' },
  { from: 'pending_payment', to: 'payment_failed', by: ['staff', 'system'], event: OrderPaymentFailed, effect: null },
  { from: 'payment_failed', to: 'cancelled', by: [...buyer, 'staff', 'system'], event: OrderCancelled, effect: 'release' },
  { from: 'pending_payment', to: 'cancelled', by: [...buyer, 'staff', 'system'], event: OrderCancelled, effect: 'release' },
  // A whole refund asked before the parcel leaves; a partial refund keeps the order's status.
  { from: 'paid', to: 'refund_requested', by: [...buyer, 'staff'], event: OrderRefundRequested, effect: null, through: 'refunds' },
  {
    from: 'preparing_shipment',
    to: 'refund_requested',
    by: [...buyer, 'staff'],
    event: OrderRefundRequested,
    effect: null,
    through: 'refunds',
  },
  { from: 'refund_requested', to: 'refunded', by: ['staff', 'system'], event: OrderRefunded, effect: null, through: 'refunds' },
  { from: 'refund_requested', to: 'refund_rejected', by: ['staff'], event: OrderRefundRejected, effect: null, through: 'refunds' },
  // The refund was refused: the shop goes on preparing the parcel.
  {
    from: 'refund_rejected',
    to: 'preparing_shipment',
    by: ['staff', 'system'],
    event: OrderPreparationStarted,
    effect: null,
    only: { needsShipping: true },
  },
];

/**
 * The rule for moving `from` → `to` for `order` (a move limited to other orders is not one; without
 * `order`, any move the table has), or undefined when the machine has no such move.
 */
export function transitionOf(from: OrderStatus, to: OrderStatus, order?: OrderFacts): OrderTransition | undefined {
  return ORDER_TRANSITIONS.find((t) => t.from === from && t.to === to && (!order || applies(t, order)));
}

function applies(t: OrderTransition, order: OrderFacts): boolean {
  if (t.only?.paymentMethods && !t.only.paymentMethods.includes(order.paymentMethod)) return false;
  if (t.only?.needsShipping !== undefined && t.only.needsShipping !== order.needsShipping) return false;
  return true;
}

/**
 * The moves staff may make by hand from the order's status (cancelling included): those the machine
 * lists for staff, for this order, that no flow of its own makes (refunds, a provider's notice).
 */
export function staffMovesByHand(order: OrderFacts & { status: OrderStatus }): OrderStatus[] {
  return ORDER_TRANSITIONS.filter((t) => t.from === order.status && t.by.includes('staff') && !t.through && applies(t, order)).map(
    (t) => t.to,
  );
}

/** True when `actor` may make the move (the machine has it and lists the actor). */
export function mayTransition(from: OrderStatus, to: OrderStatus, actor: OrderActorType, order?: OrderFacts): boolean {
  return transitionOf(from, to, order)?.by.includes(actor) ?? false;
}

/** Staff may edit the note, the recipient and the address until the parcel leaves. */
export function editableByStaff(status: OrderStatus): boolean {
  return status === 'pending_payment' || status === 'paid' || status === 'preparing_shipment' || status === 'payment_failed';
}
