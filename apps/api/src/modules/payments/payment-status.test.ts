import { PaymentStatuses, type PaymentStatus } from '@shop/contracts/orders';
import { describe, expect, it } from 'vitest';
import {
  PAYMENT_TRANSITIONS,
  paymentStatusesBefore,
  REFUND_TRANSITIONS,
  refundMayMove,
  RefundStatuses,
  type RefundStatus,
} from './payment-status.js';

const payments: Array<[PaymentStatus, PaymentStatus]> = [
  ['created', 'pending'],
  ['pending', 'succeeded'],
  ['created', 'failed'],
  ['pending', 'failed'],
  ['created', 'cancelled'],
  ['pending', 'cancelled'],
  ['cancelled', 'succeeded'],
  ['failed', 'succeeded'],
  ['succeeded', 'partially_refunded'],
  ['succeeded', 'refunded'],
  ['partially_refunded', 'refunded'],
];

const refunds: Array<[RefundStatus, RefundStatus]> = [
  ['requested', 'approved'],
  ['requested', 'rejected'],
  ['approved', 'processing'],
  ['processing', 'succeeded'],
  ['processing', 'failed'],
];

describe('payment transitions', () => {
  it('holds exactly these moves', () => {
    const key = (f: string, t: string) => `${f}→${t}`;
    const allowed = new Set(payments.map(([f, t]) => key(f, t)));
    for (const from of PaymentStatuses)
      for (const to of PaymentStatuses)
        expect(
          PAYMENT_TRANSITIONS.some((t) => t.from === from && t.to === to),
          key(from, to),
        ).toBe(allowed.has(key(from, to)));
  });

  it('ends in refunded; failed and cancelled only take late money; money once received is never cancelled', () => {
    expect(PAYMENT_TRANSITIONS.filter((t) => t.from === 'refunded')).toEqual([]);
    for (const gaveUp of ['failed', 'cancelled'] as const)
      expect(PAYMENT_TRANSITIONS.filter((t) => t.from === gaveUp).map((t) => t.to)).toEqual(['succeeded']);
    expect(paymentStatusesBefore('cancelled')).toEqual(['created', 'pending']);
    expect(paymentStatusesBefore('succeeded')).toEqual(['pending', 'cancelled', 'failed']);
    expect(paymentStatusesBefore('refunded')).toEqual(['succeeded', 'partially_refunded']);
  });
});

describe('refund transitions', () => {
  it('holds exactly these moves', () => {
    for (const from of RefundStatuses)
      for (const to of RefundStatuses)
        expect(refundMayMove(from, to), `${from}→${to}`).toBe(refunds.some(([f, t]) => f === from && t === to));
    expect(REFUND_TRANSITIONS).toHaveLength(refunds.length);
  });
});
