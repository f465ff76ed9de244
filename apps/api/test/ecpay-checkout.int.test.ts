// The shop's payment settings and checkout paying through ECPay: staff switch methods and set the
// code deadlines; checkout offers only what is switched on; an ECPay order goes on to the cashier
// with the settings' deadlines and installments; a card paid in installments at the simulator's
// cashier, over real HTTP, pays the order.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Json } from './api-calls.js';
import type { Harness } from './harness.js';
import { bearer, makeStaff, registerUser, type Signed } from './identity-helpers.js';
import { guest, HOME, member, shopHelpers, STORE } from './shop-helpers.js';
import { browserPost, createSimulatorHarness, eventually, hiddenFields } from './simulator-harness.js';

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

describe('payment settings and checkout through ECPay', () => {
  let h: Harness;
  let base: string;
  const s = shopHelpers(() => h);
  let admin: Signed;
  let ops: Signed;
  let customer: Signed;
  let pickup: Json;
  let home: Json;

  const staffCall = (who: Signed | null, method: 'GET' | 'PUT', url: string, payload?: Json) =>
    h.app.inject({ method, url, headers: who ? bearer(who) : {}, ...(payload ? { payload } : {}) });
  const settings = async () => s.ok(await staffCall(admin, 'GET', '/api/admin/store/payments'));
  /** Saves `over` on top of the current settings. */
  const save = async (over: Json) => {
    const { version, updatedAt, ...current } = await settings();
    void updatedAt;
    return s.ok(await staffCall(admin, 'PUT', '/api/admin/store/payments', { ...current, ...over, version }));
  };

  beforeAll(async () => {
    ({ h, base } = await createSimulatorHarness());
    await s.setUp('ecpay-checkout');
    admin = await makeStaff(h, ['admin']);
    ops = await makeStaff(h, ['ops']);
    customer = await registerUser(h);
    pickup = await s.shippingMethod('store_pickup', 0);
    home = await s.shippingMethod('home_delivery', 0);
  });
  afterAll(() => h?.close());

  describe('settings', () => {
    it('answers the defaults at version 0: everything on except Apple Pay and installments', async () => {
      expect(await settings()).toEqual({ ...DEFAULTS, version: 0, updatedAt: null });
      const open = await h.app.inject({ method: 'GET', url: '/api/store/payments' });
      expect(open.statusCode).toBe(200);
      expect(open.json()).toEqual(DEFAULTS);
    });

    it('saves on the version read; a stale version is 409 with the current one', async () => {
      const first = s.ok(
        await staffCall(admin, 'PUT', '/api/admin/store/payments', { ...DEFAULTS, installments: [12, 3], atmDays: 5, version: 0 }),
      );
      expect(first).toMatchObject({ installments: [3, 12], atmDays: 5, version: 1 });
      const again = await staffCall(admin, 'PUT', '/api/admin/store/payments', { ...DEFAULTS, version: 0 });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 1 });
      const second = await save({ installments: [], atmDays: 3 });
      expect(second).toMatchObject({ installments: [], atmDays: 3, version: 2 });
      const stale = await staffCall(admin, 'PUT', '/api/admin/store/payments', { ...DEFAULTS, version: 1 });
      expect(stale.json()).toMatchObject({ status: 409, code: 'VERSION_CONFLICT', currentVersion: 2 });
      // The storefront sees the saved settings.
      expect((await h.app.inject({ method: 'GET', url: '/api/store/payments' })).json()).toEqual(DEFAULTS);
    });

    it('refuses no method at all, installments without the card, deadlines out of range and other counts', async () => {
      const { version } = await settings();
      const refused = async (over: Json, field: string, code?: string) => {
        const res = await staffCall(admin, 'PUT', '/api/admin/store/payments', { ...DEFAULTS, ...over, version });
        expect(res.statusCode, res.body).toBe(400);
        const body = res.json();
        expect(body.code).toBe('VALIDATION_FAILED');
        const issue = (body.errors as Json[]).find((e) => String(e.path).startsWith(`body.${field}`));
        expect(issue, res.body).toBeDefined();
        if (code) expect(issue!.code).toBe(code);
      };
      const none = { credit: false, applePay: false, atm: false, cvs: false, barcode: false, bankTransfer: false, cashOnDelivery: false };
      await refused(none, 'credit', 'no_payment_method');
      await refused({ credit: false, installments: [3] }, 'installments', 'installments_need_card');
      await refused({ installments: [18] }, 'installments');
      await refused({ atmDays: 61 }, 'atmDays');
      await refused({ cvsMinutes: 43201 }, 'cvsMinutes');
      await refused({ barcodeDays: 31 }, 'barcodeDays');
      expect((await settings()).version).toBe(version);
    });

    it('only staff with store access read and save them', async () => {
      const body = { ...DEFAULTS, version: 0 };
      for (const [method, payload] of [
        ['GET', undefined],
        ['PUT', body],
      ] as const) {
        expect((await staffCall(null, method, '/api/admin/store/payments', payload)).statusCode).toBe(401);
        expect((await staffCall(customer, method, '/api/admin/store/payments', payload)).statusCode).toBe(403);
        expect((await staffCall(ops, method, '/api/admin/store/payments', payload)).statusCode).toBe(403);
      }
    });
  });

  describe('checkout', () => {
    beforeEach(async () => {
      await save(DEFAULTS);
    });

    /** A guest's cart of two units at NT$700 and the checkout form for store pickup. */
    const cart = async (over: Json = {}) => {
      const shopper = guest();
      const p = await s.product({ prices: [700], stock: 5 });
      const variantId = p.variants[0].id as string;
      await s.add(shopper, variantId, 2);
      const form = await s.form(shopper, { shippingMethodId: pickup.id, store: STORE, ...over });
      return { shopper, variantId, form };
    };
    const placeEcpay = async (ecpay: Json) => {
      const c = await cart({ paymentMethod: 'ecpay', ecpay });
      const placed = s.ok(await s.checkout(c.shopper, c.form), 201);
      const token = encodeURIComponent(placed.orderToken as string);
      return { ...c, placed, orderId: placed.order.id as string, token };
    };
    const start = async (o: { shopper: Json; orderId: string; token: string }, body: Json, status = 201) =>
      s.ok(await s.call(o.shopper as never, 'POST', `/orders/${o.orderId}/payments?token=${o.token}`, body), status);

    it('an ECPay order waits for the cashier: a created attempt, the next action and the ECPay window', async () => {
      const before = Date.now();
      const o = await placeEcpay({ method: 'credit' });
      expect(o.placed.order).toMatchObject({ paymentMethod: 'ecpay', status: 'pending_payment' });
      expect(o.placed.payment).toMatchObject({
        status: 'created',
        nextAction: { type: 'ecpay_cashier', method: 'ecpay', ecpay: { method: 'credit', installments: null }, amount: 1400 },
      });
      const due = new Date(o.placed.payment.nextAction.dueAt as string).getTime();
      // PAYMENT_WINDOW_MIN_ECPAY: an hour by default.
      expect(due).toBeGreaterThanOrEqual(before + 59 * 60_000);
      expect(due).toBeLessThanOrEqual(Date.now() + 61 * 60_000);
      expect(o.placed.order.payments).toMatchObject([{ provider: 'ecpay', method: 'ecpay', status: 'created', ecpayMethod: 'credit' }]);

      // Starting it turns that attempt pending: no second row for the same method.
      const started = await start(o, { method: 'credit' });
      expect(started.paymentId).toBe(o.placed.payment.id);
      expect(started.form.fields).toMatchObject({ ChoosePayment: 'Credit', TotalAmount: '1400' });
      expect(started.form.fields.CreditInstallment).toBeUndefined();
      const order = s.ok(await s.call(o.shopper, 'GET', `/orders/${o.orderId}?token=${o.token}`));
      expect(order.payments).toMatchObject([{ id: started.paymentId, status: 'pending' }]);

      // Another method later: a new attempt, the first cancelled.
      const again = await start(o, { method: 'atm' });
      expect(again.paymentId).not.toBe(started.paymentId);
      const after = s.ok(await s.call(o.shopper, 'GET', `/orders/${o.orderId}?token=${o.token}`));
      const statusOf = new Map((after.payments as Json[]).map((p) => [p.id, p.status]));
      expect(Object.fromEntries(statusOf)).toEqual({ [started.paymentId]: 'cancelled', [again.paymentId]: 'pending' });
    });

    it('the cashier form carries the chosen method with the shop’s deadlines and installment count', async () => {
      await save({ installments: [3, 6, 12], applePay: true, atmDays: 5, cvsMinutes: 1440, barcodeDays: 10 });
      const fieldsOf = async (ecpay: Json) => {
        const o = await placeEcpay(ecpay);
        expect(o.placed.payment.nextAction.ecpay).toEqual({ method: ecpay.method, installments: ecpay.installments ?? null });
        return (await start(o, ecpay)).form.fields as Record<string, string>;
      };
      expect(await fieldsOf({ method: 'atm' })).toMatchObject({ ChoosePayment: 'ATM', ExpireDate: '5' });
      expect(await fieldsOf({ method: 'cvs' })).toMatchObject({ ChoosePayment: 'CVS', StoreExpireDate: '1440' });
      expect(await fieldsOf({ method: 'barcode' })).toMatchObject({ ChoosePayment: 'BARCODE', StoreExpireDate: '10' });
      expect(await fieldsOf({ method: 'apple_pay' })).toMatchObject({ ChoosePayment: 'ApplePay' });
      expect(await fieldsOf({ method: 'credit', installments: 6 })).toMatchObject({ ChoosePayment: 'Credit', CreditInstallment: '6' });
      const card = await fieldsOf({ method: 'credit' });
      expect(card.CreditInstallment).toBeUndefined();
      expect(card.StoreExpireDate).toBeUndefined();
    });

    it('refuses what the shop does not offer: 422 CHECKOUT_PAYMENT_METHOD_UNAVAILABLE, nothing placed', async () => {
      const refused = async (over: Json) => {
        const c = await cart(over);
        const res = await s.checkout(c.shopper, c.form);
        expect(res.statusCode, res.body).toBe(422);
        expect(res.json().code).toBe('CHECKOUT_PAYMENT_METHOD_UNAVAILABLE');
        expect(await s.stockOf(c.variantId)).toMatchObject({ reserved: 0 });
      };
      // Defaults: Apple Pay and installments off.
      await refused({ paymentMethod: 'ecpay', ecpay: { method: 'apple_pay' } });
      await refused({ paymentMethod: 'ecpay', ecpay: { method: 'credit', installments: 3 } });
      await save({ installments: [3, 6], atm: false, bankTransfer: false, cashOnDelivery: false });
      await refused({ paymentMethod: 'ecpay', ecpay: { method: 'credit', installments: 12 } });
      await refused({ paymentMethod: 'ecpay', ecpay: { method: 'atm' } });
      await refused({ paymentMethod: 'bank_transfer' });
      await refused({ paymentMethod: 'cash_on_delivery', shippingMethodId: home.id, address: HOME, store: undefined });

      // An ECPay order with another way switched off or not offered at start: 422 PAYMENT_METHOD_UNAVAILABLE.
      const o = await placeEcpay({ method: 'credit' });
      expect((await start(o, { method: 'atm' }, 422)).code).toBe('PAYMENT_METHOD_UNAVAILABLE');
      expect((await start(o, { method: 'credit', installments: 12 }, 422)).code).toBe('PAYMENT_METHOD_UNAVAILABLE');
      expect((await start(o, { method: 'credit', installments: 6 })).form.fields.CreditInstallment).toBe('6');
    });

    it('checks the ECPay choice’s shape: required with ecpay, refused with another method, installments by card only', async () => {
      const shapes: Json[] = [
        { paymentMethod: 'ecpay' },
        { paymentMethod: 'bank_transfer', ecpay: { method: 'credit' } },
        { paymentMethod: 'ecpay', ecpay: { method: 'atm', installments: 3 } },
        { paymentMethod: 'ecpay', ecpay: { method: 'all' } },
      ];
      for (const over of shapes) {
        const c = await cart(over);
        const res = await s.checkout(c.shopper, c.form);
        expect(res.statusCode, JSON.stringify(over)).toBe(400);
        expect(res.json().code).toBe('VALIDATION_FAILED');
      }
    });

    it('a bank-transfer order may still be paid through ECPay from its page', async () => {
      const c = await cart();
      const placed = s.ok(await s.checkout(c.shopper, c.form), 201);
      expect(placed.payment.nextAction).toMatchObject({ type: 'manual_instructions', method: 'bank_transfer' });
      const o = { shopper: c.shopper, orderId: placed.order.id as string, token: encodeURIComponent(placed.orderToken as string) };
      expect((await start(o, { method: 'cvs' })).form.fields).toMatchObject({ ChoosePayment: 'CVS', StoreExpireDate: '10080' });
    });

    it('a member’s card paid in installments at the simulator’s cashier pays the order, the notice’s installment fields kept', async () => {
      await save({ installments: [3, 6, 12] });
      const shopper = member(customer);
      const p = await s.product({ prices: [3000], stock: 3 });
      const variantId = p.variants[0].id as string;
      await s.add(shopper, variantId, 1);
      const form = await s.form(shopper, {
        shippingMethodId: pickup.id,
        store: STORE,
        paymentMethod: 'ecpay',
        ecpay: { method: 'credit', installments: 6 },
      });
      const placed = s.ok(await s.checkout(shopper, form), 201);
      const orderId = placed.order.id as string;
      const started = s.ok(await s.call(shopper, 'POST', `/orders/${orderId}/payments`, { method: 'credit', installments: 6 }), 201);
      expect(started.form.fields.CreditInstallment).toBe('6');

      const page = await browserPost(started.form.action, started.form.fields);
      // The cashier offers the count the shop sent.
      expect(page).toMatch(/name="Installment" value="6"/);
      expect(page).not.toMatch(/name="Installment" value="3"/);
      await browserPost(`${base}/_sim/ecpay/SimCashier/pay`, { ...hiddenFields(page), Installment: '6', Outcome: 'success' });

      const paid = await eventually(async () => {
        const o = s.ok(await s.call(shopper, 'GET', `/orders/${orderId}`));
        return o.status === 'paid' ? o : undefined;
      }, 'the order is paid');
      expect(paid.payments).toMatchObject([{ id: started.paymentId, status: 'succeeded', ecpayMethod: 'credit' }]);
      expect(await s.stockOf(variantId)).toMatchObject({ onHand: 2, reserved: 0 });
      const { rows } = await h.pool.query(
        `SELECT raw_body FROM payment_notifications WHERE merchant_trade_no = $1 AND kind = 'return' AND outcome = 'applied'`,
        [started.form.fields.MerchantTradeNo],
      );
      expect(rows).toHaveLength(1);
      const notice = new URLSearchParams(rows[0].raw_body as string);
      expect(notice.get('RtnCode')).toBe('1');
      expect(notice.get('stage')).toBe('6');
    });
  });
});
