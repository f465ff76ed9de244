import { OrderStatuses } from '@shop/contracts/orders';
import { describe, expect, it } from 'vitest';
import { getTranslator } from '$lib/i18n';
import {
  buyerMayCancel,
  formatCountdown,
  historyReason,
  secondsLeft,
  staffMayCancel,
  staffMayEdit,
  staffTransitions,
  statusTone,
} from './order-status';

describe('order statuses on the pages', () => {
  it('offers staff the moves they make by hand from each status; refund moves follow the refund', () => {
    expect(Object.fromEntries(OrderStatuses.map((s) => [s, staffTransitions(s, 'bank_transfer')]))).toEqual({
      pending_payment: ['paid', 'payment_failed'],
      paid: ['preparing_shipment'],
      preparing_shipment: ['shipped'],
      shipped: ['completed'],
      completed: [],
      payment_failed: [],
      cancelled: [],
      refund_requested: [],
      refunded: [],
      refund_rejected: ['preparing_shipment'],
    });
  });

  it('offers staff to accept a cash-on-delivery order into preparation before it is paid', () => {
    expect(staffTransitions('pending_payment', 'cash_on_delivery')).toEqual(['preparing_shipment']);
    expect(staffTransitions('pending_payment', 'bank_transfer')).toEqual(['paid', 'payment_failed']);
    expect(staffTransitions('preparing_shipment', 'cash_on_delivery')).toEqual(['shipped']);
  });

  it('never offers to mark an ECPay order paid by hand: ECPay’s notice does', () => {
    expect(staffTransitions('pending_payment', 'ecpay')).toEqual(['payment_failed']);
    expect(staffTransitions('paid', 'ecpay')).toEqual(['preparing_shipment']);
  });

  it('lets the buyer cancel only while unpaid; staff also after a failed payment', () => {
    expect(OrderStatuses.filter(buyerMayCancel)).toEqual(['pending_payment']);
    expect(OrderStatuses.filter(staffMayCancel)).toEqual(['pending_payment', 'payment_failed']);
  });

  it('keeps delivery edits open until the parcel leaves', () => {
    expect(OrderStatuses.filter(staffMayEdit)).toEqual(['pending_payment', 'paid', 'preparing_shipment', 'payment_failed']);
  });

  it('marks waiting statuses as warnings, failures as dangers and completion as done', () => {
    expect(statusTone('pending_payment')).toBe('warn');
    expect(statusTone('payment_failed')).toBe('danger');
    expect(statusTone('completed')).toBe('ok');
    expect(statusTone('cancelled')).toBe('plain');
  });
});

describe('the payment countdown', () => {
  const now = Date.parse('2026-12-07T05:00:00.000Z');

  it('counts whole seconds to the deadline, never below zero', () => {
    expect(secondsLeft('2026-12-07T05:30:00.000Z', now)).toBe(1800);
    expect(secondsLeft('2026-12-07T04:00:00.000Z', now)).toBe(0);
    expect(secondsLeft(null, now)).toBeNull();
    expect(secondsLeft('not a date', now)).toBeNull();
  });

  it('shows minutes and seconds, hours from an hour up', () => {
    expect(formatCountdown(1799)).toBe('29:59');
    expect(formatCountdown(5)).toBe('00:05');
    expect(formatCountdown(3 * 3600 + 61)).toBe('3:01:01');
  });

  it('says the shop’s own reasons in words; a person’s as written; an unknown code only to staff', () => {
    const zh = getTranslator('zh-TW');
    const en = getTranslator('en');
    expect(historyReason({ actorType: 'system', reason: 'ecpay_paid' }, zh, false)).toBe('綠界通知已付款');
    expect(historyReason({ actorType: 'system', reason: 'ecpay_paid' }, en, false)).toBe('ECPay reported the payment');
    expect(historyReason({ actorType: 'system', reason: 'ecpay_failed: 10100058' }, zh, false)).toBe('綠界通知付款失敗（代碼 10100058）');
    expect(historyReason({ actorType: 'staff', reason: '客戶來電取消' }, zh, false)).toBe('客戶來電取消');
    expect(historyReason({ actorType: 'system', reason: 'something_new' }, zh, false)).toBeNull();
    expect(historyReason({ actorType: 'system', reason: 'something_new' }, zh, true)).toBe('something_new');
    expect(historyReason({ actorType: 'guest', reason: null }, zh, false)).toBeNull();
  });
});
