// Reconciliation with ECPay over real HTTP: the API listening on a port with the ECPay simulator
// mounted beside it; the simulator is told to drop its notices, so only QueryTradeInfo tells the
// shop that a trade was paid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileEcpayPayment, reconcilePendingEcpayPayments, type EcpayDeps } from '../src/modules/payments/index.js';
import type { Json } from './api-calls.js';
import { createHarness, type Harness } from './harness.js';
import { bearer, makeStaff, registerUser, type Signed } from './identity-helpers.js';
import { guest, shopHelpers, STORE } from './shop-helpers.js';
import { browserPost, createSimulatorHarness, freePort, hiddenFields } from './simulator-harness.js';

const taipeiDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei' }).format(d);

/** The payments module's dependencies on the harness's database, with a clock of the test's choosing. */
const depsOf = (h: Harness, now: () => Date = () => h.clock.now()): EcpayDeps => ({
  db: h.db,
  clock: { now },
  config: h.config,
  orders: { db: h.db, clock: { now }, config: h.config, linkKey: undefined },
});

/** A shop on `h` and a way to place a guest's order of two units at NT$700 and start paying it by card. */
function shop(h: () => Harness) {
  const s = shopHelpers(h);
  let pickup: Json;
  return {
    s,
    async setUp(tag: string) {
      await s.setUp(tag);
      pickup = await s.shippingMethod('store_pickup', 0);
    },
    async placeAndStart() {
      const shopper = guest();
      const p = await s.product({ prices: [700], stock: 5 });
      const variantId = p.variants[0].id as string;
      await s.add(shopper, variantId, 2);
      const placed = s.ok(await s.checkout(shopper, await s.form(shopper, { shippingMethodId: pickup.id, store: STORE })), 201);
      const orderId = placed.order.id as string;
      const token = encodeURIComponent(placed.orderToken as string);
      const started = s.ok(await s.call(shopper, 'POST', `/orders/${orderId}/payments?token=${token}`, { method: 'credit' }), 201);
      const order = async () => s.ok(await s.call(shopper, 'GET', `/orders/${orderId}?token=${token}`));
      return {
        variantId,
        orderId,
        orderNumber: placed.order.orderNumber as string,
        order,
        paymentId: started.paymentId as string,
        form: started.form as { action: string; fields: Record<string, string> },
      };
    },
  };
}

