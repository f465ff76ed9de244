// The ways to pay the checkout page offers, from the shop's payment settings, and what a chosen one
// sends: `paymentMethod` and, for ECPay, the cashier's method and installment count.
import type { CheckoutEcpayChoice, InstallmentCount } from '@shop/contracts/payments';
import type { PaymentMethod } from '@shop/contracts/orders';
import type { PublicPaymentSettings } from '@shop/contracts/store';

/** The radio values of the checkout's payment choice, in the order shown. */
export const PaymentChoices = [
  'credit',
  'installments',
  'apple_pay',
  'atm',
  'cvs',
  'barcode',
  'bank_transfer',
  'cash_on_delivery',
] as const;
export type PaymentChoice = (typeof PaymentChoices)[number];

/** The choices the shop offers for this cart (cash on delivery only for a cart that ships). */
export function offeredPaymentChoices(settings: PublicPaymentSettings, needsShipping: boolean): PaymentChoice[] {
  const on: Record<PaymentChoice, boolean> = {
    credit: settings.credit,
    installments: settings.credit && settings.installments.length > 0,
    apple_pay: settings.applePay,
    atm: settings.atm,
    cvs: settings.cvs,
    barcode: settings.barcode,
    bank_transfer: settings.bankTransfer,
    cash_on_delivery: settings.cashOnDelivery && needsShipping,
  };
  return PaymentChoices.filter((c) => on[c]);
}

export function isPaymentChoice(value: string): value is PaymentChoice {
  return (PaymentChoices as readonly string[]).includes(value);
}

/**
 * The checkout body's payment fields for a choice; installments need a count (undefined count:
 * none chosen). An unknown choice answers an empty method, which the contract refuses.
 */
export function paymentFieldsOf(
  choice: string,
  count: string,
): { paymentMethod: PaymentMethod; ecpay?: CheckoutEcpayChoice } | { paymentMethod: ''; ecpay?: undefined } {
  if (choice === 'bank_transfer' || choice === 'cash_on_delivery') return { paymentMethod: choice };
  if (choice === 'installments') {
    const n = Number(count);
    const installments = n === 3 || n === 6 || n === 12 ? (n as InstallmentCount) : undefined;
    return { paymentMethod: 'ecpay', ecpay: { method: 'credit', ...(installments ? { installments } : {}) } };
  }
  if (choice === 'credit' || choice === 'apple_pay' || choice === 'atm' || choice === 'cvs' || choice === 'barcode')
    return { paymentMethod: 'ecpay', ecpay: { method: choice } };
  return { paymentMethod: '' };
}
