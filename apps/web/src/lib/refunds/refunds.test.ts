import type { Order, OrderPayment } from '@shop/contracts/orders';
import type { Refund } from '@shop/contracts/refunds';
import { describe, expect, it } from 'vitest';
import {
  adminRefundQuery,
  estimateRefund,
  quantityField,
  readRefundForm,
  refundableLines,
  refundFieldOf,
  refundFormNeeds,
  refundRouteOf,
  refundTone,
  shippingLeft,
  shopperMayRequestRefund,
  staffMayRefund,
  unitsAmount,
} from './refunds';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const G = '00000000-0000-4000-8000-00000000000c';

function item(id: string, quantity: number, lineTotal: number, kind: 'normal' | 'gift' = 'normal') {
  return { id, kind, quantity, lineTotal } as Order['items'][number];
}

function payment(p: Partial<OrderPayment>): OrderPayment {
  return { provider: 'ecpay', method: 'bank_transfer', status: 'succeeded', ecpayMethod: 'credit', ...p } as OrderPayment;
}

function refund(r: Partial<Refund>): Refund {
  return { status: 'succeeded', whole: false, shipping: 0, lines: [], ...r } as Refund;
}

/** 3 cups for 1000 (a 333 / 333 / 334 split), 1 plate for 500, a free gift; shipping 100 less a 20 discount. */
function order(over: Partial<Order> = {}): Order {
  return {
    status: 'paid',
    items: [item(A, 3, 1000), item(B, 1, 500), item(G, 1, 0, 'gift')],
    totals: { subtotal: 1500, lineDiscounts: 0, orderDiscounts: 0, shipping: 100, shippingDiscount: 20, total: 1580 },
    payments: [payment({})],
    refunds: [],
    refundFigures: { refunded: 0, pending: 0, refundable: 1580 },
    ...over,
  } as Order;
}

function formData(entries: Record<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(entries)) form.set(k, v);
  return form;
}

describe('refund amount estimate', () => {
  it('splits a line per unit, the remainder one each on the last units', () => {
    const line = { quantity: 3, lineTotal: 1000 };
    expect([0, 1, 2].map((taken) => unitsAmount(line, taken, 1))).toEqual([333, 333, 334]);
    expect(unitsAmount(line, 0, 2)).toBe(666);
    expect(unitsAmount(line, 1, 2)).toBe(667);
    expect(unitsAmount(line, 0, 3)).toBe(1000);
    expect(unitsAmount({ quantity: 4, lineTotal: 10 }, 0, 4)).toBe(10);
    expect(unitsAmount({ quantity: 4, lineTotal: 10 }, 2, 1)).toBe(3);
    expect(unitsAmount(line, 0, 0)).toBe(0);
  });

  it('gives the whole order as every remaining unit and the shipping paid', () => {
    expect(estimateRefund(order(), { whole: true })).toBe(1580);
  });

  it('counts every unit left of every line but the gifts as the whole order', () => {
    const all = [
      { itemId: A, quantity: 3 },
      { itemId: B, quantity: 1 },
    ];
    expect(estimateRefund(order(), { whole: false, lines: all })).toBe(1580);
  });

  it('gives chosen items without shipping', () => {
    expect(estimateRefund(order(), { whole: false, lines: [{ itemId: A, quantity: 2 }] })).toBe(666);
    expect(
      estimateRefund(order(), {
        whole: false,
        lines: [
          { itemId: A, quantity: 1 },
          { itemId: B, quantity: 1 },
        ],
      }),
    ).toBe(833);
  });

  it('counts units and shipping already refunded or asked for, but not rejected or failed ones', () => {
    const o = order({
      refunds: [
        refund({ status: 'succeeded', lines: [{ itemId: A, quantity: 2, amount: 666 }] }),
        refund({ status: 'rejected', whole: true, shipping: 80, lines: [{ itemId: B, quantity: 1, amount: 500 }] }),
      ],
      refundFigures: { refunded: 666, pending: 0, refundable: 914 },
    });
    expect(refundableLines(o).map((l) => [l.remaining, l.taken])).toEqual([
      [1, 2],
      [1, 0],
      [1, 0],
    ]);
    expect(shippingLeft(o)).toBe(80);
    expect(estimateRefund(o, { whole: false, lines: [{ itemId: A, quantity: 1 }] })).toBe(334);
    expect(estimateRefund(o, { whole: true })).toBe(914);
  });

  it('never estimates more than the order can still refund', () => {
    expect(estimateRefund(order({ refundFigures: { refunded: 0, pending: 0, refundable: 300 } }), { whole: true })).toBe(300);
  });
});

