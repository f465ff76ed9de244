import { OrderStatuses, type OrderStatus } from '@shop/contracts/orders';
import { describe, expect, it } from 'vitest';
import { editableByStaff, mayTransition, ORDER_TRANSITIONS, staffMovesByHand, transitionOf } from './order-status.js';

const allowed: Array<[OrderStatus, OrderStatus, string]> = [
  ['pending_payment', 'paid', 'order.paid'],
  ['paid', 'preparing_shipment', 'order.preparation_started'],
  ['pending_payment', 'preparing_shipment', 'order.preparation_started'],
  ['preparing_shipment', 'shipped', 'order.shipped'],
  ['shipped', 'completed', 'order.completed'],
  ['paid', 'completed', 'order.completed'],
  ['pending_payment', 'payment_failed', 'order.payment_failed'],
  ['payment_failed', 'cancelled', 'order.cancelled'],
  ['pending_payment', 'cancelled', 'order.cancelled'],
  ['paid', 'refund_requested', 'order.refund_requested'],
  ['preparing_shipment', 'refund_requested', 'order.refund_requested'],
  ['refund_rejected', 'preparing_shipment', 'order.preparation_started'],
  ['refund_requested', 'refunded', 'order.refunded'],
  ['refund_requested', 'refund_rejected', 'order.refund_rejected'],
];

describe('order transitions', () => {
  it.each(allowed)('%s → %s (%s)', (from, to, event) => {
    expect(transitionOf(from, to)?.event.type).toBe(event);
  });

  it('every other pair of statuses is refused', () => {
    const allowedKeys = new Set(allowed.map(([f, t]) => `${f}→${t}`));
    for (const from of OrderStatuses)
      for (const to of OrderStatuses) {
        if (allowedKeys.has(`${from}→${to}`)) continue;
        expect(transitionOf(from, to), `${from}→${to}`).toBeUndefined();
      }
    // One pair may have a rule per kind of order (paid by hand, or by ECPay's notice).
    expect(new Set(ORDER_TRANSITIONS.map((t) => `${t.from}→${t.to}`)).size).toBe(allowed.length);
  });

  it('ends in completed, cancelled and refunded', () => {
    for (const end of ['completed', 'cancelled', 'refunded'] as const) expect(ORDER_TRANSITIONS.filter((t) => t.from === end)).toEqual([]);
  });

  it('lets the buyer cancel an unpaid order and ask for a refund, never mark one paid or shipped', () => {
    expect(mayTransition('pending_payment', 'cancelled', 'customer')).toBe(true);
    expect(mayTransition('pending_payment', 'cancelled', 'guest')).toBe(true);
    expect(mayTransition('paid', 'refund_requested', 'customer')).toBe(true);
    expect(mayTransition('preparing_shipment', 'refund_requested', 'guest')).toBe(true);
    expect(mayTransition('shipped', 'refund_requested', 'customer')).toBe(false);
    expect(mayTransition('refund_rejected', 'preparing_shipment', 'customer')).toBe(false);
    expect(mayTransition('refund_rejected', 'preparing_shipment', 'system', { paymentMethod: 'bank_transfer', needsShipping: true })).toBe(
      true,
    );
    expect(mayTransition('pending_payment', 'paid', 'customer')).toBe(false);
    expect(mayTransition('preparing_shipment', 'shipped', 'guest')).toBe(false);
    expect(mayTransition('paid', 'cancelled', 'staff')).toBe(false);
  });

  it('releases stock and coupon on cancellation and settles them on payment', () => {
    expect(transitionOf('pending_payment', 'cancelled')?.effect).toBe('release');
    expect(transitionOf('payment_failed', 'cancelled')?.effect).toBe('release');
    expect(transitionOf('pending_payment', 'paid')?.effect).toBe('settle');
    expect(transitionOf('paid', 'preparing_shipment')?.effect).toBeNull();
    expect(transitionOf('shipped', 'completed')?.effect).toBe('collect');
  });

  it('ships cash-on-delivery orders before payment, making stock and coupon final; other orders only once paid', () => {
    const cod = { paymentMethod: 'cash_on_delivery', needsShipping: true } as const;
    const transfer = { paymentMethod: 'bank_transfer', needsShipping: true } as const;
    expect(transitionOf('pending_payment', 'preparing_shipment', cod)).toMatchObject({ effect: 'commit', by: ['staff', 'system'] });
    expect(transitionOf('pending_payment', 'preparing_shipment', transfer)).toBeUndefined();
    expect(mayTransition('pending_payment', 'preparing_shipment', 'staff', transfer)).toBe(false);
    expect(mayTransition('pending_payment', 'preparing_shipment', 'customer', cod)).toBe(false);
    expect(transitionOf('paid', 'preparing_shipment', transfer)?.effect).toBeNull();
  });

  it('completes an order with nothing to ship when it is paid, and never prepares a shipment for it', () => {
    const virtual = { paymentMethod: 'bank_transfer', needsShipping: false } as const;
    const parcel = { paymentMethod: 'bank_transfer', needsShipping: true } as const;
    expect(mayTransition('paid', 'completed', 'system', virtual)).toBe(true);
    expect(mayTransition('paid', 'completed', 'staff', virtual)).toBe(false);
    expect(transitionOf('paid', 'completed', parcel)).toBeUndefined();
    expect(transitionOf('paid', 'preparing_shipment', virtual)).toBeUndefined();
    expect(
      transitionOf('pending_payment', 'preparing_shipment', { paymentMethod: 'cash_on_delivery', needsShipping: false }),
    ).toBeUndefined();
  });

  it('leaves refund moves to the refund and an ECPay payment to ECPay’s notice: staff never make them by hand', () => {
    const transfer = { paymentMethod: 'bank_transfer', needsShipping: true } as const;
    const ecpay = { paymentMethod: 'ecpay', needsShipping: true } as const;
    const byHand = (facts: typeof transfer | typeof ecpay) =>
      Object.fromEntries(OrderStatuses.map((status) => [status, staffMovesByHand({ ...facts, status })]));
    expect(byHand(transfer)).toEqual({
      pending_payment: ['paid', 'payment_failed', 'cancelled'],
      paid: ['preparing_shipment'],
      preparing_shipment: ['shipped'],
      shipped: ['completed'],
      completed: [],
      payment_failed: ['cancelled'],
      cancelled: [],
      refund_requested: [],
      refunded: [],
      refund_rejected: ['preparing_shipment'],
    });
    expect(byHand(ecpay).pending_payment).toEqual(['payment_failed', 'cancelled']);
    expect(mayTransition('pending_payment', 'paid', 'system', ecpay)).toBe(true);
    expect(mayTransition('pending_payment', 'paid', 'staff', ecpay)).toBe(false);
    expect(mayTransition('refund_requested', 'refunded', 'staff', transfer)).toBe(true);
  });

  it('lets staff edit until the parcel leaves', () => {
    expect(OrderStatuses.filter(editableByStaff).sort()).toEqual(['paid', 'payment_failed', 'pending_payment', 'preparing_shipment']);
  });
});
