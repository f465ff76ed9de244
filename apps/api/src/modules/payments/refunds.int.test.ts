// Refunds end to end over real HTTP: the API listening on a port with the ECPay simulator mounted
// beside it. Orders are paid at the simulator's cashier (card) or with an ATM code; refunds are
// asked by the shopper (a guest through the order's link, or a member), decided by staff, and card
// refunds go through the simulator's DoAction, whose trade shows what happened to the money.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../../test/api-calls.js';
import type { Harness } from '../../../test/harness.js';
import { makeStaff, registerUser, type Signed } from '../../../test/identity-helpers.js';
import { guest, HOME, member, shopHelpers, type Shopper } from '../../../test/shop-helpers.js';
import { browserPost, createSimulatorHarness } from '../../../test/simulator-harness.js';
import { latestCardClose } from './refund-amounts.js';

/** Polls `read` until it answers something other than undefined (the notices arrive on their own time). */
async function eventually<T>(read: () => Promise<T | undefined>, what: string, tries = 200): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await read();
    if (v !== undefined) return v;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never happened: ${what}`);
}

const hiddenFields = (html: string) =>
  Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));

const BANK = { bankCode: '812', branchCode: '0018', account: '00012345678901', holder: '王小明' };
const MERCHANT = '3002607';

describe('refunds over HTTP, with the ECPay simulator', () => {
  let h: Harness;
  let base: string;
  const s = shopHelpers(() => h);
  let home: Json;
  let support: Signed;
  let customer: Signed;
  let other: Signed;

  beforeAll(async () => {
    ({ h, base } = await createSimulatorHarness());
    await s.setUp('refunds');
    home = await s.shippingMethod('home_delivery', 100);
    support = await makeStaff(h, ['support']);
    customer = await registerUser(h);
    other = await registerUser(h);
  }, 60_000);
  afterAll(() => h?.close());

  const control = async (path: string) => {
    const res = await fetch(`${base}/_sim/ecpay/_controls/trades/${MERCHANT}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status, await res.text()).toBe(200);
  };
  const trade = async (merchantTradeNo: string) =>
    (await (await fetch(`${base}/_sim/ecpay/_controls/trades/${MERCHANT}/${merchantTradeNo}`)).json()) as Json;

  /** Staff's calls (support staff by default: the built-in policy for refund requests). */
  const asStaff = async (method: 'GET' | 'POST', url: string, payload?: unknown, status = 200, who: Signed = support) =>
    s.ok(await s.call(member(who), method, url, payload), status);

  interface Placed {
    shopper: Shopper;
    orderId: string;
    /** `?token=…` for a guest, '' for a member. */
    q: string;
    variantIds: string[];
    merchantTradeNo: string;
    order(): Promise<Json>;
  }

  /**
   * A paid order delivered home (NT$100 shipping): two units at NT$700 and three at NT$333 (5 of each
   * in stock), paid by card at the cashier (or with an ATM code paid at the bank).
   */
  const products = async () => {
    const a = await s.product({ prices: [700], stock: 5 });
    const b = await s.product({ prices: [333], stock: 5 });
    return [a.variants[0].id as string, b.variants[0].id as string];
  };
  const placePaid = async (opts: { by?: Signed; method?: 'credit' | 'atm' | 'all'; variantIds?: string[] } = {}): Promise<Placed> => {
    const shopper = opts.by ? member(opts.by) : guest();
    const variantIds = opts.variantIds ?? (await products());
    await s.add(shopper, variantIds[0]!, 2);
    await s.add(shopper, variantIds[1]!, 3);
    s.ok(await s.call(shopper, 'PUT', '/cart/shipping-method', { methodId: home.id }));
    const placed = s.ok(await s.checkout(shopper, await s.form(shopper, { shippingMethodId: home.id, address: HOME })), 201);
    const orderId = placed.order.id as string;
    const q = opts.by ? '' : `?token=${encodeURIComponent(placed.orderToken as string)}`;
    const order = async () => s.ok(await s.call(shopper, 'GET', `/orders/${orderId}${q}`));
    const method = opts.method ?? 'credit';
    const started = s.ok(await s.call(shopper, 'POST', `/orders/${orderId}/payments${q}`, { method }), 201);
    const merchantTradeNo = started.form.fields.MerchantTradeNo as string;
    let page = await browserPost(started.form.action, started.form.fields);
    // Every method offered: the buyer picks the card at the cashier.
    if (method === 'all') page = await browserPost(`${base}/_sim/ecpay/SimCashier/choose`, { ...hiddenFields(page), Method: 'Credit' });
    if (method !== 'atm') await browserPost(`${base}/_sim/ecpay/SimCashier/pay`, { ...hiddenFields(page), Outcome: 'success' });
    else {
      await browserPost(`${base}/_sim/ecpay/SimCashier/issue`, hiddenFields(page));
      await eventually(async () => ((await trade(merchantTradeNo)).code ? true : undefined), 'the code is issued');
      await control(`${merchantTradeNo}/pay`);
    }
    await eventually(async () => ((await order()).status === 'paid' ? true : undefined), 'the order is paid');
    return { shopper, orderId, q, variantIds, merchantTradeNo, order };
  };

  const ask = (o: Placed, body: Json) => s.call(o.shopper, 'POST', `/orders/${o.orderId}/refunds${o.q}`, body);
  const itemsOf = async (o: Placed) => (await o.order()).items as Json[];
  /** The order's ECPay attempt (the manual payment made at checkout was cancelled when it started). */
  const ecpayOf = (order: Json) => (order.payments as Json[]).find((p) => p.provider === 'ecpay')!;
  const expectSums = (refund: Json) =>
    expect((refund.lines as Json[]).reduce((n, l) => n + (l.amount as number), 0) + (refund.shipping as number)).toBe(refund.amount);

  describe('while the card trades are still authorised (paid after the latest daily close)', () => {
    it('a guest’s whole refund: the order waits, staff approve, ECPay voids the card, stock comes back', async () => {
      const o = await placePaid();
      const total = (await o.order()).totals.total as number;
      expect(total).toBe(2 * 700 + 3 * 333 + 100);

      const refund = s.ok(await ask(o, { reason: '不想要了' }), 201);
      expect(refund).toMatchObject({ status: 'requested', whole: true, amount: total, shipping: 100, route: 'card', requestedBy: 'guest' });
      expect(refund.bankAccount).toBeNull();
      expectSums(refund);
      let order = await o.order();
      expect(order.status).toBe('refund_requested');
      expect(order.refundFigures).toEqual({ refunded: 0, pending: total, refundable: 0 });
      expect(await s.stockOf(o.variantIds[0]!)).toMatchObject({ onHand: 3 });

      const approved = await asStaff('POST', `/admin/refunds/${refund.id}/approve`, { restock: true });
      expect(approved).toMatchObject({ status: 'succeeded', restock: true, decidedBy: support.id });
      expect(approved.providerCalls).toEqual([
        { action: 'N', amount: total, ok: true, message: expect.any(String), at: expect.any(String) },
      ]);
      expect((await trade(o.merchantTradeNo)).card.state).toBe('voided');

      order = await o.order();
      expect(order.status).toBe('refunded');
      expect(ecpayOf(order).status).toBe('refunded');
      expect(order.refundFigures).toEqual({ refunded: total, pending: 0, refundable: 0 });
      expect(order.refunds).toHaveLength(1);
      expect(await s.stockOf(o.variantIds[0]!)).toMatchObject({ onHand: 5, reserved: 0 });
      expect(await s.stockOf(o.variantIds[1]!)).toMatchObject({ onHand: 5, reserved: 0 });
      const events = await h.pool.query(`SELECT event_type FROM event_outbox WHERE aggregate_id = $1 ORDER BY created_at, id`, [refund.id]);
      expect(events.rows.map((r) => r.event_type)).toEqual(['refund.requested', 'refund.approved', 'refund.succeeded']);
    });

    it('a second request while one is open is refused; so is a shipped order’s', async () => {
      const o = await placePaid({ by: customer });
      const [first] = await itemsOf(o);
      const refund = s.ok(await ask(o, { reason: '少一件', lines: [{ itemId: first!.id, quantity: 1 }] }), 201);
      expect(refund).toMatchObject({ whole: false, amount: 700, shipping: 0, requestedBy: 'customer' });
      const again = await ask(o, { reason: '少一件', lines: [{ itemId: first!.id, quantity: 1 }] });
      expect([again.statusCode, again.json().code]).toEqual([409, 'REFUND_ALREADY_OPEN']);
      expect((await o.order()).refunds).toHaveLength(1);
      // A partial request keeps the order's status.
      expect((await o.order()).status).toBe('paid');

      await asStaff('POST', `/admin/refunds/${refund.id}/reject`, { reason: '商品已出貨' });
      await s.asAdmin({ method: 'POST', url: `/api/admin/orders/${o.orderId}/transition`, payload: { to: 'preparing_shipment' } });
      await s.asAdmin({ method: 'POST', url: `/api/admin/orders/${o.orderId}/transition`, payload: { to: 'shipped' } });
      const late = await ask(o, { reason: '太慢了' });
      expect([late.statusCode, late.json().code]).toEqual([409, 'REFUND_NOT_ALLOWED']);
    });

    it('staff reject a whole request with a reason: a paid order waits in refund_rejected, a preparing one goes back to preparing', async () => {
      const paid = await placePaid();
      const r1 = s.ok(await ask(paid, { reason: '買錯了' }), 201);
      const rejected = await asStaff('POST', `/admin/refunds/${r1.id}/reject`, { reason: '已超過可退期限' });
      expect(rejected).toMatchObject({ status: 'rejected', decisionNote: '已超過可退期限', decidedBy: support.id });
      const order = await paid.order();
      expect(order.status).toBe('refund_rejected');
      expect(order.refunds[0]).toMatchObject({ status: 'rejected', decisionNote: '已超過可退期限' });
      expect(order.refundFigures).toMatchObject({ refunded: 0, pending: 0 });
      expect(ecpayOf(order).status).toBe('succeeded');
      // Rejected once: not again.
      const again = await s.call(member(support), 'POST', `/admin/refunds/${r1.id}/approve`, {});
      expect([again.statusCode, again.json().code]).toEqual([409, 'REFUND_INVALID_TRANSITION']);

      const preparing = await placePaid();
      await s.asAdmin({ method: 'POST', url: `/api/admin/orders/${preparing.orderId}/transition`, payload: { to: 'preparing_shipment' } });
      const r2 = s.ok(await ask(preparing, { reason: '買錯了' }), 201);
      expect((await preparing.order()).status).toBe('refund_requested');
      await asStaff('POST', `/admin/refunds/${r2.id}/reject`, { reason: '已包裝完成' });
      const back = await preparing.order();
      expect(back.status).toBe('preparing_shipment');
      expect((back.history as Json[]).slice(-2).map((x) => [x.from, x.to])).toEqual([
        ['refund_requested', 'refund_rejected'],
        ['refund_rejected', 'preparing_shipment'],
      ]);
    });

    it('staff decline a paid order: a whole refund carried out at once, the order refunded', async () => {
      const o = await placePaid();
      const total = (await o.order()).totals.total as number;
      const refund = await asStaff('POST', `/admin/orders/${o.orderId}/refunds`, { reason: '缺貨，無法出貨', restock: true }, 201);
      expect(refund).toMatchObject({ status: 'succeeded', whole: true, amount: total, requestedBy: 'staff', route: 'card' });
      expect(refund.providerCalls.map((c: Json) => [c.action, c.ok])).toEqual([['N', true]]);
      expect((await o.order()).status).toBe('refunded');
      expect((await trade(o.merchantTradeNo)).card.state).toBe('voided');
      expect(await s.stockOf(o.variantIds[1]!)).toMatchObject({ onHand: 5 });
    });

    it('a trade ECPay already closed is refunded (R) after the void is refused', async () => {
      const o = await placePaid();
      await control(`${o.merchantTradeNo}/close`);
      const refund = s.ok(await ask(o, { reason: '不想要了' }), 201);
      const done = await asStaff('POST', `/admin/refunds/${refund.id}/approve`, {});
      expect(done.status).toBe('succeeded');
      expect(done.providerCalls.map((c: Json) => [c.action, c.amount, c.ok])).toEqual([
        ['N', refund.amount, false],
        ['R', refund.amount, true],
      ]);
      expect((await trade(o.merchantTradeNo)).card).toMatchObject({ state: 'closed', refunded: refund.amount });
      expect((await o.order()).status).toBe('refunded');
    });

    it('an “all methods” attempt the buyer paid by card is refunded to the card', async () => {
      const o = await placePaid({ method: 'all' });
      const refund = s.ok(await ask(o, { reason: '不想要了' }), 201);
      expect(refund.route).toBe('card');
      const done = await asStaff('POST', `/admin/refunds/${refund.id}/approve`, {});
      expect(done.providerCalls.map((c: Json) => [c.action, c.ok])).toEqual([['N', true]]);
      expect((await trade(o.merchantTradeNo)).card.state).toBe('voided');
    });

    it('an ATM payment is refunded by transfer: the bank account is needed, staff complete it', async () => {
      const o = await placePaid({ method: 'atm' });
      const total = (await o.order()).totals.total as number;
      const missing = await ask(o, { reason: '重複訂購' });
      expect([missing.statusCode, missing.json().code]).toEqual([422, 'REFUND_BANK_ACCOUNT_REQUIRED']);
      const refund = s.ok(await ask(o, { reason: '重複訂購', bankAccount: BANK }), 201);
      expect(refund).toMatchObject({ route: 'transfer', bankAccount: { bankCode: '812', accountLast4: '8901', holder: '王小明' } });
      expect(JSON.stringify(await o.order())).not.toContain(BANK.account);

      const approved = await asStaff('POST', `/admin/refunds/${refund.id}/approve`, { restock: true });
      expect(approved).toMatchObject({ status: 'processing', bankAccountFull: BANK, providerCalls: [] });
      expect((await o.order()).status).toBe('refund_requested');
      const done = await asStaff('POST', `/admin/refunds/${refund.id}/complete`, { outcome: 'succeeded', reference: 'TX-20261207-01' });
      expect(done).toMatchObject({ status: 'succeeded', completedAt: expect.any(String) });
      const order = await o.order();
      expect(order.status).toBe('refunded');
      expect(ecpayOf(order).status).toBe('refunded');
      expect(order.refundFigures).toEqual({ refunded: total, pending: 0, refundable: 0 });
      expect(await s.stockOf(o.variantIds[0]!)).toMatchObject({ onHand: 5 });
      const twice = await s.call(member(support), 'POST', `/admin/refunds/${refund.id}/complete`, { outcome: 'succeeded' });
      expect([twice.statusCode, twice.json().code]).toEqual([409, 'REFUND_INVALID_TRANSITION']);
    });

    it('a transfer that could not be made fails; the order waits in refund_requested and staff try again', async () => {
      const o = await placePaid({ method: 'atm' });
      const refund = s.ok(await ask(o, { reason: '重複訂購', bankAccount: BANK }), 201);
      await asStaff('POST', `/admin/refunds/${refund.id}/approve`, {});
      const failed = await asStaff('POST', `/admin/refunds/${refund.id}/complete`, { outcome: 'failed', reason: '帳號有誤，退匯' });
      expect(failed).toMatchObject({ status: 'failed', decisionNote: '帳號有誤，退匯' });
      let order = await o.order();
      expect(order.status).toBe('refund_requested');
      expect(ecpayOf(order).status).toBe('succeeded');
      expect(order.refundFigures).toMatchObject({ refunded: 0, pending: 0, refundable: order.totals.total });

      // A moment later (the test clock stands still otherwise; refunds are listed by when they were made).
      h.clock.advance(1000);
      const again = await asStaff(
        'POST',
        `/admin/orders/${o.orderId}/refunds`,
        { reason: '更正帳號後重新退款', bankAccount: { ...BANK, account: '00098765432100' } },
        201,
      );
      expect(again).toMatchObject({ status: 'processing', whole: true, bankAccountFull: { account: '00098765432100' } });
      await asStaff('POST', `/admin/refunds/${again.id}/complete`, { outcome: 'succeeded' });
      order = await o.order();
      expect(order.status).toBe('refunded');
      expect(order.refunds.map((r: Json) => r.status)).toEqual(['failed', 'succeeded']);
      const events = await h.pool.query(`SELECT event_type FROM event_outbox WHERE aggregate_id = $1 ORDER BY created_at, id`, [refund.id]);
      expect(events.rows.map((r) => r.event_type)).toEqual(['refund.requested', 'refund.approved', 'refund.failed']);
    });

    it('money that arrived for a cancelled order is given back by staff; the order stays cancelled', async () => {
      const shopper = guest();
      const p = await s.product({ prices: [500], stock: 5 });
      await s.add(shopper, p.variants[0].id, 1);
      s.ok(await s.call(shopper, 'PUT', '/cart/shipping-method', { methodId: home.id }));
      const placed = s.ok(await s.checkout(shopper, await s.form(shopper, { shippingMethodId: home.id, address: HOME })), 201);
      const orderId = placed.order.id as string;
      const q = `?token=${encodeURIComponent(placed.orderToken as string)}`;
      const started = s.ok(await s.call(shopper, 'POST', `/orders/${orderId}/payments${q}`, { method: 'atm' }), 201);
      const merchantTradeNo = started.form.fields.MerchantTradeNo as string;
      await browserPost(`${base}/_sim/ecpay/SimCashier/issue`, hiddenFields(await browserPost(started.form.action, started.form.fields)));
      await eventually(async () => ((await trade(merchantTradeNo)).code ? true : undefined), 'the code is issued');
      s.ok(await s.call(shopper, 'POST', `/orders/${orderId}/cancel${q}`, {}));
      await control(`${merchantTradeNo}/pay`);
      const order = async () => s.ok(await s.call(shopper, 'GET', `/orders/${orderId}${q}`));
      await eventually(async () => (ecpayOf(await order()).status === 'succeeded' ? true : undefined), 'the money arrived');
      expect((await order()).refundFigures.refundable).toBe(600);

      const shopperAsks = await s.call(shopper, 'POST', `/orders/${orderId}/refunds${q}`, { reason: '已取消', bankAccount: BANK });
      expect([shopperAsks.statusCode, shopperAsks.json().code]).toEqual([409, 'REFUND_NOT_ALLOWED']);
      const refund = await asStaff(
        'POST',
        `/admin/orders/${orderId}/refunds`,
        { reason: '訂單已取消，退回款項', bankAccount: BANK, restock: true },
        201,
      );
      expect(refund).toMatchObject({ status: 'processing', whole: true, amount: 600, restock: false, route: 'transfer' });
      await asStaff('POST', `/admin/refunds/${refund.id}/complete`, { outcome: 'succeeded' });
      const after = await order();
      expect(after.status).toBe('cancelled');
      expect(ecpayOf(after).status).toBe('refunded');
      expect(await s.stockOf(p.variants[0].id)).toMatchObject({ onHand: 5, reserved: 0 });
    });

    it('access: someone else’s order is not found, shoppers cannot reach staff routes', async () => {
      const o = await placePaid({ by: customer });
      const foreign = await s.call(member(other), 'POST', `/orders/${o.orderId}/refunds`, { reason: '想退' });
      expect([foreign.statusCode, foreign.json().code]).toEqual([404, 'ORDER_NOT_FOUND']);
      const anonymous = await s.call(guest(), 'POST', `/orders/${o.orderId}/refunds`, { reason: '想退' });
      expect(anonymous.statusCode).toBe(401);
      const badToken = await s.call(guest(), 'POST', `/orders/${o.orderId}/refunds?token=nope`, { reason: '想退' });
      expect(badToken.statusCode).toBe(404);
      const refund = s.ok(await ask(o, { reason: '想退' }), 201);
      for (const [method, url, body] of [
        ['GET', '/admin/refunds', undefined],
        ['GET', `/admin/refunds/${refund.id}`, undefined],
        ['POST', `/admin/refunds/${refund.id}/approve`, {}],
        ['POST', `/admin/refunds/${refund.id}/reject`, { reason: '不行' }],
        ['POST', `/admin/refunds/${refund.id}/complete`, { outcome: 'succeeded' }],
        ['POST', `/admin/orders/${o.orderId}/refunds`, { reason: '不行' }],
      ] as const) {
        expect((await s.call(member(customer), method, url, body)).statusCode, `${method} ${url}`).toBe(403);
        expect((await s.call(guest(), method, url, body)).statusCode, `${method} ${url}`).toBe(401);
      }
      const ops = await makeStaff(h, ['ops']);
      expect((await s.call(member(ops), 'GET', `/admin/refunds/${refund.id}`)).statusCode).toBe(403);
      // Nothing moved.
      expect((await o.order()).refunds[0].status).toBe('requested');
      // Staff see the queue, newest first, and the refund in it.
      const queue = await asStaff('GET', '/admin/refunds?status=requested&pageSize=100');
      expect(queue.items.map((r: Json) => r.id)).toContain(refund.id);
      const times = queue.items.map((r: Json) => r.createdAt as string);
      expect([...times].sort().reverse()).toEqual(times);
      expect(queue.items.find((r: Json) => r.id === refund.id)).toMatchObject({ orderNumber: expect.any(String), buyerName: '王小明' });
    });
  });

  describe('once ECPay closed the card trades (the daily close passed)', () => {
    let stock: string[][];
    beforeAll(async () => {
      // Products made before the clock jumps (the admin's session would have expired after it).
      stock = [await products(), await products()];
      // Past the first daily close after every payment these tests make (each within minutes of now).
      const now = h.clock.now();
      const next = latestCardClose(new Date(now.getTime() + 10 * 60_000)).getTime() + 24 * 3600_000;
      h.clock.advance(next - now.getTime() + 60_000);
      // Sessions signed before the jump have expired on the moved clock.
      support = await makeStaff(h, ['support']);
      customer = await registerUser(h);
    });

    it('a partial refund: R for the items, the payment partially refunded, the order still paid; more than is left is refused', async () => {
      const o = await placePaid({ by: customer, variantIds: stock[0] });
      await control(`${o.merchantTradeNo}/close`);
      const total = (await o.order()).totals.total as number;
      const [, second] = await itemsOf(o);
      expect(second).toMatchObject({ quantity: 3, lineTotal: 999 });

      const refund = s.ok(await ask(o, { reason: '其中兩個破損', lines: [{ itemId: second!.id, quantity: 2 }] }), 201);
      expect(refund).toMatchObject({ whole: false, amount: 666, shipping: 0, lines: [{ itemId: second!.id, quantity: 2, amount: 666 }] });
      const done = await asStaff('POST', `/admin/refunds/${refund.id}/approve`, { restock: true });
      expect(done.status).toBe('succeeded');
      expect(done.providerCalls.map((c: Json) => [c.action, c.amount, c.ok])).toEqual([['R', 666, true]]);
      expect((await trade(o.merchantTradeNo)).card).toMatchObject({ state: 'closed', refunded: 666 });

      let order = await o.order();
      expect(order.status).toBe('paid');
      expect(ecpayOf(order).status).toBe('partially_refunded');
      expect(order.refundFigures).toEqual({ refunded: 666, pending: 0, refundable: total - 666 });
      expect(await s.stockOf(o.variantIds[1]!)).toMatchObject({ onHand: 4 });

      // Two more units than are left: refused, nothing changed.
      const over = await ask(o, { reason: '再退兩個', lines: [{ itemId: second!.id, quantity: 2 }] });
      expect([over.statusCode, over.json().code]).toEqual([422, 'REFUND_LINE_INVALID']);
      const unknown = await ask(o, { reason: '再退', lines: [{ itemId: o.orderId, quantity: 1 }] });
      expect([unknown.statusCode, unknown.json().code]).toEqual([422, 'REFUND_LINE_INVALID']);
      order = await o.order();
      expect(order.refunds).toHaveLength(1);
      expect(order.refundFigures).toEqual({ refunded: 666, pending: 0, refundable: total - 666 });

      // The rest: everything left, shipping included, exactly what remains of the payment.
      const rest = s.ok(await ask(o, { reason: '全部退' }), 201);
      expect(rest).toMatchObject({ whole: true, amount: total - 666, shipping: 100 });
      expect(rest.lines.find((l: Json) => l.itemId === second!.id)).toEqual({ itemId: second!.id, quantity: 1, amount: 333 });
      expectSums(rest);
      const all = await asStaff('POST', `/admin/refunds/${rest.id}/approve`, {});
      expect(all.providerCalls.map((c: Json) => [c.action, c.amount, c.ok])).toEqual([['R', total - 666, true]]);
      order = await o.order();
      expect(order.status).toBe('refunded');
      expect(ecpayOf(order).status).toBe('refunded');
      expect((await trade(o.merchantTradeNo)).card.refunded).toBe(total);
    });

    it('ten concurrent approvals of one refund make one DoAction call', async () => {
      const o = await placePaid({ variantIds: stock[1] });
      await control(`${o.merchantTradeNo}/close`);
      const [first] = await itemsOf(o);
      const refund = s.ok(await ask(o, { reason: '破損', lines: [{ itemId: first!.id, quantity: 1 }] }), 201);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => s.call(member(support), 'POST', `/admin/refunds/${refund.id}/approve`, {})),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, ...Array(9).fill(409)]);
      for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.json().code).toBe('REFUND_INVALID_TRANSITION');
      const stored = await asStaff('GET', `/admin/refunds/${refund.id}`);
      expect(stored.status).toBe('succeeded');
      expect(stored.providerCalls).toHaveLength(1);
      expect((await trade(o.merchantTradeNo)).card.refunded).toBe(700);
      expect(ecpayOf(await o.order()).status).toBe('partially_refunded');
    });
  });
});
