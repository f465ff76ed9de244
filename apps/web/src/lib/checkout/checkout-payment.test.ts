import { describe, expect, it } from 'vitest';
import { offeredPaymentChoices, paymentFieldsOf } from './checkout-payment';

const DEFAULTS = {
  credit: true,
  installments: [],
  applePay: false,
  atm: true,
  cvs: true,
  barcode: true,
  bankTransfer: true,
  cashOnDelivery: true,
  atmDays: 3,
  cvsMinutes: 10080,
  barcodeDays: 7,
};

describe('offeredPaymentChoices', () => {
  it('offers what the shop switched on, cash on delivery only for a cart that ships', () => {
    expect(offeredPaymentChoices(DEFAULTS, true)).toEqual(['credit', 'atm', 'cvs', 'barcode', 'bank_transfer', 'cash_on_delivery']);
    expect(offeredPaymentChoices(DEFAULTS, false)).not.toContain('cash_on_delivery');
    const more = { ...DEFAULTS, installments: [3, 6] as Array<3 | 6 | 12>, applePay: true, atm: false };
    expect(offeredPaymentChoices(more, true)).toEqual([
      'credit',
      'installments',
      'apple_pay',
      'cvs',
      'barcode',
      'bank_transfer',
      'cash_on_delivery',
    ]);
  });
});

describe('paymentFieldsOf', () => {
  it('turns a choice into the checkout body’s payment fields', () => {
    expect(paymentFieldsOf('bank_transfer', '')).toEqual({ paymentMethod: 'bank_transfer' });
    expect(paymentFieldsOf('atm', '6')).toEqual({ paymentMethod: 'ecpay', ecpay: { method: 'atm' } });
    expect(paymentFieldsOf('installments', '6')).toEqual({ paymentMethod: 'ecpay', ecpay: { method: 'credit', installments: 6 } });
    expect(paymentFieldsOf('installments', '18')).toEqual({ paymentMethod: 'ecpay', ecpay: { method: 'credit' } });
    expect(paymentFieldsOf('paypal', '')).toEqual({ paymentMethod: '' });
  });
});
