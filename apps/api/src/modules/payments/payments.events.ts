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