describe('which refund form fields are needed', () => {
  it('asks for a bank account unless a card was charged', () => {
    expect(refundRouteOf(order())).toBe('card');
    expect(refundRouteOf(order({ payments: [payment({ ecpayMethod: 'apple_pay' })] }))).toBe('card');
    for (const ecpayMethod of ['atm', 'cvs', 'barcode'] as const)
      expect(refundFormNeeds(order({ payments: [payment({ ecpayMethod })] }))).toEqual({ bankAccount: true });
    expect(refundFormNeeds(order({ payments: [payment({ provider: 'manual', ecpayMethod: null })] }))).toEqual({ bankAccount: true });
    // The attempt that was paid decides, not a failed card attempt before it.
    const attempts = [payment({ status: 'failed' }), payment({ ecpayMethod: 'atm' })];
    expect(refundRouteOf(order({ payments: attempts }))).toBe('transfer');
    expect(refundFormNeeds(order())).toEqual({ bankAccount: false });
  });

  it('offers the request form for a paid, unshipped order with nothing open and money left', () => {
    expect(shopperMayRequestRefund(order())).toBe(true);
    expect(shopperMayRequestRefund(order({ status: 'preparing_shipment' }))).toBe(true);
    expect(shopperMayRequestRefund(order({ status: 'shipped' }))).toBe(false);
    expect(shopperMayRequestRefund(order({ status: 'pending_payment' }))).toBe(false);
    expect(shopperMayRequestRefund(order({ refunds: [refund({ status: 'approved' })] }))).toBe(false);
    expect(shopperMayRequestRefund(order({ refunds: [refund({ status: 'rejected' })] }))).toBe(true);
    expect(shopperMayRequestRefund(order({ refundFigures: { refunded: 1580, pending: 0, refundable: 0 } }))).toBe(false);
    expect(staffMayRefund(order({ status: 'cancelled', refundFigures: { refunded: 0, pending: 0, refundable: 1580 } }))).toBe(true);
    expect(staffMayRefund(order({ refunds: [refund({ status: 'requested' })] }))).toBe(false);
    // A whole refund that failed leaves the order waiting: staff refund it again.
    expect(staffMayRefund(order({ status: 'refund_requested', refunds: [refund({ status: 'failed', whole: true })] }))).toBe(true);
  });

  it('reads the whole order with a reason, and a card refund sends no account', () => {
    const read = readRefundForm(formData({ scope: 'whole', reason: ' 不想要了 ', bankCode: '012' }), order(), { bankAccount: false });
    expect(read.input).toEqual({ reason: '不想要了' });
    expect(read.problems).toEqual({});
  });

  it('reads items with quantities, skipping blank and zero ones', () => {
    const read = readRefundForm(
      formData({ scope: 'items', reason: '尺寸不合', [quantityField(A)]: '2', [quantityField(B)]: '0', [quantityField(G)]: '' }),
      order(),
      { bankAccount: false },
    );
    expect(read.input.lines).toEqual([{ itemId: A, quantity: 2 }]);
    expect(read.values[quantityField(A)]).toBe('2');
  });

  it('refuses no items and more units than are left; gifts are not chosen one by one', () => {
    const read = (entries: Record<string, string>) =>
      readRefundForm(formData({ scope: 'items', reason: 'x', ...entries }), order(), { bankAccount: false });
    expect(read({}).problems).toEqual({ lines: 'chooseItems' });
    expect(read({ [quantityField(G)]: '1' }).problems).toEqual({ lines: 'chooseItems' });
    expect(read({ [quantityField(G)]: '1', [quantityField(B)]: '1' }).input.lines).toEqual([{ itemId: B, quantity: 1 }]);
    expect(read({ [quantityField(A)]: '4' }).problems).toEqual({ lines: 'quantityInvalid' });
    expect(read({ [quantityField(A)]: '1.5' }).problems).toEqual({ lines: 'quantityInvalid' });
  });

  it('reads the bank account of a transfer refund; staff may leave it out', () => {
    const fields = { scope: 'whole', reason: 'x', bankCode: '012', branchCode: '', account: '1234-5678 90', holder: ' 陳小明 ' };
    expect(readRefundForm(formData(fields), order(), { bankAccount: true }).input.bankAccount).toEqual({
      bankCode: '012',
      account: '1234567890',
      holder: '陳小明',
    });
    const blank = { scope: 'whole', reason: 'x', restock: 'on' };
    expect(readRefundForm(formData(blank), order(), { bankAccount: true, staff: true }).input).toEqual({ reason: 'x', restock: true });
    expect(readRefundForm(formData(blank), order(), { bankAccount: true }).input.bankAccount).toEqual({
      bankCode: '',
      account: '',
      holder: '',
    });
  });

  it('shows a body error next to the form field it is about', () => {
    expect(refundFieldOf('bankAccount.account')).toBe('account');
    expect(refundFieldOf('lines.0.quantity')).toBe('lines');
    expect(refundFieldOf('reason')).toBe('reason');
  });
});

describe('refund statuses and the staff queue', () => {
  it('tones each status', () => {
    expect(refundTone('requested')).toBe('warn');
    expect(refundTone('processing')).toBe('warn');
    expect(refundTone('succeeded')).toBe('ok');
    expect(refundTone('rejected')).toBe('danger');
    expect(refundTone('failed')).toBe('danger');
  });

  it('opens on requested refunds, any status on request, and drops a bad page', () => {
    expect(adminRefundQuery(new URLSearchParams())).toEqual({ query: { status: 'requested', page: 1, pageSize: 25 }, status: 'requested' });
    expect(adminRefundQuery(new URLSearchParams('status=all&page=3'))).toEqual({ query: { page: 3, pageSize: 25 }, status: 'all' });
    expect(adminRefundQuery(new URLSearchParams('status=processing&page=x')).query).toEqual({
      status: 'processing',
      page: 1,
      pageSize: 25,
    });
    expect(adminRefundQuery(new URLSearchParams('status=bogus')).status).toBe('requested');
  });
});
