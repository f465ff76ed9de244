// Payments: a row per attempt to collect an order's money and the next thing the shopper does.
// The manual provider (bank transfer, cash on delivery: the shop confirms by hand) lives here;
// ECPay attempts in ecpay.service.ts.
import type { PaymentCode, PaymentMethod, PaymentStatus } from '@shop/contracts/orders';
import type { CheckoutEcpayChoice, EcpayChoice, InstallmentCount } from '@shop/contracts/payments';
import type { DbOrTx, Tx } from '../../db/client.js';
import { AppError } from '../../platform/errors.js';
import { newMerchantTradeNo } from './ecpay.service.js';
import { paymentStatusesBefore } from './payment-status.js';
import * as repo from './payments.repo.js';
import type { EcpayCodeInfo, EcpayMethod } from './payments.tables.js';

export interface Payment {
  id: string;
  orderId: string;
  provider: 'manual' | 'ecpay';
  method: PaymentMethod;
  amount: number;
  status: PaymentStatus;
  createdAt: Date;
  /** What ECPay's cashier was asked for; null for a manual payment. */
  ecpayMethod: EcpayChoice | null;
  /** The offline code ECPay issued (ATM account, store payment number, barcodes) and its deadline. */
  code: PaymentCode | null;
  /** When the provider reported the money arrived. */
  paidAt: Date | null;
}

/** What the shopper does next to pay: follow the instructions, or go on to ECPay's cashier. */
export type NextAction =
  | {
      type: 'manual_instructions';
      method: 'bank_transfer' | 'cash_on_delivery';
      instructions: { 'zh-TW': string; en: string };
      amount: number;
      dueAt: Date | null;
    }
  | {
      type: 'ecpay_cashier';
      method: 'ecpay';
      ecpay: { method: EcpayChoice; installments: InstallmentCount | null };
      amount: number;
      dueAt: Date | null;
    };

const toPayment = (r: repo.PaymentRow): Payment => ({
  id: r.id,
  orderId: r.orderId,
  provider: r.provider,
  method: r.method,
  amount: r.amountMinor,
  status: r.status,
  createdAt: r.createdAt,
  ecpayMethod: r.ecpayMethod ? CHOICE_OF[r.ecpayMethod] : null,
  code: r.codeInfo ? codeOf(r.codeInfo) : null,
  paidAt: r.paidAt,
});

const CHOICE_OF: Record<EcpayMethod, EcpayChoice> = {
  Credit: 'credit',
  ATM: 'atm',
  CVS: 'cvs',
  BARCODE: 'barcode',
  ApplePay: 'apple_pay',
  ALL: 'all',
};

/** The stored code as shoppers and staff read it (the ATM's virtual account is the account to pay into). */
function codeOf(c: EcpayCodeInfo): PaymentCode {
  if (c.kind === 'atm') return { kind: 'atm', bankCode: c.bankCode, account: c.vAccount, expiresAt: c.expiresAt };
  if (c.kind === 'cvs') return { kind: 'cvs', paymentNo: c.paymentNo, expiresAt: c.expiresAt };
  return { kind: 'barcode', barcodes: c.barcodes, expiresAt: c.expiresAt };
}

const money = (n: number) => `NT$${n.toLocaleString('en-US')}`;

function manualAction(method: 'bank_transfer' | 'cash_on_delivery', amount: number, orderNumber: string, dueAt: Date | null): NextAction {
  const instructions =
    method === 'bank_transfer'
      ? {
          'zh-TW': `請於期限內匯款 ${money(amount)}，並於備註填寫訂單編號 ${orderNumber}；確認入帳後我們會通知您。`,
          en: `Please transfer ${money(amount)} before the deadline with order number ${orderNumber} in the reference; we will let you know once it arrives.`,
        }
      : {
          'zh-TW': `貨到時請付款 ${money(amount)}（訂單編號 ${orderNumber}）。`,
          en: `Pay ${money(amount)} on delivery (order number ${orderNumber}).`,
        };
  return { type: 'manual_instructions', method, instructions, amount, dueAt: method === 'bank_transfer' ? dueAt : null };
}

const ECPAY_METHOD_OF: Record<CheckoutEcpayChoice['method'], EcpayMethod> = {
  credit: 'Credit',
  apple_pay: 'ApplePay',
  atm: 'ATM',
  cvs: 'CVS',
  barcode: 'BARCODE',
};