describe('reconciling ECPay payments through the simulator, over HTTP', () => {
  let h: Harness;
  let base: string;
  const shopOf = shop(() => h);
  const s = shopOf.s;
  let staff: Signed;
  let customer: Signed;

  beforeAll(async () => {
    // The job's clock runs ahead of the simulator's: it accepts any TimeStamp within the hour.
    ({ h, base } = await createSimulatorHarness({ queryToleranceSeconds: 3600 }));
    await shopOf.setUp('ecpay-reconcile');
    staff = await makeStaff(h, ['ops']);
    customer = await registerUser(h);
  });
  afterAll(() => h?.close());

  const control = async (path: string, body: Json) => {
    const res = await fetch(`${base}/_sim/ecpay/_controls${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.text()).toBe(200);
  };
  /** The buyer pays by card at the simulator's cashier; the simulator never sends its notice. */
  const payWithoutNotice = async (o: { form: { action: string; fields: Record<string, string> } }) => {
    await control('/faults', { merchantTradeNo: o.form.fields.MerchantTradeNo, drop: true });
    const page = await browserPost(o.form.action, o.form.fields);
    await browserPost(`${base}/_sim/ecpay/SimCashier/pay`, { ...hiddenFields(page), Outcome: 'success' });
  };
  const events = (type: string, aggregateId: string) =>
    s.count('SELECT count(*) AS n FROM event_outbox WHERE event_type = $1 AND aggregate_id = $2', [type, aggregateId]);
  const queries = async (paymentId: string) =>
    (
      await h.pool.query(
        `SELECT outcome, payment_status_before, payment_status_after, raw_body, detail FROM payment_notifications
          WHERE payment_id = $1 AND kind = 'query' ORDER BY received_at, id`,
        [paymentId],
      )
    ).rows as Json[];
  const reconcileRoute = (orderId: string, who: Signed) =>
    h.app.inject({ method: 'POST', url: `/api/admin/orders/${orderId}/payments/reconcile`, headers: bearer(who) });

  it('the job finds a paid trade whose notice never came: the order is paid once, and a second query changes nothing', async () => {
    const o = await shopOf.placeAndStart();
    await payWithoutNotice(o);
    expect((await o.order()).status).toBe('pending_payment');

    // Too early: the attempt has not been pending for 15 minutes.
    const early = await reconcilePendingEcpayPayments(depsOf(h));
    expect(early.map((r) => r.paymentId)).not.toContain(o.paymentId);

    const later = new Date(h.clock.now().getTime() + 16 * 60_000);
    const done = await reconcilePendingEcpayPayments(depsOf(h, () => later));
    expect(done.find((r) => r.paymentId === o.paymentId)).toMatchObject({
      statusBefore: 'pending',
      statusAfter: 'succeeded',
      outcome: 'applied',
      tradeStatus: '1',
    });
    expect((await o.order()).status).toBe('paid');
    expect(await s.stockOf(o.variantId)).toMatchObject({ onHand: 3, reserved: 0 });
    expect(await events('order.paid', o.orderId)).toBe(1);

    // The job does not take it again (no longer pending); asked once more, ECPay's answer is a duplicate.
    const again = await reconcilePendingEcpayPayments(depsOf(h, () => new Date(later.getTime() + 60 * 60_000)));
    expect(again.map((r) => r.paymentId)).not.toContain(o.paymentId);
    expect(
      await reconcileEcpayPayment(
        depsOf(h, () => new Date(later.getTime() + 60_000)),
        o.paymentId,
      ),
    ).toMatchObject({
      statusBefore: 'succeeded',
      statusAfter: 'succeeded',
      outcome: 'duplicate',
    });
    expect(await events('order.paid', o.orderId)).toBe(1);
    expect(await s.stockOf(o.variantId)).toMatchObject({ onHand: 3, reserved: 0 });
    const stored = await queries(o.paymentId);
    expect(stored.map((q) => q.outcome)).toEqual(['applied', 'duplicate']);
    expect(stored[0]).toMatchObject({ payment_status_before: 'pending', payment_status_after: 'succeeded' });
    expect(stored[0]!.raw_body).toContain('TradeStatus=1');

    // The day's report lists the change.
    const report = s.ok(
      await h.app.inject({
        method: 'GET',
        url: `/api/admin/payments/reconciliations?date=${taipeiDate(later)}`,
        headers: bearer(staff),
      }),
    );
    expect(report.items.filter((i: Json) => i.paymentId === o.paymentId)).toEqual([
      expect.objectContaining({ orderId: o.orderId, orderNumber: o.orderNumber, from: 'pending', to: 'succeeded', amount: 1400 }),
    ]);
  });

  it('staff reconcile one order now: its paid trade pays it; a customer may not', async () => {
    const o = await shopOf.placeAndStart();
    await payWithoutNotice(o);

    const refused = await reconcileRoute(o.orderId, customer);
    expect(refused.statusCode).toBe(403);
    expect((await o.order()).status).toBe('pending_payment');

    const found = s.ok(await reconcileRoute(o.orderId, staff));
    expect(found).toMatchObject({
      orderId: o.orderId,
      orderStatus: 'paid',
      attempts: [{ paymentId: o.paymentId, statusBefore: 'pending', statusAfter: 'succeeded', outcome: 'applied', tradeStatus: '1' }],
    });
    expect(await s.stockOf(o.variantId)).toMatchObject({ onHand: 3, reserved: 0 });
    expect(await events('order.paid', o.orderId)).toBe(1);

    // Nothing pending any more: nothing to ask.
    expect(s.ok(await reconcileRoute(o.orderId, staff))).toMatchObject({ orderStatus: 'paid', attempts: [] });
    expect(await events('order.paid', o.orderId)).toBe(1);
  });

  it('a trade not paid yet changes nothing', async () => {
    const o = await shopOf.placeAndStart();
    await browserPost(o.form.action, o.form.fields); // at the cashier, not paid

    const found = s.ok(await reconcileRoute(o.orderId, staff));
    expect(found).toMatchObject({
      orderStatus: 'pending_payment',
      attempts: [{ paymentId: o.paymentId, statusBefore: 'pending', statusAfter: 'pending', outcome: 'ignored', tradeStatus: '0' }],
    });
    expect(await s.stockOf(o.variantId)).toMatchObject({ onHand: 5, reserved: 2 });
    expect(await events('order.paid', o.orderId)).toBe(0);
  });

  it('a trade the buyer never took to the cashier is unknown to ECPay and changes nothing', async () => {
    const o = await shopOf.placeAndStart();
    const found = s.ok(await reconcileRoute(o.orderId, staff));
    expect(found).toMatchObject({ orderStatus: 'pending_payment', attempts: [{ outcome: 'ignored', tradeStatus: '10200047' }] });
  });

  it('an unknown order answers 404; a date that does not exist answers 400', async () => {
    const missing = await reconcileRoute('00000000-0000-4000-8000-000000000000', staff);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'ORDER_NOT_FOUND' });
    const bad = await h.app.inject({ method: 'GET', url: '/api/admin/payments/reconciliations?date=2026-02-30', headers: bearer(staff) });
    expect(bad.statusCode).toBe(400);
  });
});

describe('reconciling when ECPay cannot be reached', () => {
  let h: Harness;
  const shopOf = shop(() => h);
  const s = shopOf.s;

  beforeAll(async () => {
    // Nothing listens on this port: the query URL (PUBLIC_URL + the simulator's path) refuses connections.
    h = await createHarness({ env: { PUBLIC_URL: `http://127.0.0.1:${await freePort()}` } });
    await shopOf.setUp('ecpay-unreachable');
  });
  afterAll(() => h?.close());

  it('the failure is recorded, the order stays as it was, and staff read what happened', async () => {
    const o = await shopOf.placeAndStart();
    const staff = await makeStaff(h, ['ops']);
    const res = await h.app.inject({ method: 'POST', url: `/api/admin/orders/${o.orderId}/payments/reconcile`, headers: bearer(staff) });
    expect(s.ok(res)).toMatchObject({
      orderStatus: 'pending_payment',
      attempts: [{ paymentId: o.paymentId, statusBefore: 'pending', statusAfter: 'pending', outcome: 'unreachable', tradeStatus: null }],
    });
    const { rows } = await h.pool.query(`SELECT kind, outcome, detail FROM payment_notifications WHERE payment_id = $1`, [o.paymentId]);
    expect(rows).toEqual([{ kind: 'query', outcome: 'unreachable', detail: expect.any(String) }]);
    expect(await s.stockOf(o.variantId)).toMatchObject({ onHand: 5, reserved: 2 });
  });
});
