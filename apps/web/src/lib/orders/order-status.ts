// How order statuses look and which moves the pages offer. The API decides every move again; these
// only keep buttons off the page that would be refused.
import type { OrderStatus, PaymentMethod } from '@shop/contracts/orders';
import type { Translate } from '$lib/i18n';

export type BadgeTone = 'warn' | 'ok' | 'plain' | 'danger';

const tones: Record<OrderStatus, BadgeTone> = {
  pending_payment: 'warn',
  paid: 'plain',
  preparing_shipment: 'plain',
  shipped: 'plain',
  completed: 'ok',
  payment_failed: 'danger',
  cancelled: 'plain',
  refund_requested: 'warn',
  refunded: 'plain',
  refund_rejected: 'danger',
};

export function statusTone(status: OrderStatus): BadgeTone {
  return tones[status];
}

/**
 * Staff moves by hand from a status, cancelling left out (it has its own form with a reason). Refund
 * moves are not here: the order follows its refund (the refund panel and queue).
 */
const staffMoves: Partial<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_payment: ['paid', 'payment_failed'],
  paid: ['preparing_shipment'],
  preparing_shipment: ['shipped'],
  shipped: ['completed'],
  refund_rejected: ['preparing_shipment'],
};

/**
 * Cash on delivery ships unpaid: staff accept it into preparation; the money is marked at completion.
 * An ECPay order is paid by ECPay's notice (staff reconcile it from the payments panel), never by hand.
 */
const methodMoves: Partial<Record<PaymentMethod, Partial<Record<OrderStatus, readonly OrderStatus[]>>>> = {
  cash_on_delivery: { pending_payment: ['preparing_shipment'] },
  ecpay: { pending_payment: ['payment_failed'] },
};

export function staffTransitions(status: OrderStatus, method?: PaymentMethod): readonly OrderStatus[] {
  return (method ? methodMoves[method]?.[status] : undefined) ?? staffMoves[status] ?? [];
}

/** Staff cancel (with a reason) before payment, or after it failed. */
export function staffMayCancel(status: OrderStatus): boolean {
  return status === 'pending_payment' || status === 'payment_failed';
}

/** The buyer cancels only an order that is still waiting for payment. */
export function buyerMayCancel(status: OrderStatus): boolean {
  return status === 'pending_payment';
}

/** Recipient, address and note edits are open until the parcel leaves. */
export function staffMayEdit(status: OrderStatus): boolean {
  return status === 'pending_payment' || status === 'paid' || status === 'preparing_shipment' || status === 'payment_failed';
}

/** Whole seconds left until `deadline` (never below 0); null without one. */
export function secondsLeft(deadline: string | null, now: number): number | null {
  if (!deadline) return null;
  const at = Date.parse(deadline);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.floor((at - now) / 1000));
}

/** `mm:ss`, or `h:mm:ss` from an hour up. */
export function formatCountdown(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** The reasons the shop's own moves write (a payment notice, expiry, fulfilment), as the i18n keys that say them. */
const SYSTEM_REASONS = ['ecpay_paid', 'fulfilled_on_payment', 'payment_window_expired', 'refund_rejected'] as const;

/**
 * How a history entry's reason reads: a system move's code in words (`ecpay_failed: <code>` with
 * ECPay's code); a person's reason as written. An unknown system code is shown as it is to staff
 * and left out for shoppers.
 */
export function historyReason(entry: { actorType: string; reason: string | null }, t: Translate, staff: boolean): string | null {
  if (!entry.reason) return null;
  if (entry.actorType !== 'system') return entry.reason;
  const known = SYSTEM_REASONS.find((r) => r === entry.reason);
  if (known) return t(`orders.systemReason.${known}`);
  const failed = /^ecpay_failed: (.+)$/.exec(entry.reason);
  if (failed) return t('orders.systemReason.ecpay_failed', { code: failed[1]! });
  return staff ? entry.reason : null;
}