/**
 * Creates the order's payment in the caller's transaction (after the order row: the last lock of
 * the global order) and answers it with the shopper's next action. Manual payments start `pending`:
 * nothing more happens until staff confirm the money arrived. An ECPay order gets a `created`
 * attempt for the chosen method (its MerchantTradeNo fresh and not yet sent): starting the payment
 * (`startEcpayPayment`) turns it pending when the cashier's form is made.
 */
export async function createPayment(
  tx: Tx,
  input: {
    orderId: string;
    orderNumber: string;
    method: PaymentMethod;
    /** With `method: 'ecpay'`: what the cashier is opened for. */
    ecpay?: CheckoutEcpayChoice | undefined;
    amount: number;
    dueAt: Date | null;
    now: Date;
  },
): Promise<{ payment: Payment; nextAction: NextAction }> {
  if (input.method === 'ecpay') {
    if (!input.ecpay) throw new AppError('PAYMENT_METHOD_UNSUPPORTED', 422, 'An ECPay payment needs its method.');
    const row = await repo.insertPayment(tx, {
      orderId: input.orderId,
      provider: 'ecpay',
      method: 'ecpay',
      amountMinor: input.amount,
      status: 'created',
      merchantTradeNo: newMerchantTradeNo(),
      ecpayMethod: ECPAY_METHOD_OF[input.ecpay.method],
      createdAt: input.now,
      updatedAt: input.now,
    });
    const payment = toPayment(row);
    return { payment, nextAction: ecpayAction(payment, input.dueAt, input.ecpay.installments ?? null) };
  }
  if (input.method !== 'bank_transfer' && input.method !== 'cash_on_delivery')
    throw new AppError('PAYMENT_METHOD_UNSUPPORTED', 422, 'This payment method is not offered.');
  const row = await repo.insertPayment(tx, {
    orderId: input.orderId,
    provider: 'manual',
    method: input.method,
    amountMinor: input.amount,
    status: 'pending',
    createdAt: input.now,
    updatedAt: input.now,
  });
  return { payment: toPayment(row), nextAction: manualAction(input.method, input.amount, input.orderNumber, input.dueAt) };
}

function ecpayAction(payment: Payment, dueAt: Date | null, installments: InstallmentCount | null): NextAction {
  return {
    type: 'ecpay_cashier',
    method: 'ecpay',
    ecpay: { method: payment.ecpayMethod ?? 'all', installments },
    amount: payment.amount,
    dueAt,
  };
}

/** The shopper's next action for a payment already made (an answer replayed or read again). */
export function nextActionOf(payment: Payment, orderNumber: string, dueAt: Date | null): NextAction {
  if (payment.method === 'ecpay') return ecpayAction(payment, dueAt, null);
  return manualAction(payment.method, payment.amount, orderNumber, dueAt);
}

/** The payments of these orders, oldest first. A plain read. */
export async function paymentsOf(db: DbOrTx, orderIds: readonly string[]): Promise<Payment[]> {
  return (await repo.paymentsOf(db, orderIds)).map(toPayment);
}

/** The order was cancelled: its open payments (created, pending) become cancelled. In the caller's transaction. */
export async function cancelOpenPayments(tx: Tx, input: { orderId: string; now: Date }): Promise<number> {
  return repo.moveOpen(tx, { orderId: input.orderId, from: paymentStatusesBefore('cancelled'), to: 'cancelled', now: input.now });
}

/**
 * Staff confirmed the money of a manual payment: the order's open (created, pending) manual payments
 * become succeeded. A provider's attempts are left alone: only the provider's own notice says money
 * arrived there. In the caller's transaction.
 */
export async function confirmManualPayment(tx: Tx, input: { orderId: string; now: Date }): Promise<number> {
  return repo.moveOpen(tx, { orderId: input.orderId, from: ['created', 'pending'], to: 'succeeded', now: input.now, provider: 'manual' });
}

/** Ids of the orders whose latest payment is in `status` (the staff list's filter). A plain read. */
export async function orderIdsByPaymentStatus(db: DbOrTx, status: PaymentStatus): Promise<string[]> {
  return repo.orderIdsWithLatestStatus(db, status);
}
