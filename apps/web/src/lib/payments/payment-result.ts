import type { Order, OrderStatus, PaymentStatus } from '@shop/contracts/orders';
import type { EcpayChoice } from '@shop/contracts/payments';
import type { PublicPaymentSettings } from '@shop/contracts/store';

/** How a shopper may pay online through ECPay, in the order offered on the order page. */
export const onlineChoices = ['credit', 'atm', 'cvs', 'barcode'] as const satisfies readonly EcpayChoice[];
export type OnlineChoice = (typeof onlineChoices)[number];

/** The online choices the shop offers now (its payment settings), in the page's order. */
export function offeredOnlineChoices(settings: Pick<PublicPaymentSettings, 'credit' | 'atm' | 'cvs' | 'barcode'>): OnlineChoice[] {
  const on: Record<OnlineChoice, boolean> = { credit: settings.credit, atm: settings.atm, cvs: settings.cvs, barcode: settings.barcode };
  return onlineChoices.filter((c) => on[c]);
}

export function isOnlineChoice(value: unknown): value is OnlineChoice {
  return typeof value === 'string' && (onlineChoices as readonly string[]).includes(value);
}

/**
 * An unpaid order placed to be paid through ECPay may be paid (again, or another way) online, and
 * one placed with bank transfer online instead (cash on delivery is paid to the carrier).
 */
export function payableOnline(order: Pick<Order, 'status' | 'paymentMethod'>): boolean {
  return order.status === 'pending_payment' && (order.paymentMethod === 'bank_transfer' || order.paymentMethod === 'ecpay');
}

const PAID: readonly OrderStatus[] = ['paid', 'preparing_shipment', 'shipped', 'completed'];

/**
 * What the payment result page says, from the order as read now:
 * `paid`; `failed` (the order's payment failed or it was cancelled); `code` (an ATM account or
 * store code was issued and waits to be paid); else `checking` while the page still polls, and
 * `pending` once it gave up (no result from ECPay yet).
 */
export type PaymentOutcome = 'paid' | 'failed' | 'code' | 'checking' | 'pending';

export function paymentOutcome(order: Pick<Order, 'status' | 'payments'>, gaveUp: boolean): PaymentOutcome {
  const latest = order.payments.at(-1);
  if (PAID.includes(order.status) || latest?.status === 'succeeded') return 'paid';
  if (order.status === 'payment_failed' || order.status === 'cancelled' || latest?.status === 'failed') return 'failed';
  if (order.status === 'pending_payment' && latest?.status === 'pending' && latest.code) return 'code';
  return gaveUp ? 'pending' : 'checking';
}

/** The result page polls every POLL_MS for up to POLL_WINDOW_MS. */
export const POLL_MS = 2000;
export const POLL_WINDOW_MS = 60_000;

/** The badge tone of a payment's status. */
export function paymentTone(status: PaymentStatus): 'ok' | 'warn' | 'danger' | 'neutral' {
  if (status === 'succeeded') return 'ok';
  if (status === 'created' || status === 'pending') return 'warn';
  if (status === 'failed') return 'danger';
  return 'neutral';
}
