// Orders on a real database: numbers, the state machine through the staff routes, staff edits at a
// version, expiry with two sweepers, and who may see and cancel which order.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../../test/api-calls.js';
import { createHarness, type Harness } from '../../../test/harness.js';
import { expectStockInvariant } from '../../../test/stock-helpers.js';
import { bearer, makeStaff, registerUser, type Signed } from '../../../test/identity-helpers.js';
import { BUYER, guest, HOME, member, shopHelpers, STORE, type Shopper } from '../../../test/shop-helpers.js';
import { allocateOrderNumber, cancelExpiredOrders } from './index.js';

describe('orders', () => {
  let h: Harness;
  const s = shopHelpers(() => h);
  let pickup: Json;
  let home: Json;
  let ops: Signed;

  beforeAll(async () => {
    h = await createHarness();
    await s.setUp('orders');
    pickup = await s.shippingMethod('store_pickup', 0);
    home = await s.shippingMethod('home_delivery', 0);
    ops = await makeStaff(h, ['ops']);
  });
  afterEach(() => expectStockInvariant(h));
  afterAll(() => h?.close());

  /** Places an order of `quantity` units of a new product for the shopper; answers the checkout's answer and the variant. */
  const place = async (
    shopper: Shopper = guest(),
    opts: { quantity?: number; stock?: number; coupon?: string; homeDelivery?: boolean; cashOnDelivery?: boolean } = {},
  ) => {
    const p = await s.product({ prices: [500], stock: opts.stock ?? 10 });
    const v = p.variants[0].id as string;
    await s.add(shopper, v, opts.quantity ?? 1);
    if (opts.coupon) s.ok(await s.call(shopper, 'POST', '/cart/coupon', { code: opts.coupon }));
    const body = await s.form(shopper, {
      ...(opts.homeDelivery ? { shippingMethodId: home.id, address: HOME } : { shippingMethodId: pickup.id, store: STORE }),
      ...(opts.cashOnDelivery ? { paymentMethod: 'cash_on_delivery' } : {}),
    });
    const placed = s.ok(await s.checkout(shopper, body), 201);
    return { ...placed, variantId: v, shopper } as Json;
  };
  const staff = (who: Signed, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    h.app.inject({ method, url: `/api${url}`, headers: bearer(who), ...(payload === undefined ? {} : { payload: payload as Json }) });
  const move = (id: string, to: string, reason?: string) =>
    staff(ops, 'POST', `/admin/orders/${id}/transition`, { to, ...(reason ? { reason } : {}) });

  describe('order numbers', () => {
    const fixed = (iso: string) => ({ now: () => new Date(iso) });
    const deps = (instanceId: number, iso: string) => ({
      db: h.db,
      clock: fixed(iso),
      config: { orders: { instanceId, paymentWindowMin: { bank_transfer: 30, cash_on_delivery: 30, ecpay: 30 } } },
    });

    it('are 19 digits and never the same from two instances in the same second', async () => {
      const at = '2026-12-07T01:00:00Z';
      const a = await allocateOrderNumber(deps(1, at), null);
      const b = await allocateOrderNumber(deps(2, at), null);
      expect(a).toMatch(/^\d{19}$/);
      expect(b).toMatch(/^\d{19}$/);
      expect(a).not.toBe(b);
      expect(a.slice(0, 10)).toBe(String(Date.parse(at) / 1000));
      expect(a.slice(10, 13)).toBe('001');
      expect(b.slice(10, 13)).toBe('002');
    });

    it('refuse a clock that went back', async () => {
      await allocateOrderNumber(deps(3, '2026-12-07T02:00:10Z'), null);
      await expect(allocateOrderNumber(deps(3, '2026-12-07T02:00:09Z'), null)).rejects.toMatchObject({
        code: 'ORDER_NUMBER_UNAVAILABLE',
        status: 503,
        extra: { reason: 'clock_behind' },
      });
      expect(await allocateOrderNumber(deps(3, '2026-12-07T02:00:11Z'), null)).toMatch(/000$/);
    });

    it('take the next second when the request waited past the last number’s second (no clock went back)', async () => {
      await allocateOrderNumber(deps(5, '2026-12-07T04:00:11Z'), null);
      // Read at :10 before waiting for a connection; at :12 by the time the refusal came back.
      const readings = ['2026-12-07T04:00:10Z', '2026-12-07T04:00:12Z'];
      const clock = { now: () => new Date(readings.shift() ?? '2026-12-07T04:00:12Z') };
      const number = await allocateOrderNumber({ ...deps(5, '2026-12-07T04:00:10Z'), clock }, null);
      expect(number.slice(0, 10)).toBe(String(Date.parse('2026-12-07T04:00:12Z') / 1000));
    });

    it('make 1000 numbers in one second, then refuse the next until the next second', async () => {
      const at = '2026-12-07T03:00:00Z';
      const made = new Set<string>();
      for (let i = 0; i < 1000; i++) made.add(await allocateOrderNumber(deps(4, at), null));
      expect(made.size).toBe(1000);
      await expect(allocateOrderNumber(deps(4, at), null)).rejects.toMatchObject({
        code: 'ORDER_NUMBER_UNAVAILABLE',
        extra: { reason: 'exhausted' },
      });
      expect(await allocateOrderNumber(deps(4, '2026-12-07T03:00:01Z'), null)).toMatch(/^\d{19}$/);
    });
  });

  describe('the state machine through staff', () => {
    it('takes an order from payment to completion, settling stock and payment, with history and events', async () => {
      const { order, variantId } = await place(guest(), { quantity: 2 });
      const id = order.id as string;
      expect(s.ok(await move(id, 'paid'))).toMatchObject({
        status: 'paid',
        reservationExpiresAt: null,
        payments: [{ status: 'succeeded' }],
      });
      expect(await s.stockOf(variantId)).toEqual({ onHand: 8, reserved: 0, available: 8 });
      s.ok(await move(id, 'preparing_shipment'));
      s.ok(await move(id, 'shipped'));
      const done = s.ok(await move(id, 'completed'));
      expect(done.history.map((e: Json) => [e.from, e.to, e.actorType])).toEqual([
        [null, 'pending_payment', 'guest'],
        ['pending_payment', 'paid', 'staff'],
        ['paid', 'preparing_shipment', 'staff'],
        ['preparing_shipment', 'shipped', 'staff'],
        ['shipped', 'completed', 'staff'],
      ]);
      const { rows } = await h.pool.query('SELECT event_type FROM event_outbox WHERE aggregate_id = $1 ORDER BY id', [id]);
      expect(
        rows
          .map((r) => r.event_type as string)
          .filter((t) => t.startsWith('order.'))
          .sort(),
      ).toEqual(['order.completed', 'order.created', 'order.paid', 'order.preparation_started', 'order.shipped']);
      const refused = await move(id, 'cancelled', 'too late');
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'ORDER_INVALID_TRANSITION', from: 'completed', to: 'cancelled' });
    });

    it('ships a cash-on-delivery order unpaid: stock and coupon final when staff accept it, the cash received at completion', async () => {
      const promotionId = await s.coupon('COD50', { rule: { kind: 'order_fixed', amountOff: 50, minSubtotal: 0 } });
      const { order, variantId } = await place(guest(), { quantity: 2, homeDelivery: true, cashOnDelivery: true, coupon: 'COD50' });
      const id = order.id as string;
      expect(order).toMatchObject({ paymentMethod: 'cash_on_delivery', payments: [{ status: 'pending' }] });
      const accepted = s.ok(await move(id, 'preparing_shipment'));
      expect(accepted).toMatchObject({ status: 'preparing_shipment', reservationExpiresAt: null, payments: [{ status: 'pending' }] });
      expect(await s.stockOf(variantId)).toEqual({ onHand: 8, reserved: 0, available: 8 });
      expect(await s.count("SELECT count(*) AS n FROM promotion_redemptions WHERE reference = $1 AND status = 'final'", [id])).toBe(1);
      // Accepted: no deadline left for the expiry sweeper, no reservation left to expire.
      expect(await s.count("SELECT count(*) AS n FROM stock_reservations WHERE reference = $1 AND status = 'active'", [id])).toBe(0);
      s.ok(await move(id, 'shipped'));
      const done = s.ok(await move(id, 'completed'));
      expect(done).toMatchObject({ status: 'completed', payments: [{ status: 'succeeded' }] });
      expect(await s.count('SELECT uses AS n FROM promotions WHERE id = $1', [promotionId])).toBe(1);

      // A bank transfer is shipped only once paid.
      const prepaid = await place();
      const refused = await move(prepaid.order.id, 'preparing_shipment');
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'ORDER_INVALID_TRANSITION', from: 'pending_payment', to: 'preparing_shipment' });
    });

    it('fulfils an order with nothing to ship when it is paid', async () => {
      const p = await s.product({ prices: [300], stock: 10, over: { type: 'virtual' } });
      const g = guest();
      await s.add(g, p.variants[0].id, 1);
      const placed = s.ok(await s.checkout(g, await s.form(g)), 201);
      const done = s.ok(await move(placed.order.id, 'paid'));
      expect(done).toMatchObject({ status: 'completed', needsShipping: false, payments: [{ status: 'succeeded' }] });
      expect(done.history.map((e: Json) => [e.from, e.to, e.actorType, e.reason])).toEqual([
        [null, 'pending_payment', 'guest', null],
        ['pending_payment', 'paid', 'staff', null],
        ['paid', 'completed', 'system', 'fulfilled_on_payment'],
      ]);
      expect(await s.stockOf(p.variants[0].id)).toEqual({ onHand: 9, reserved: 0, available: 9 });
    });

    it('cancels after a failed payment and gives the stock back; refund moves are not made by hand', async () => {
      const failed = await place();
      s.ok(await move(failed.order.id, 'payment_failed'));
      expect(s.ok(await move(failed.order.id, 'cancelled', 'no payment'))).toMatchObject({
        status: 'cancelled',
        payments: [{ status: 'cancelled' }],
      });
      expect(await s.stockOf(failed.variantId)).toMatchObject({ reserved: 0, available: 10 });

      // A refund moves the order as it is asked and decided, with its money (the refunds' own routes).
      const o = await place();
      s.ok(await move(o.order.id, 'paid'));
      const byHand = await move(o.order.id, 'refund_requested');
      expect(byHand.statusCode).toBe(409);
      expect(byHand.json()).toMatchObject({ code: 'ORDER_INVALID_TRANSITION', from: 'paid', to: 'refund_requested' });
      expect(s.ok(await staff(ops, 'GET', `/admin/orders/${o.order.id}`)).status).toBe('paid');
    });

    it('refuses moves outside the table, and staff cancelling without a reason', async () => {
      const o = await place();
      for (const to of ['shipped', 'completed', 'refunded', 'preparing_shipment']) {
        const res = await move(o.order.id, to);
        expect(res.statusCode, to).toBe(409);
        expect(res.json().code).toBe('ORDER_INVALID_TRANSITION');
      }
      expect((await move(o.order.id, 'cancelled')).statusCode).toBe(400);
      expect((await staff(ops, 'POST', `/admin/orders/${o.order.id}/cancel`, { reason: '客戶來電取消' })).statusCode).toBe(200);
    });

    it('lets staff edit at the version they read, and not after the parcel left', async () => {
      const o = await place(guest(), { homeDelivery: true });
      const id = o.order.id as string;
      const edited = s.ok(
        await staff(ops, 'PATCH', `/admin/orders/${id}`, {
          version: o.order.version,
          note: '改送公司',
          recipient: { name: '陳美麗', mobile: '0922333444' },
          address: { ...HOME, line: '忠孝東路四段1號' },
        }),
      );
      expect(edited).toMatchObject({
        note: '改送公司',
        recipient: { name: '陳美麗' },
        address: { line: '忠孝東路四段1號' },
        version: o.order.version + 1,
      });
      const stale = await staff(ops, 'PATCH', `/admin/orders/${id}`, { version: o.order.version, note: 'old' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: edited.version });
      s.ok(await move(id, 'paid'));
      s.ok(await move(id, 'preparing_shipment'));
      const shipped = s.ok(await move(id, 'shipped'));
      const late = await staff(ops, 'PATCH', `/admin/orders/${id}`, {
        version: shipped.version,
        recipient: { name: '陳美麗', mobile: '0922333445' },
      });
      expect(late.json()).toMatchObject({ code: 'ORDER_NOT_EDITABLE' });
      // The note stays editable.
      expect(s.ok(await staff(ops, 'PATCH', `/admin/orders/${id}`, { version: shipped.version, note: '已出貨' })).note).toBe('已出貨');
    });
  });

  describe('shoppers', () => {
    it('show a member their own orders and answer 404 for someone else’s', async () => {
      const a = member(await registerUser(h));
      const b = member(await registerUser(h));
      const placed = await place(a);
      const id = placed.order.id as string;
      expect(s.ok(await s.call(a, 'GET', `/orders/${id}`)).id).toBe(id);
      expect((await s.call(b, 'GET', `/orders/${id}`)).statusCode).toBe(404);
      expect((await s.call(b, 'POST', `/orders/${id}/cancel`, {})).statusCode).toBe(404);
      expect(s.ok(await s.call(b, 'GET', '/orders')).items).toEqual([]);
      expect(s.ok(await s.call(a, 'GET', '/orders?status=cancelled')).items).toEqual([]);
      // The owner cancels: stock back; a second time is refused.
      expect(s.ok(await s.call(a, 'POST', `/orders/${id}/cancel`, {})).status).toBe('cancelled');
      expect(await s.stockOf(placed.variantId)).toMatchObject({ reserved: 0 });
      expect((await s.call(a, 'POST', `/orders/${id}/cancel`, {})).json()).toMatchObject({ code: 'ORDER_INVALID_TRANSITION' });
    });

    it('let a guest in with the link of that order only, or by number, e-mail and mobile', async () => {
      const one = await place();
      const two = await place();
      expect((await s.call(guest(), 'GET', `/orders/${two.order.id}?token=${one.orderToken}`)).statusCode).toBe(404);
      expect((await s.call(guest(), 'GET', `/orders/${one.order.id}?token=not-a-token`)).statusCode).toBe(404);
      const found = s.ok(
        await s.call(guest(), 'POST', '/orders/lookup', {
          orderNumber: one.order.orderNumber,
          email: BUYER.email.toUpperCase(),
          mobile: BUYER.mobile,
        }),
      );
      expect(found.order.id).toBe(one.order.id);
      expect(s.ok(await s.call(guest(), 'GET', `/orders/${one.order.id}?token=${found.token}`)).id).toBe(one.order.id);
      const wrong = await s.call(guest(), 'POST', '/orders/lookup', {
        orderNumber: one.order.orderNumber,
        email: BUYER.email,
        mobile: '0900000000',
      });
      expect(wrong.statusCode).toBe(404);
      // The guest cancels through the link.
      expect(s.ok(await s.call(guest(), 'POST', `/orders/${two.order.id}/cancel?token=${two.orderToken}`, {})).status).toBe('cancelled');
    });
  });

  describe('staff lists', () => {
    it('filter by status, number, buyer, payment status and shipping method; customers may not', async () => {
      const o = await place(guest(), { homeDelivery: true });
      const q = async (query: string) => s.ok(await staff(ops, 'GET', `/admin/orders?${query}`));
      expect((await q(`orderNumber=${o.order.orderNumber}`)).items.map((i: Json) => i.id)).toEqual([o.order.id]);
      expect((await q(`orderNumber=${o.order.orderNumber}&status=paid`)).items).toEqual([]);
      const byEmail = await q(`email=${encodeURIComponent(BUYER.email.toUpperCase())}&shippingMethodId=${home.id}&pageSize=100`);
      expect(byEmail.items.map((i: Json) => i.id)).toContain(o.order.id);
      expect(byEmail.items.find((i: Json) => i.id === o.order.id)).toMatchObject({
        buyerEmail: BUYER.email,
        buyerMobile: BUYER.mobile,
        paymentStatus: 'pending',
      });
      s.ok(await move(o.order.id, 'paid'));
      expect((await q('paymentStatus=succeeded&pageSize=100')).items.map((i: Json) => i.id)).toContain(o.order.id);
      expect((await q('paymentStatus=pending&pageSize=100')).items.map((i: Json) => i.id)).not.toContain(o.order.id);
      const csv = await staff(ops, 'GET', `/admin/orders.csv?orderNumber=${o.order.orderNumber}`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const csvLines = csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(csvLines).toHaveLength(2);
      expect(csvLines[1]).toContain(`${o.order.orderNumber},`);
      expect(csvLines[1]).toContain(BUYER.email);
      const sorted = await q('sort=total&dir=asc&pageSize=100');
      expect(sorted.total).toBeGreaterThan(0);
      const customer = await registerUser(h);
      expect((await staff(customer, 'GET', '/admin/orders')).statusCode).toBe(403);
      expect((await staff(customer, 'POST', `/admin/orders/${o.order.id}/transition`, { to: 'preparing_shipment' })).statusCode).toBe(403);
      expect((await h.app.inject({ method: 'GET', url: '/api/admin/orders' })).statusCode).toBe(401);
    });
  });
  // Last: it moves the clock past the staff's session.
  describe('expiry', () => {
    it('cancels an unpaid order past its deadline once, with two sweepers at the same time', async () => {
      const promotionId = await s.coupon('EXPIRE20', { rule: { kind: 'order_fixed', amountOff: 20, minSubtotal: 0 } });
      const o = await place(guest(), { quantity: 3, coupon: 'EXPIRE20' });
      const id = o.order.id as string;
      expect(await s.count('SELECT uses AS n FROM promotions WHERE id = $1', [promotionId])).toBe(1);
      // Not yet due.
      expect(await cancelExpiredOrders({ db: h.db, clock: h.clock })).toBe(0);
      h.clock.advance(31 * 60 * 1000);
      const [a, b] = await Promise.all([
        cancelExpiredOrders({ db: h.db, clock: h.clock }),
        cancelExpiredOrders({ db: h.db, clock: h.clock }),
      ]);
      expect(a + b).toBeGreaterThanOrEqual(1);
      const order = s.ok(await s.call(guest(), 'GET', `/orders/${id}?token=${o.orderToken}`));
      expect(order.status).toBe('cancelled');
      expect(order.history.filter((e: Json) => e.to === 'cancelled')).toMatchObject([
        { actorType: 'system', reason: 'payment_window_expired' },
      ]);
      expect(await s.stockOf(o.variantId)).toEqual({ onHand: 10, reserved: 0, available: 10 });
      expect(await s.count("SELECT count(*) AS n FROM stock_movements WHERE variant_id = $1 AND kind = 'release'", [o.variantId])).toBe(1);
      expect(await s.count('SELECT uses AS n FROM promotions WHERE id = $1', [promotionId])).toBe(0);
      expect(await s.count("SELECT count(*) AS n FROM promotion_redemptions WHERE reference = $1 AND status = 'released'", [id])).toBe(1);
      expect(await s.count("SELECT count(*) AS n FROM event_outbox WHERE aggregate_id = $1 AND event_type = 'order.cancelled'", [id])).toBe(
        1,
      );
      expect(
        await s.count("SELECT count(*) AS n FROM event_outbox WHERE event_type = 'inventory.released' AND payload->>'reference' = $1", [
          id,
        ]),
      ).toBe(1);
    });
  });
});
