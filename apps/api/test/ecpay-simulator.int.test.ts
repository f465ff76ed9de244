// Paying through ECPay end to end over real HTTP: the API listening on a port, the ECPay simulator
// mounted beside it as `npm start` mounts it, the buyer's browser played by fetch. The simulator
// posts its notices to the API's ReturnURL and PaymentInfoURL and re-sends until it reads `1|OK`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from './api-calls.js';
import type { Harness } from './harness.js';
import { guest, shopHelpers, STORE } from './shop-helpers.js';
import { browserPost, createSimulatorHarness, eventually, hiddenFields } from './simulator-harness.js';

describe('ECPay through the simulator, over HTTP', () => {
  let h: Harness;
  let base: string;
  const s = shopHelpers(() => h);
  let pickup: Json;

  beforeAll(async () => {
    ({ h, base } = await createSimulatorHarness());
    await s.setUp('ecpay-sim');
    pickup = await s.shippingMethod('store_pickup', 0);
  });
  afterAll(() => h?.close());

  /** A guest's new order of two units at NT$700, the product's variant and the link token. */
  const place = async () => {
    const shopper = guest();
    const p = await s.product({ prices: [700], stock: 5 });
    const variantId = p.variants[0].id as string;
    await s.add(shopper, variantId, 2);
    const placed = s.ok(await s.checkout(shopper, await s.form(shopper, { shippingMethodId: pickup.id, store: STORE })), 201);
    const orderId = placed.order.id as string;
    const token = encodeURIComponent(placed.orderToken as string);
    const order = async () => s.ok(await s.call(shopper, 'GET', `/orders/${orderId}?token=${token}`));
    return { shopper, variantId, orderId, token, order, placed };
  };

  it('a card paid at the cashier pays the order; a declined one cancels it', async () => {
    for (const outcome of ['success', 'failure'] as const) {
      const o = await place();
      const started = s.ok(await s.call(o.shopper, 'POST', `/orders/${o.orderId}/payments?token=${o.token}`, { method: 'credit' }), 201);
      const page = await browserPost(started.form.action, started.form.fields);
      await browserPost(`${base}/_sim/ecpay/SimCashier/pay`, { ...hiddenFields(page), Outcome: outcome });
      const want = outcome === 'success' ? 'paid' : 'cancelled';
      await eventually(async () => ((await o.order()).status === want ? true : undefined), `the order is ${want}`);
      expect(await s.stockOf(o.variantId)).toMatchObject(outcome === 'success' ? { onHand: 3, reserved: 0 } : { onHand: 5, reserved: 0 });
    }
  });

  it('an ATM code is issued, stored and extends the order; paying it pays the order', async () => {
    const { shopper, variantId, orderId, token, order, placed } = await place();
    const before = new Date(placed.order.reservationExpiresAt as string);

    const started = s.ok(await s.call(shopper, 'POST', `/orders/${orderId}/payments?token=${token}`, { method: 'atm' }), 201);
    expect(started.form.action).toBe(`${base}/_sim/ecpay/Cashier/AioCheckOut/V5`);
    const merchantTradeNo = started.form.fields.MerchantTradeNo as string;

    // The browser posts the form to the cashier, then presses 取號.
    const page = await browserPost(started.form.action, started.form.fields);
    expect(page).toContain('取號');
    await browserPost(`${base}/_sim/ecpay/SimCashier/issue`, hiddenFields(page));

    const extended = await eventually(async () => {
      const o = await order();
      return new Date(o.reservationExpiresAt as string) > before ? o : undefined;
    }, 'the order waits for the ATM code');
    expect(extended.status).toBe('pending_payment');
    const { rows } = await h.pool.query('SELECT code_info FROM payments WHERE merchant_trade_no = $1', [merchantTradeNo]);
    expect(rows[0].code_info).toMatchObject({ kind: 'atm', bankCode: expect.stringMatching(/^\d{3}$/) });

    // The shopper pays at the ATM (the simulator's control stands in for the bank).
    const paid = await fetch(`${base}/_sim/ecpay/_controls/trades/3002607/${merchantTradeNo}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(paid.status, await paid.text()).toBe(200);
    await eventually(async () => ((await order()).status === 'paid' ? true : undefined), 'the order is paid');
    expect(await s.stockOf(variantId)).toMatchObject({ onHand: 3, reserved: 0 });

    // The simulator read `1|OK` for each notice at the first delivery: nothing left to re-send.
    const trade = (await (await fetch(`${base}/_sim/ecpay/_controls/trades/3002607/${merchantTradeNo}`)).json()) as Json;
    expect((trade.deliveries as Json[]).map((d) => [d.channel, d.attempt, d.outcome, d.answer])).toEqual([
      ['PaymentInfoURL', 1, 'acknowledged', '1|OK'],
      ['ReturnURL', 1, 'acknowledged', '1|OK'],
    ]);
  });
});
