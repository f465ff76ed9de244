// The payment and refund state machines as data. Pure; the service applies a move with one
// conditional UPDATE from the statuses the table allows.
import type { PaymentStatus } from '@shop/contracts/orders';
import { RefundStatuses, type RefundStatus } from '@shop/contracts/refunds';

export interface PaymentTransition {
  from: PaymentStatus;
  to: PaymentStatus;
}

/**
 * A payment is an attempt to collect an order's money: `created` (not yet shown to the shopper),
 * `pending` (the shopper is paying, or has a code or instructions), then `succeeded`, `failed` or
 * `cancelled` (the order was cancelled, or a new attempt replaced this one). A provider may still
 * report money for an attempt given up on (a shopper pays an ATM code after starting another
 * attempt, or after the order expired): money received is a fact, so a cancelled or failed attempt
 * may still become `succeeded` (and the money is refunded when the order no longer wants it).
 * Refunds move a succeeded payment to `partially_refunded` and finally `refunded`.
 */
export const PAYMENT_TRANSITIONS: readonly PaymentTransition[] = [
  { from: 'created', to: 'pending' },
  { from: 'pending', to: 'succeeded' },
  { from: 'created', to: 'failed' },
  { from: 'pending', to: 'failed' },
  { from: 'created', to: 'cancelled' },
  { from: 'pending', to: 'cancelled' },
  { from: 'cancelled', to: 'succeeded' },
  { from: 'failed', to: 'succeeded' },
  { from: 'succeeded', to: 'partially_refunded' },
  { from: 'succeeded', to: 'refunded' },
  { from: 'partially_refunded', to: 'refunded' },
];

/** The statuses a payment may move to `to` from. */
export function paymentStatusesBefore(to: PaymentStatus): PaymentStatus[] {
  return PAYMENT_TRANSITIONS.filter((t) => t.to === to).map((t) => t.from);
}

export { RefundStatuses, type RefundStatus };

export interface RefundTransition {
  from: RefundStatus;
  to: RefundStatus;
}

/**
 * A refund is asked (by the shopper, or by staff declining a paid order), approved or rejected by
 * staff, then carried out: `processing` while the provider is asked (or staff transfer the money),
 * `succeeded` or `failed`.
 */
export const REFUND_TRANSITIONS: readonly RefundTransition[] = [
  { from: 'requested', to: 'approved' },
  { from: 'requested', to: 'rejected' },
  { from: 'approved', to: 'processing' },
  { from: 'processing', to: 'succeeded' },
  { from: 'processing', to: 'failed' },
];

export function refundMayMove(from: RefundStatus, to: RefundStatus): boolean {
  return REFUND_TRANSITIONS.some((t) => t.from === from && t.to === to);
}
