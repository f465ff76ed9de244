// Paying through ECPay end to end over real HTTP, the flows around the happy path: a declined card,
// a store code that expires, a change of method (and the first code paid late), the browser back
// before ECPay's notice, the buyer's mail with an issued code, a code ECPay calls "not established"
// before its deadline, and staff's views of what ECPay sent. The API listens on a port with the
// ECPay simulator mounted beside it; the simulator posts its notices to the API.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cancelExpiredOrders } from '../src/modules/orders/index.js';
import { reconcileEcpayPayment, type EcpayDeps } from '../src/modules/payments/index.js';
import type { Json } from './api-calls.js';
import type { Harness } from './harness.js';
import { bearer, makeStaff, registerUser, uniqueEmail, type Signed } from './identity-helpers.js';
import { BUYER, guest, shopHelpers, STORE } from './shop-helpers.js';
import { expectStockInvariant } from './stock-helpers.js';
import { browserPost, createSimulatorHarness, eventually, hiddenFields } from './simulator-harness.js';

const MERCHANT = '3002607';

/** A time as read in Taiwan, as the mails write it: `2026/12/07 15:30`. */
const taipei = (iso: string) => {
  const t = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}/${two(t.getUTCMonth() + 1)}/${two(t.getUTCDate())} ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}`;
};

interface Mail {
  subject: string;
  text: string;
  html: string;
  template: string;
  locale: string;
}

describe('ECPay flows through the simulator, over HTTP', () => {
  let h: Harness;
  let base: string;
  const s = shopHelpers(() => h);
  let pickup: Json;
  let staff: Signed;
  let customer: Signed;

  beforeAll(async () => {
    // Queries made with a clock days ahead (a code's deadline) are still answered.
    ({ h, base } = await createSimulatorHarness({ queryToleranceSeconds: 30 * 86_400 }));
    await s.setUp('ecpay-flows');
    pickup = await s.shippingMethod('store_pickup', 0);
    staff = await makeStaff(h, ['ops']);
    customer = await registerUser(h);
  });
  afterEach(async () => {
    await fetch(`${base}/_sim/ecpay/_controls/faults`, { method: 'DELETE' });
    await expectStockInvariant(h);
  });
  afterAll(() => h?.close());

  /** The payments module's dependencies on the harness's database, with a clock of the test's choosing. */
  const depsAt = (at: Date): EcpayDeps => ({
    db: h.db,
    clock: { now: () => at },
    config: h.config,
    orders: { db: h.db, clock: { now: () => at }, config: h.config, linkKey: undefined },
  });

  /** A guest's new order of two units at NT$700 (NT$1,400), its variant and link token. */
  const place = async (over: { email?: string; locale?: 'zh-TW' | 'en' } = {}) => {
    const shopper = guest();
    const p = await s.product({ prices: [700], stock: 5 });
    const variantId = p.variants[0].id as string;
    await s.add(shopper, variantId, 2);
    const body = await s.form(shopper, {
      shippingMethodId: pickup.id,
      store: STORE,
      buyer: { ...BUYER, email: over.email ?? BUYER.email },
      ...(over.locale ? { locale: over.locale } : {}),
    });
    const placed = s.ok(await s.checkout(shopper, body), 201);
    const orderId = placed.order.id as string;
    const token = encodeURIComponent(placed.orderToken as string);
    const order = async () => s.ok(await s.call(shopper, 'GET', `/orders/${orderId}?token=${token}`));
    return { shopper, variantId, orderId, token, order, placed, orderNumber: placed.order.orderNumber as string };
  };
  type Placed = Awaited<ReturnType<typeof place>>;

  const control = async (path: string, body: Json = {}, status = 200) => {
    const res = await fetch(`${base}/_sim/ecpay/_controls${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.clone().text()).toBe(status);
    return (await res.json()) as Json;
  };
  const trade = async (merchantTradeNo: string) =>
    (await (await fetch(`${base}/_sim/ecpay/_controls/trades/${MERCHANT}/${merchantTradeNo}`)).json()) as Json;

  /** The buyer starts paying with `method` and takes the form to the simulator's cashier. */
  const start = async (o: Placed, method: string, fields?: (no: string) => Promise<void>) => {
    const started = s.ok(await s.call(o.shopper, 'POST', `/orders/${o.orderId}/payments?token=${o.token}`, { method }), 201);
    const merchantTradeNo = started.form.fields.MerchantTradeNo as string;
    await fields?.(merchantTradeNo);
    const page = await browserPost(started.form.action, started.form.fields);
    return { paymentId: started.paymentId as string, merchantTradeNo, page };
  };
  /** At the cashier: 取號 (an ATM account, a store code); waits until the shop stored it. */
  const issue = async (page: string, paymentId: string) => {
    await browserPost(`${base}/_sim/ecpay/SimCashier/issue`, hiddenFields(page));
    return eventually(async () => {
      const { rows } = await h.pool.query('SELECT code_info FROM payments WHERE id = $1', [paymentId]);
      return rows[0]?.code_info ? (rows[0].code_info as Json) : undefined;
    }, 'the code is stored');
  };
  /** The order's ECPay attempts as the shopper reads them, by id (attempts made in one clock tick have no order). */
  const attempt = (order: Json, id: string) => (order.payments as Json[]).find((p) => p.id === id);
  const statusIs = (o: Placed, want: string) =>
    eventually(async () => {
      const order = await o.order();
      return order.status === want ? order : undefined;
    }, `the order is ${want}`);
  const events = (type: string, aggregateId: string) =>
    s.count('SELECT count(*) AS n FROM event_outbox WHERE event_type = $1 AND aggregate_id = $2', [type, aggregateId]);
  const mailsTo = async (to: string): Promise<Mail[]> =>
    (await h.pool.query<Mail>('SELECT subject, text, html, template, locale FROM mail_messages WHERE lower("to") = lower($1)', [to])).rows;
  const staffGet = (url: string, who: Signed = staff) => h.app.inject({ method: 'GET', url: `/api${url}`, headers: bearer(who) });

  it('a declined card: the order goes payment_failed → cancelled, the stock is back, and the shopper reads it', async () => {
    const o = await place();
    const { page } = await start(o, 'credit');
    await browserPost(`${base}/_sim/ecpay/SimCashier/pay`, { ...hiddenFields(page), Outcome: 'failure' });

    const order = await statusIs(o, 'cancelled');
    expect(order.payments.filter((p: Json) => p.provider === 'ecpay')).toEqual([
      expect.objectContaining({ ecpayMethod: 'credit', status: 'failed', paidAt: null }),
    ]);
    expect(order.history.map((e: Json) => e.to)).toEqual(['pending_payment', 'payment_failed', 'cancelled']);
    expect(await s.stockOf(o.variantId)).toMatchObject({ onHand: 5, reserved: 0 });
    // Paying again is refused: the order no longer waits for money.
    const again = await s.call(o.shopper, 'POST', `/orders/${o.orderId}/payments?token=${o.token}`, { method: 'credit' });
    expect(again.statusCode).toBe(409);
  });

  it('a store code that expires: ECPay’s "not established" before the code’s deadline changes nothing; at the deadline the order is cancelled and the stock is back', async () => {
    const o = await place();
    const { paymentId, merchantTradeNo, page } = await start(o, 'cvs');
    const code = await issue(page, paymentId);
    expect(code).toMatchObject({ kind: 'cvs', paymentNo: expect.any(String) });
    const deadline = new Date(code.expiresAt as string);
    const shown = await o.order();
    expect(shown.reservationExpiresAt).toBe(deadline.toISOString());
    expect(attempt(shown, paymentId)).toMatchObject({ status: 'pending', code: { kind: 'cvs', paymentNo: code.paymentNo } });

    // The simulator's code expires now (ECPay sends nothing then); asked, it says "not established".
    await control(`/trades/${MERCHANT}/${merchantTradeNo}/expire`);
    const early = await reconcileEcpayPayment(depsAt(new Date()), paymentId);
    expect(early).toMatchObject({ outcome: 'ignored', tradeStatus: '10200095', statusBefore: 'pending', statusAfter: 'pending' });
    expect((await o.order()).status).toBe('pending_payment');
    expect(await s.stockOf(o.variantId)).toMatchObject({ onHand: 5, reserved: 2 });

    // The shop's own expiry at the code's deadline: the order is cancelled, its stock released.
    expect(await cancelExpiredOrders({ db: h.db, clock: { now: () => new Date(deadline.getTime() - 1000) } })).toBe(0);
    expect(await cancelExpiredOrders({ db: h.db, clock: { now: () => new Date(deadline.getTime() + 1000) } })).toBeGreaterThanOrEqual(1);
    const order = await o.order();
    expect(order.status).toBe('cancelled');
    expect(attempt(order, paymentId)).toMatchObject({ status: 'cancelled', code: { kind: 'cvs' } });
    expect(await s.stockOf(o.variantId)).toMatchObject({ onHand: 5, reserved: 0 });
    // Asked after that, ECPay's answer finds the attempt moved on.
    expect(await reconcileEcpayPayment(depsAt(new Date(deadline.getTime() + 60_000)), paymentId)).toMatchObject({
      outcome: 'stale',
      statusAfter: 'cancelled',
    });
  });

  it('reconciled past an expired code’s deadline, "not established" fails the attempt and cancels the order', async () => {
    const o = await place();
    const { paymentId, merchantTradeNo, page } = await start(o, 'atm');
    const code = await issue(page, paymentId);
    await control(`/trades/${MERCHANT}/${merchantTradeNo}/expire`);
    const after = new Date(new Date(code.expiresAt as string).getTime() + 60_000);
    expect(await reconcileEcpayPayment(depsAt(after), paymentId)).toMatchObject({
      outcome: 'applied',
      tradeStatus: '10200095',
      statusBefore: 'pending',
      statusAfter: 'failed',
    });
    expect((await o.order()).status).toBe('cancelled');
    expect(await s.stockOf(o.variantId)).toMatchObject({ onHand: 5, reserved: 0 });
  });

  it('a change of method: ATM first, then a card; the card pays the order; the first code paid late is flagged for a refund and sells nothing twice', async () => {
    const o = await place();
    h.clock.advance(1000); // each attempt a second after the one before, as a shopper would
    const atm = await start(o, 'atm');
    await issue(atm.page, atm.paymentId);
    h.clock.advance(1000);
    const card = await start(o, 'credit');
    expect(card.merchantTradeNo).not.toBe(atm.merchantTradeNo);
    const switched = await o.order();
    expect(attempt(switched, atm.paymentId)).toMatchObject({ ecpayMethod: 'atm', status: 'cancelled' });
    expect(attempt(switched, card.paymentId)).toMatchObject({ ecpayMethod: 'credit', status: 'pending' });

    await browserPost(`${base}/_sim/ecpay/SimCashier/pay`, { ...hiddenFields(card.page), Outcome: 'success' });
    await statusIs(o, 'paid');
    expect(await s.stockOf(o.variantId)).toMatchObject({ onHand: 3, reserved: 0 });

    // The shopper pays the old ATM code anyway: the money is recorded and flagged for a refund.
    await control(`/trades/${MERCHANT}/${atm.merchantTradeNo}/pay`);
    await eventually(async () => ((await events('payment.needs_refund', atm.paymentId)) === 1 ? true : undefined), 'needs_refund');
    const order = await o.order();
    expect(order.status).toBe('paid');
    expect(attempt(order, atm.paymentId)).toMatchObject({ status: 'succeeded' });
    expect(attempt(order, card.paymentId)).toMatchObject({ status: 'succeeded' });
    expect(await s.stockOf(o.variantId)).toMatchObject({ onHand: 3, reserved: 0 });
    expect(await events('order.paid', o.orderId)).toBe(1);

    // Staff see it on the flagged list and on the order's payments.
    const flagged = s.ok(await staffGet('/admin/payments/flagged?pageSize=100'));
    expect(flagged.items.filter((i: Json) => i.paymentId === atm.paymentId)).toEqual([
      expect.objectContaining({
        reason: 'needs_refund',
        orderId: o.orderId,
        orderNumber: o.orderNumber,
        orderStatus: 'paid',
        amount: 1400,
      }),
    ]);
    expect(flagged.items.some((i: Json) => i.paymentId === card.paymentId)).toBe(false);
    const view = s.ok(await staffGet(`/admin/orders/${o.orderId}/payments`));
    // Newest first: the card, then the ATM code (then the bank transfer chosen at checkout).
    expect(view.attempts.map((a: Json) => [a.merchantTradeNo, a.status])).toEqual([
      [card.merchantTradeNo, 'succeeded'],
      [atm.merchantTradeNo, 'succeeded'],
      [null, 'cancelled'],
    ]);
    const atmView = view.attempts[1];
    expect(atmView.code).toMatchObject({ kind: 'atm' });
    expect(atmView.notifications.map((n: Json) => [n.kind, n.outcome, n.flagged])).toEqual([
      ['return', 'applied', true],
      ['payment_info', 'applied', false],
    ]);
    expect(atmView.notifications[0].rawBody).toContain('CheckMacValue=');
    expect(atmView.notifications[0].fields).toEqual(expect.arrayContaining([{ name: 'MerchantTradeNo', value: atm.merchantTradeNo }]));
  });

  it('an ATM code paid after the shopper cancelled the order: the money is recorded and flagged, the order stays cancelled, the stock stays released', async () => {
    const o = await place();
    const atm = await start(o, 'atm');
    await issue(atm.page, atm.paymentId);
    s.ok(await s.call(o.shopper, 'POST', `/orders/${o.orderId}/cancel?token=${o.token}`, {}));
    expect(await s.stockOf(o.variantId)).toMatchObject({ onHand: 5, reserved: 0 });

    await control(`/trades/${MERCHANT}/${atm.merchantTradeNo}/pay`);
    await eventually(async () => ((await events('payment.needs_refund', atm.paymentId)) === 1 ? true : undefined), 'needs_refund');
    const order = await o.order();
    expect(order.status).toBe('cancelled');
    expect(attempt(order, atm.paymentId)).toMatchObject({ status: 'succeeded' });
    expect(await s.stockOf(o.variantId)).toMatchObject({ onHand: 5, reserved: 0 });
    expect(await events('order.paid', o.orderId)).toBe(0);

    const flagged = s.ok(await staffGet('/admin/payments/flagged?pageSize=100'));
    expect(flagged.items.filter((i: Json) => i.paymentId === atm.paymentId)).toEqual([
      expect.objectContaining({ reason: 'needs_refund', orderStatus: 'cancelled', paymentStatus: 'succeeded', reportedAmount: 1400 }),
    ]);
  });

  it('the browser comes back before ECPay’s notice: the order still says pending, then paid once the notice lands', async () => {
    const o = await place();
    const { page, paymentId } = await start(o, 'credit', async (no) => {
      await control('/faults', { merchantTradeNo: no, delayMs: 3000 });
    });
    await browserPost(`${base}/_sim/ecpay/SimCashier/pay`, { ...hiddenFields(page), Outcome: 'success' });
    // What the result page reads on the browser's return: nothing is paid on the browser's word.
    const back = await o.order();
    expect(back.status).toBe('pending_payment');
    expect(attempt(back, paymentId)).toMatchObject({ status: 'pending' });

    const paid = await statusIs(o, 'paid');
    expect(attempt(paid, paymentId)).toMatchObject({ status: 'succeeded', paidAt: expect.any(String) });
  });

  it('the browser comes back after ECPay’s notice: the order reads paid', async () => {
    const o = await place();
    const { page, merchantTradeNo, paymentId } = await start(o, 'credit');
    await browserPost(`${base}/_sim/ecpay/SimCashier/pay`, { ...hiddenFields(page), Outcome: 'success' });
    await eventually(async () => {
      const t = await trade(merchantTradeNo);
      return (t.deliveries as Json[]).some((d) => d.outcome === 'acknowledged') ? true : undefined;
    }, 'ECPay’s notice was acknowledged');
    const back = await o.order();
    expect(back.status).toBe('paid');
    expect(attempt(back, paymentId)).toMatchObject({ status: 'succeeded' });
  });

  it('a notice with another amount changes nothing and is flagged for staff', async () => {
    const o = await place();
    const { page, paymentId } = await start(o, 'credit', async (no) => {
      await control('/faults', { merchantTradeNo: no, amountDelta: -1000 });
    });
    await browserPost(`${base}/_sim/ecpay/SimCashier/pay`, { ...hiddenFields(page), Outcome: 'success' });
    const flagged = await eventually(async () => {
      const list = s.ok(await staffGet('/admin/payments/flagged?pageSize=100'));
      const mine = list.items.filter((i: Json) => i.paymentId === paymentId);
      return mine.length > 0 ? mine : undefined;
    }, 'the mismatch is flagged');
    expect(flagged[0]).toMatchObject({ reason: 'amount_mismatch', amount: 1400, reportedAmount: 400, orderStatus: 'pending_payment' });
    expect((await o.order()).status).toBe('pending_payment');
    const view = s.ok(await staffGet(`/admin/orders/${o.orderId}/payments`));
    expect(view.attempts.find((a: Json) => a.id === paymentId).notifications[0]).toMatchObject({
      kind: 'return',
      outcome: 'amount_mismatch',
      flagged: true,
    });
  });

  it('staff views: a customer is refused, an unknown order is 404', async () => {
    const o = await place();
    expect((await staffGet(`/admin/orders/${o.orderId}/payments`, customer)).statusCode).toBe(403);
    expect((await staffGet('/admin/payments/flagged', customer)).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'GET', url: `/api/admin/orders/${o.orderId}/payments` })).statusCode).toBe(401);
    const missing = await staffGet('/admin/orders/00000000-0000-4000-8000-000000000000/payments');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'ORDER_NOT_FOUND' });
    // A manual payment has no notices.
    expect(s.ok(await staffGet(`/admin/orders/${o.orderId}/payments`)).attempts).toEqual([
      expect.objectContaining({ provider: 'manual', merchantTradeNo: null, notifications: [] }),
    ]);
  });

  describe('the payment-code mail', () => {
    const codeMail = async (o: Placed, email: string) => {
      const { paymentId, merchantTradeNo, page } = await start(o, 'atm');
      const code = await issue(page, paymentId);
      await h.deliverEvents();
      return { paymentId, merchantTradeNo, code, mails: (await mailsTo(email)).filter((m) => m.template === 'payment_code') };
    };

    it('an ATM account issued: one mail in Chinese with the account, the amount, the deadline in Taiwan time and the order link; a re-sent notice sends nothing more', async () => {
      const email = uniqueEmail('atm-zh');
      const o = await place({ email });
      const { merchantTradeNo, code, mails } = await codeMail(o, email);
      expect(mails).toHaveLength(1);
      const mail = mails[0]!;
      expect(mail).toMatchObject({ locale: 'zh-TW', subject: `【好物小舖】付款資訊通知（訂單編號 ${o.orderNumber}）` });
      expect(mail.text).toContain(`銀行代碼：${code.bankCode}`);
      expect(mail.text).toContain(`轉帳帳號：${code.vAccount}`);
      expect(mail.text).toContain('應付金額：NT$1,400');
      expect(mail.text).toContain(`繳費期限：${taipei(code.expiresAt as string)}（台灣時間）前`);
      expect(mail.html).toContain(code.vAccount as string);
      const link = mail.text.split('\n').find((l) => l.startsWith(`${base}/orders/`))!;
      expect(link.startsWith(`${base}/orders/${o.orderId}?token=`)).toBe(true);
      // The link's token opens the order for anyone holding the mail.
      const opened = await s.call(
        guest(),
        'GET',
        `/orders/${o.orderId}?token=${encodeURIComponent(new URL(link).searchParams.get('token')!)}`,
      );
      expect(opened.statusCode).toBe(200);

      // ECPay sends the same notice again: the same code, nothing new to mail.
      await control(`/trades/${MERCHANT}/${merchantTradeNo}/resend`, {}, 202);
      await eventually(async () => {
        const t = await trade(merchantTradeNo);
        return (t.deliveries as Json[]).filter((d) => d.channel === 'PaymentInfoURL' && d.outcome === 'acknowledged').length >= 2
          ? true
          : undefined;
      }, 'the re-sent notice was acknowledged');
      await h.deliverEvents();
      expect((await mailsTo(email)).filter((m) => m.template === 'payment_code')).toHaveLength(1);
    });

    it('an English buyer gets the mail in English, with the /en order link', async () => {
      const email = uniqueEmail('atm-en');
      const o = await place({ email, locale: 'en' });
      const { code, mails } = await codeMail(o, email);
      expect(mails).toHaveLength(1);
      const mail = mails[0]!;
      expect(mail).toMatchObject({ locale: 'en', subject: `Goodies Shop: how to pay for order ${o.orderNumber}` });
      expect(mail.text).toContain(`Account number: ${code.vAccount}`);
      expect(mail.text).toContain(`Pay by: ${taipei(code.expiresAt as string)} (Taiwan time)`);
      expect(mail.text).toContain(`${base}/en/orders/${o.orderId}?token=`);
    });

    it('a redelivered event queues nothing more', async () => {
      const email = uniqueEmail('atm-again');
      const o = await place({ email });
      const { paymentId, mails } = await codeMail(o, email);
      expect(mails).toHaveLength(1);
      const { rowCount } = await h.pool.query(
        `UPDATE event_outbox SET status = 'pending', attempts = 0, next_run_at = now() - interval '1 minute'
          WHERE event_type = 'payment.code_issued' AND aggregate_id = $1`,
        [paymentId],
      );
      expect(rowCount).toBe(1);
      await h.deliverEvents();
      expect((await mailsTo(email)).filter((m) => m.template === 'payment_code')).toHaveLength(1);
    });
  });
});
