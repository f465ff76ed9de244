// Outbox events of payments, appended in the transaction that changed the payment (or found
// something staff must look at), so they are delivered if and only if that change committed.
import { z } from 'zod';
import { defineEvent } from '../../platform/events.js';

const Attempt = z.object({
  paymentId: z.uuid(),
  orderId: z.uuid(),
  provider: z.enum(['manual', 'ecpay']),
  merchantTradeNo: z.string().nullable(),
  providerTradeNo: z.string().nullable(),
  amount: z.number().int(),
});

/** The provider reported the money received (its notice verified, the amount the attempt's). */
export const PaymentSucceeded = defineEvent('payment.succeeded', Attempt.extend({ method: z.string(), paidAt: z.iso.datetime() }));

/** The provider reported the attempt failed (the order moved to payment_failed and was cancelled). */
export const PaymentFailed = defineEvent('payment.failed', Attempt.extend({ rtnCode: z.number().int(), rtnMsg: z.string() }));

/**
 * Money arrived for an order that no longer wants it (cancelled, expired, or paid through another
 * attempt): the payment is recorded as succeeded and the money must go back.
 */
export const PaymentNeedsRefund = defineEvent('payment.needs_refund', Attempt.extend({ orderStatus: z.string() }));

/** A verified notice disagrees with the attempt (its amount): nothing was changed; staff look. */
export const PaymentFlagged = defineEvent(
  'payment.flagged',
  Attempt.extend({ reason: z.enum(['amount_mismatch']), reportedAmount: z.number().int(), notificationId: z.uuid() }),
);

export const PaymentEvents = {
  succeeded: PaymentSucceeded,
  failed: PaymentFailed,
  needsRefund: PaymentNeedsRefund,
  flagged: PaymentFlagged,
} as const;

// ---------- refunds ----------

const RefundFacts = z.object({
  refundId: z.uuid(),
  orderId: z.uuid(),
  paymentId: z.uuid(),
  amount: z.number().int(),
  whole: z.boolean(),
  route: z.enum(['card', 'transfer']),
});

/** A refund was asked (by the shopper, or by staff refunding the order themselves). */
export const RefundRequested = defineEvent('refund.requested', RefundFacts.extend({ requestedBy: z.enum(['customer', 'guest', 'staff']) }));
/** Staff approved a refund: the money goes back (the provider is asked now, or staff transfer it). */
export const RefundApproved = defineEvent('refund.approved', RefundFacts.extend({ decidedBy: z.uuid().nullable(), restock: z.boolean() }));
/** Staff rejected a refund request, with their reason. */
export const RefundRejected = defineEvent('refund.rejected', RefundFacts.extend({ decidedBy: z.uuid().nullable(), reason: z.string() }));
/** The money went back (the provider confirmed it, or staff transferred it). */
export const RefundSucceeded = defineEvent('refund.succeeded', RefundFacts.extend({ paymentStatus: z.string() }));
/** The provider refused the refund, or staff could not transfer the money: staff decide what next. */
export const RefundFailed = defineEvent('refund.failed', RefundFacts.extend({ message: z.string() }));

export const RefundEvents = {
  requested: RefundRequested,
  approved: RefundApproved,
  rejected: RefundRejected,
  succeeded: RefundSucceeded,
  failed: RefundFailed,
} as const;
