import type { OrderPayment } from '@shop/contracts/orders';
import { describe, expect, it } from 'vitest';
import { isOnlineChoice, offeredOnlineChoices, payableOnline, paymentOutcome, paymentTone } from './payment-result';

const payment = (over: Partial<OrderPayment>): OrderPayment => ({
  id: '00000000-0000-4000-8000-000000000001',
  provider: 'ecpay',
  method: 'bank_transfer',
  amount: 960,
  status: 'pending',
  createdAt: '2026-12-07T01:00:00.000Z',
  ecpayMethod: 'credit',
  code: null,
  paidAt: null,
  ...over,
});

describe('paymentOutcome', () => {
  it('says paid once the order or its latest payment is paid', () => {
    expect(paymentOutcome({ status: 'paid', payments: [payment({ status: 'succeeded' })] }, false)).toBe('paid');
    expect(paymentOutcome({ status: 'preparing_shipment', payments: [] }, true)).toBe('paid');
    expect(paymentOutcome({ status: 'pending_payment', payments: [payment({ status: 'succeeded' })] }, false)).toBe('paid');
  });

  it('says failed for a failed payment or a cancelled order', () => {
    expect(paymentOutcome({ status: 'payment_failed', payments: [payment({ status: 'failed' })] }, false)).toBe('failed');
    expect(paymentOutcome({ status: 'cancelled', payments: [payment({ status: 'cancelled' })] }, false)).toBe('failed');
    expect(paymentOutcome({ status: 'pending_payment', payments: [payment({ status: 'failed' })] }, false)).toBe('failed');
  });

  it('says a code waits to be paid when ECPay issued one', () => {
    const code = { kind: 'atm' as const, bankCode: '812', account: '9103522850923456', expiresAt: '2026-12-10T16:00:00.000Z' };
    expect(paymentOutcome({ status: 'pending_payment', payments: [payment({ ecpayMethod: 'atm', code })] }, false)).toBe('code');
  });

  it('keeps checking while it may poll, then says no result yet', () => {
    const order = { status: 'pending_payment' as const, payments: [payment({})] };
    expect(paymentOutcome(order, false)).toBe('checking');
    expect(paymentOutcome(order, true)).toBe('pending');
  });
});

describe('payableOnline', () => {
  it('offers online payment only for an unpaid bank-transfer order', () => {
    expect(payableOnline({ status: 'pending_payment', paymentMethod: 'bank_transfer' })).toBe(true);
    expect(payableOnline({ status: 'pending_payment', paymentMethod: 'ecpay' })).toBe(true);
    expect(payableOnline({ status: 'pending_payment', paymentMethod: 'cash_on_delivery' })).toBe(false);
    expect(payableOnline({ status: 'paid', paymentMethod: 'bank_transfer' })).toBe(false);
  });
});

describe('isOnlineChoice', () => {
  it('takes the offered choices and nothing else', () => {
    expect(['credit', 'atm', 'cvs', 'barcode'].every(isOnlineChoice)).toBe(true);
    expect(['all', 'apple_pay', 'CREDIT', '', null, 3].some(isOnlineChoice)).toBe(false);
  });
});

describe('paymentTone', () => {
  it('marks paid, waiting and failed payments apart', () => {
    expect(paymentTone('succeeded')).toBe('ok');
    expect(paymentTone('pending')).toBe('warn');
    expect(paymentTone('failed')).toBe('danger');
    expect(paymentTone('cancelled')).toBe('neutral');
  });
});

describe('offeredOnlineChoices', () => {
  it('offers on the order page only what the shop offers now', () => {
    const all = { credit: true, atm: true, cvs: true, barcode: true };
    expect(offeredOnlineChoices(all)).toEqual(['credit', 'atm', 'cvs', 'barcode']);
    expect(offeredOnlineChoices({ ...all, atm: false, barcode: false })).toEqual(['credit', 'cvs']);
    expect(offeredOnlineChoices({ credit: false, atm: false, cvs: false, barcode: false })).toEqual([]);
  });
});
