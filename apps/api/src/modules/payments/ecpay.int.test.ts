// Paying through ECPay on a real database: starting an attempt, and ECPay's notices posted to the
// API the way ECPay's servers post them (urlencoded, signed with the merchant's keys).
import { formatTaipeiDate, formatTaipeiDateTime, signFields, STAGE_AIO } from '@shop/ecpay';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../../test/api-calls.js';
import { createHarness, type Harness } from '../../../test/harness.js';
import { registerUser } from '../../../test/identity-helpers.js';
import { guest, member, shopHelpers, STORE, type Shopper } from '../../../test/shop-helpers.js';
import { expectStockInvariant } from '../../../test/stock-helpers.js';

describe('payments through ECPay', () => {
  let h: Harness;
  const s = shopHelpers(() => h);
  let pickup: Json;

  beforeAll(async () => {
    h = await createHarness({ env: { PUBLIC_URL: 'https://shop.example.tw', ALLOWED_HOSTS: 'localhost' } });
    await s.setUp('ecpay');
    pickup = await s.shippingMethod('store_pickup', 0);
  });
  afterEach(() => expectStockInvariant(h));
  afterAll(() => h?.close());

  /** A guest's unpaid order of `quantity` units at NT$500 each (stock 10), with its link token. */
  const place = async (opts: { quantity?: number; stock?: number; shopper?: Shopper; coupon?: string } = {}) => {
    const shopper = opts.shopper ?? guest();
    const p = await s.product({ prices: [500], stock: opts.stock ?? 10 });
    const variantId = p.variants[0].id as string;
    await s.add(shopper, variantId, opts.quantity ?? 2);
    if (opts.coupon) s.ok(await s.call(shopper, 'POST', '/cart/coupon', { code: opts.coupon }));
    const placed = s.ok(await s.checkout(shopper, await s.form(shopper, { shippingMethodId: pickup.id, store: STORE })), 201);
    return {
      id: placed.order.id as string,
      total: placed.order.totals.total as number,
      token: placed.orderToken as string,
      variantId,
      shopper,
    };
  };

  // The harness's clock stands still unless moved: each step a second later, so they keep their order.
  const start = (order: { id: string; token?: string | null; shopper: Shopper }, method = 'credit') =>
    h.clock.advance(1000) ??
    s.call(order.shopper, 'POST', `/orders/${order.id}/payments${order.token ? `?token=${encodeURIComponent(order.token)}` : ''}`, {
      method,
    });

  /** A started attempt: the answer and its form fields. */
  const started = async (order: { id: string; token?: string | null; shopper: Shopper }, method = 'credit') => {
    const res = s.ok(await start(order, method), 201);
    return { paymentId: res.paymentId as string, fields: res.form.fields as Record<string, string>, form: res.form as Json };
  };

  let tradeSeq = 0;
  const tradeNo = () => `2612070930${String(++tradeSeq).padStart(6, '0')}`;

  /** A ReturnURL result as ECPay's server sends it, signed with `keys`. */
  const result = (
    fields: Record<string, string>,
    over: Record<string, string> = {},
    keys: { hashKey: string; hashIv: string } = STAGE_AIO,
  ): Record<string, string> =>
    signFields(
      {
        CustomField1: '',
        CustomField2: '',
        CustomField3: '',
        CustomField4: '',
        MerchantID: fields.MerchantID!,
        MerchantTradeNo: fields.MerchantTradeNo!,
        PaymentDate: formatTaipeiDateTime(new Date()),
        PaymentType: 'Credit_CreditCard',
        PaymentTypeChargeFee: '0',
        RtnCode: '1',
        RtnMsg: '交易成功',
        SimulatePaid: '0',
        StoreID: '',
        TradeAmt: fields.TotalAmount!,
        TradeDate: fields.MerchantTradeDate!,
        TradeNo: tradeNo(),
        ...over,
      },
      keys,
      'sha256',
    );

  /** A PaymentInfoURL notice for an ATM account payable until `until` (a Taiwan date). */
  const atmInfo = (fields: Record<string, string>, until: Date, over: Record<string, string> = {}) =>
    signFields(
      {
        BankCode: '812',
        CustomField1: '',
        CustomField2: '',
        CustomField3: '',
        CustomField4: '',
        ExpireDate: formatTaipeiDate(until),
        MerchantID: fields.MerchantID!,
        MerchantTradeNo: fields.MerchantTradeNo!,
        PaymentType: 'ATM_TAISHIN',
        RtnCode: '2',
        RtnMsg: 'Get VirtualAccount Succeeded',
        StoreID: '',
        TradeAmt: fields.TotalAmount!,
        TradeDate: fields.MerchantTradeDate!,
        TradeNo: tradeNo(),
        vAccount: '9103522850923456',
        ...over,
      },
      STAGE_AIO,
      'sha256',
    );

  const post = (path: 'notify' | 'payment-info', fields: Record<string, string> | string) =>
    h.clock.advance(1000) ??
    h.app.inject({
      method: 'POST',
      url: `/api/payments/ecpay/${path}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: typeof fields === 'string' ? fields : new URLSearchParams(fields).toString(),
    });

  const orderOf = async (o: { id: string; token: string; shopper: Shopper }) =>
    s.ok(await s.call(o.shopper, 'GET', `/orders/${o.id}?token=${encodeURIComponent(o.token)}`));
  const paymentRow = async (id: string) => (await h.pool.query('SELECT * FROM payments WHERE id = $1', [id])).rows[0] as Json;
  const notices = async (merchantTradeNo: string) =>
    (await h.pool.query('SELECT * FROM payment_notifications WHERE merchant_trade_no = $1 ORDER BY received_at, id', [merchantTradeNo]))
      .rows as Json[];
  const events = (type: string, aggregateId: string) =>
    s.count('SELECT count(*) AS n FROM event_outbox WHERE event_type = $1 AND aggregate_id = $2', [type, aggregateId]);

  describe('starting a payment', () => {
    it('answers the signed cashier form for the order and keeps a pending attempt', async () => {
      const order = await place({ quantity: 2 });
      const { paymentId, form, fields } = await started(order, 'atm');
      expect(form.action).toBe('https://shop.example.tw/_sim/ecpay/Cashier/AioCheckOut/V5');
      expect(fields).toMatchObject({
        MerchantID: '3002607',
        TotalAmount: String(order.total),
        ChoosePayment: 'ATM',
        ReturnURL: 'https://shop.example.tw/api/payments/ecpay/notify',
        PaymentInfoURL: 'https://shop.example.tw/api/payments/ecpay/payment-info',
        OrderResultURL: `https://shop.example.tw/payment/result?order=${order.id}`,
        ClientBackURL: `https://shop.example.tw/payment/result?order=${order.id}`,
        EncryptType: '1',
      });
      expect(fields.ItemName).toMatch(/^茶壺\d+ \(S0\) x 2$/);
      expect(fields.MerchantTradeNo).toMatch(/^[A-Za-z0-9]{20}$/);
      expect(await paymentRow(paymentId)).toMatchObject({
        provider: 'ecpay',
        status: 'pending',
        amount_minor: order.total,
        merchant_trade_no: fields.MerchantTradeNo,
        ecpay_method: 'ATM',
      });
      // The bank-transfer instructions of checkout are no longer the way to pay.
      const payments = (await orderOf(order)).payments as Json[];
      expect(payments.map((p) => [p.provider, p.status])).toEqual([
        ['manual', 'cancelled'],
        ['ecpay', 'pending'],
      ]);
    });

    it('a second start cancels the first attempt and uses a new MerchantTradeNo', async () => {
      const order = await place();
      const first = await started(order);
      const second = await started(order, 'all');
      expect(second.fields.MerchantTradeNo).not.toBe(first.fields.MerchantTradeNo);
      expect(second.fields.ChoosePayment).toBe('ALL');
      expect((await paymentRow(first.paymentId)).status).toBe('cancelled');
      expect((await paymentRow(second.paymentId)).status).toBe('pending');
    });

    it('is the buyer’s only: another member’s order and a wrong token answer 404, nobody 401', async () => {
      const owner = member(await registerUser(h));
      const order = await place({ shopper: owner });
      const other = member(await registerUser(h));
      const res = await start({ id: order.id, shopper: other });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'ORDER_NOT_FOUND' });
      expect((await start({ id: order.id, shopper: guest() })).statusCode).toBe(401);
      const guestOrder = await place();
      expect((await start({ id: order.id, token: guestOrder.token, shopper: guest() })).statusCode).toBe(404);
      expect((await start({ id: order.id, shopper: owner })).statusCode).toBe(201);
    });

    it('answers 409 PAYMENT_ORDER_NOT_PAYABLE for an order that is not waiting for its money', async () => {
      const order = await place();
      s.ok(await s.call(order.shopper, 'POST', `/orders/${order.id}/cancel?token=${encodeURIComponent(order.token)}`, {}));
      const res = await start(order);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'PAYMENT_ORDER_NOT_PAYABLE', status: 409 });
    });

    it('answers 422 PAYMENT_METHOD_UNAVAILABLE when ECPay would refuse the amount for the method', async () => {
      const order = await place({ quantity: 41, stock: 50 }); // NT$20,500: above a store code's limit
      const res = await start(order, 'cvs');
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'PAYMENT_METHOD_UNAVAILABLE' });
      expect(((await orderOf(order)).payments as Json[]).map((p) => p.status)).toEqual(['pending']);
    });
  });

  describe('ReturnURL', () => {
    it('a paid card payment pays the order and makes the stock sold', async () => {
      const order = await place({ quantity: 2 });
      const { paymentId, fields } = await started(order);
      const before = await s.stockOf(order.variantId);
      const notice = result(fields);
      const res = await post('notify', notice);
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe('1|OK');
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect((await orderOf(order)).status).toBe('paid');
      expect(await s.stockOf(order.variantId)).toEqual({
        onHand: before.onHand - 2,
        reserved: before.reserved - 2,
        available: before.available,
      });
      expect(await paymentRow(paymentId)).toMatchObject({ status: 'succeeded', provider_trade_no: notice.TradeNo });
      expect((await paymentRow(paymentId)).paid_at).not.toBeNull();
      expect(await events('payment.succeeded', paymentId)).toBe(1);
      expect(await events('order.paid', order.id)).toBe(1);
      expect(await notices(fields.MerchantTradeNo!)).toEqual([
        expect.objectContaining({
          kind: 'return',
          outcome: 'applied',
          payment_id: paymentId,
          raw_body: new URLSearchParams(notice).toString(),
        }),
      ]);
    });

    it('a failed payment fails the attempt, cancels the order and gives the stock back', async () => {
      const order = await place({ quantity: 3 });
      const { paymentId, fields } = await started(order);
      const before = await s.stockOf(order.variantId);
      const res = await post('notify', result(fields, { RtnCode: '10100058', RtnMsg: '付款失敗' }));
      expect(res.body).toBe('1|OK');
      const seen = await orderOf(order);
      expect(seen.status).toBe('cancelled');
      expect((seen.history as Json[]).map((e) => e.to)).toEqual(['pending_payment', 'payment_failed', 'cancelled']);
      expect(await s.stockOf(order.variantId)).toEqual({
        onHand: before.onHand,
        reserved: before.reserved - 3,
        available: before.available + 3,
      });
      expect((await paymentRow(paymentId)).status).toBe('failed');
      expect(await events('payment.failed', paymentId)).toBe(1);
    });

    it('ten identical notices at once: one payment, one order.paid, ten stored, ten 1|OK', async () => {
      const order = await place();
      const { paymentId, fields } = await started(order);
      const notice = result(fields);
      const answers = await Promise.all(Array.from({ length: 10 }, () => post('notify', notice)));
      expect(answers.map((r) => `${r.statusCode} ${r.body}`)).toEqual(Array(10).fill('200 1|OK'));
      expect((await orderOf(order)).status).toBe('paid');
      expect(await events('order.paid', order.id)).toBe(1);
      expect(await events('payment.succeeded', paymentId)).toBe(1);
      const stored = await notices(fields.MerchantTradeNo!);
      expect(stored).toHaveLength(10);
      expect(stored.map((n) => n.outcome).sort()).toEqual(['applied', ...Array(9).fill('duplicate')]);
    });

    it('a re-send after the payment (RtnMsg paid, another checksum) is a duplicate and changes nothing', async () => {
      const order = await place();
      const { fields } = await started(order);
      const first = result(fields);
      expect((await post('notify', first)).body).toBe('1|OK');
      const again = result(fields, { TradeNo: first.TradeNo!, PaymentDate: first.PaymentDate!, RtnMsg: 'paid' });
      expect((await post('notify', again)).body).toBe('1|OK');
      expect(await events('order.paid', order.id)).toBe(1);
      expect((await notices(fields.MerchantTradeNo!)).map((n) => n.outcome)).toEqual(['applied', 'duplicate']);
    });

    describe('refused notices change nothing, are kept, and are acknowledged so ECPay stops sending them', () => {
      const unchanged = async (order: Awaited<ReturnType<typeof place>>, paymentId: string, stock: Json) => {
        expect((await orderOf(order)).status).toBe('pending_payment');
        expect((await paymentRow(paymentId)).status).toBe('pending');
        expect(await s.stockOf(order.variantId)).toEqual(stock);
        expect(await events('order.paid', order.id)).toBe(0);
      };

      it('a wrong CheckMacValue', async () => {
        const order = await place();
        const { paymentId, fields } = await started(order);
        const stock = await s.stockOf(order.variantId);
        const res = await post('notify', { ...result(fields), CheckMacValue: 'A'.repeat(64) });
        expect(res.statusCode).toBe(200);
        expect(res.body).toBe('1|OK');
        await unchanged(order, paymentId, stock);
        expect(await notices(fields.MerchantTradeNo!)).toEqual([expect.objectContaining({ outcome: 'bad_mac', payment_id: null })]);
      });

      it('a tampered amount under the old checksum', async () => {
        const order = await place();
        const { paymentId, fields } = await started(order);
        const stock = await s.stockOf(order.variantId);
        expect((await post('notify', { ...result(fields), TradeAmt: '1' })).body).toBe('1|OK');
        await unchanged(order, paymentId, stock);
        expect((await notices(fields.MerchantTradeNo!))[0]).toMatchObject({ outcome: 'bad_mac' });
      });

      it('an unknown MerchantTradeNo', async () => {
        const fields = {
          MerchantID: '3002607',
          MerchantTradeNo: 'SNoSuchTrade00000001',
          TotalAmount: '500',
          MerchantTradeDate: '2026/12/07 09:00:00',
        };
        const res = await post('notify', result(fields));
        expect(res.body).toBe('1|OK');
        expect(await notices(fields.MerchantTradeNo)).toEqual([expect.objectContaining({ outcome: 'unknown_trade', payment_id: null })]);
      });

      it('another merchant’s notice signed with our keys', async () => {
        const order = await place();
        const { paymentId, fields } = await started(order);
        const stock = await s.stockOf(order.variantId);
        expect((await post('notify', result({ ...fields, MerchantID: '3002599' }))).body).toBe('1|OK');
        await unchanged(order, paymentId, stock);
        expect((await notices(fields.MerchantTradeNo!))[0]).toMatchObject({ outcome: 'wrong_merchant' });
      });

      it('another merchant’s notice signed with its own keys', async () => {
        const order = await place();
        const { paymentId, fields } = await started(order);
        const stock = await s.stockOf(order.variantId);
        const foreign = result({ ...fields, MerchantID: '3002599' }, {}, { hashKey: 'spPjZn66i0OhqJsQ', hashIv: 'hT5OJckN45isQTTs' });
        expect((await post('notify', foreign)).body).toBe('1|OK');
        await unchanged(order, paymentId, stock);
        expect((await notices(fields.MerchantTradeNo!))[0]).toMatchObject({ outcome: 'bad_mac' });
      });

      it('a signed notice with another amount flags the payment for staff, once', async () => {
        const order = await place();
        const { paymentId, fields } = await started(order);
        const stock = await s.stockOf(order.variantId);
        const wrong = result(fields, { TradeAmt: '1' });
        expect((await post('notify', wrong)).body).toBe('1|OK');
        expect((await post('notify', wrong)).body).toBe('1|OK');
        await unchanged(order, paymentId, stock);
        expect((await notices(fields.MerchantTradeNo!)).map((n) => n.outcome)).toEqual(['amount_mismatch', 'amount_mismatch']);
        expect(await events('payment.flagged', paymentId)).toBe(1);
      });

      it('junk: not a form, a form without fields, a JSON body', async () => {
        expect((await post('notify', 'a=%00&b=%ZZ&MerchantTradeNo=x')).statusCode).toBe(200);
        expect((await post('notify', '')).body).toBe('1|OK');
        const json = await h.app.inject({ method: 'POST', url: '/api/payments/ecpay/notify', payload: { RtnCode: 1 } });
        expect(json.statusCode).toBe(415);
        expect(json.headers['content-type']).toMatch(/problem\+json/);
      });
    });

    it('a simulated payment (SimulatePaid=1) is kept but pays nothing', async () => {
      const order = await place();
      const { paymentId, fields } = await started(order);
      expect((await post('notify', result(fields, { SimulatePaid: '1' }))).body).toBe('1|OK');
      expect((await orderOf(order)).status).toBe('pending_payment');
      expect((await paymentRow(paymentId)).status).toBe('pending');
      expect((await notices(fields.MerchantTradeNo!))[0]).toMatchObject({ outcome: 'ignored' });
    });

    it('paid after the order was cancelled: the payment is recorded and marked for refund, the stock stays released', async () => {
      const order = await place({ quantity: 2 });
      const { paymentId, fields } = await started(order);
      s.ok(await s.call(order.shopper, 'POST', `/orders/${order.id}/cancel?token=${encodeURIComponent(order.token)}`, {}));
      const stock = await s.stockOf(order.variantId);
      expect((await paymentRow(paymentId)).status).toBe('cancelled');
      expect((await post('notify', result(fields))).body).toBe('1|OK');
      expect((await orderOf(order)).status).toBe('cancelled');
      expect(await s.stockOf(order.variantId)).toEqual(stock);
      expect((await paymentRow(paymentId)).status).toBe('succeeded');
      expect(await events('payment.needs_refund', paymentId)).toBe(1);
      expect(await events('order.paid', order.id)).toBe(0);
    });

    it('an earlier attempt paid late pays a waiting order once; money for a second attempt is marked for refund', async () => {
      const order = await place();
      const first = await started(order, 'atm');
      const second = await started(order);
      // The shopper paid the first attempt's code after starting the second.
      expect((await post('notify', result(first.fields, { PaymentType: 'ATM_TAISHIN' }))).body).toBe('1|OK');
      expect((await orderOf(order)).status).toBe('paid');
      expect((await paymentRow(first.paymentId)).status).toBe('succeeded');
      expect((await paymentRow(second.paymentId)).status).toBe('cancelled');
      expect((await post('notify', result(second.fields))).body).toBe('1|OK');
      expect((await paymentRow(second.paymentId)).status).toBe('succeeded');
      expect(await events('order.paid', order.id)).toBe(1);
      expect(await events('payment.needs_refund', first.paymentId)).toBe(0);
      expect(await events('payment.needs_refund', second.paymentId)).toBe(1);
    });

    it('an old notice replayed after the order was paid another way changes nothing more', async () => {
      const order = await place();
      const first = await started(order);
      const second = await started(order);
      expect((await post('notify', result(second.fields))).body).toBe('1|OK');
      // The first attempt's failure, delivered late: the attempt was already cancelled.
      expect((await post('notify', result(first.fields, { RtnCode: '10100058', RtnMsg: '付款失敗' }))).body).toBe('1|OK');
      expect((await orderOf(order)).status).toBe('paid');
      expect((await paymentRow(first.paymentId)).status).toBe('cancelled');
      expect((await notices(first.fields.MerchantTradeNo!))[0]).toMatchObject({ outcome: 'stale' });
    });
  });

  describe('PaymentInfoURL', () => {
    it('an ATM account is stored with its deadline, and the order waits for it until then', async () => {
      const order = await place();
      const { paymentId, fields } = await started(order, 'atm');
      const until = new Date(Date.now() + 3 * 24 * 3600_000);
      const res = await post('payment-info', atmInfo(fields, until));
      expect(res.body).toBe('1|OK');
      const row = await paymentRow(paymentId);
      expect(row.status).toBe('pending');
      expect(row.code_info).toMatchObject({ kind: 'atm', bankCode: '812', vAccount: '9103522850923456' });
      const deadline = new Date(row.code_info.expiresAt as string);
      // The end of the Taiwan day the account can be paid on.
      expect(formatTaipeiDateTime(new Date(deadline.getTime() - 1000))).toBe(`${formatTaipeiDate(until)} 23:59:59`);
      const waiting = await orderOf(order);
      expect(new Date(waiting.reservationExpiresAt as string).getTime()).toBe(deadline.getTime());
      // The buyer reads the account to pay into on the order.
      expect((waiting.payments as Json[]).at(-1)).toMatchObject({
        ecpayMethod: 'atm',
        status: 'pending',
        code: { kind: 'atm', bankCode: '812', account: '9103522850923456', expiresAt: deadline.toISOString() },
        paidAt: null,
      });
      const { rows } = await h.pool.query("SELECT expires_at FROM stock_reservations WHERE reference = $1 AND status = 'active'", [
        order.id,
      ]);
      expect(rows.map((r: Json) => (r.expires_at as Date).getTime())).toEqual([deadline.getTime()]);
      // The same notice again: nothing new; then the money arrives.
      expect((await post('payment-info', atmInfo(fields, until))).body).toBe('1|OK');
      expect((await post('notify', result(fields, { PaymentType: 'ATM_TAISHIN' }))).body).toBe('1|OK');
      const paid = await orderOf(order);
      expect(paid.status).toBe('paid');
      expect((paid.payments as Json[]).at(-1)).toMatchObject({ status: 'succeeded', paidAt: expect.any(String) });
      // The code notice replayed after the payment: stale, nothing changes.
      expect((await post('payment-info', atmInfo(fields, until))).body).toBe('1|OK');
      expect((await notices(fields.MerchantTradeNo!)).map((n) => n.outcome)).toEqual(['applied', 'duplicate', 'applied', 'stale']);
    });
  });
});
