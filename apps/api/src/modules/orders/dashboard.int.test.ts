// Today's figures on the staff dashboard: the store's day (Asia/Taipei) with a moved clock, what
// counts as revenue, and who may read them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../../test/api-calls.js';
import { createHarness, type Harness } from '../../../test/harness.js';
import { bearer, makeStaff, registerUser, type Signed } from '../../../test/identity-helpers.js';
import { guest, shopHelpers, STORE } from '../../../test/shop-helpers.js';

describe('GET /api/admin/orders/today', () => {
  let h: Harness;
  const s = shopHelpers(() => h);
  let pickup: Json;
  let ops: Signed;
  let support: Signed;
  let customer: Signed;

  beforeAll(async () => {
    h = await createHarness();
    // 23:55 in Taipei (15:55 UTC) of a day to come, before anyone signs in (tokens live by this
    // clock); it only moves forward from here (order numbers refuse a clock that went back).
    const next = new Date(h.clock.now().getTime() + 2 * 86_400_000);
    h.clock.advance(Date.UTC(next.getUTCFullYear(), next.getUTCMonth(), next.getUTCDate(), 15, 55) - h.clock.now().getTime());
    await s.setUp('today');
    pickup = await s.shippingMethod('store_pickup', 0);
    ops = await makeStaff(h, ['ops']);
    support = await makeStaff(h, ['support']);
    customer = await registerUser(h);
  });
  afterAll(() => h?.close());

  const today = async (who: Signed) => h.app.inject({ method: 'GET', url: '/api/admin/orders/today', headers: bearer(who) });
  /** A guest order of one unit at `price`. */
  const place = async (price: number) => {
    const shopper = guest();
    const p = await s.product({ prices: [price] });
    await s.add(shopper, p.variants[0].id, 1);
    return s.ok(await s.checkout(shopper, await s.form(shopper, { shippingMethodId: pickup.id, store: STORE })), 201).order as Json;
  };
  const move = async (id: string, to: string, reason?: string) =>
    s.ok(await h.app.inject({ method: 'POST', url: `/api/admin/orders/${id}/transition`, headers: bearer(ops), payload: { to, reason } }));

  it('counts the orders of the day in Taipei, revenue without cancelled ones, and what waits for payment or shipping', async () => {
    const yesterday = await place(900);

    h.clock.advance(10 * 60_000); // 00:05 in Taipei, the next day
    const taipeiDay = new Date(h.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const unpaid = await place(300);
    const paid = await place(500);
    const preparing = await place(700);
    const cancelled = await place(1_000);
    await move(paid.id, 'paid');
    await move(preparing.id, 'paid');
    await move(preparing.id, 'preparing_shipment');
    await move(cancelled.id, 'cancelled', 'changed their mind');

    const figures = s.ok(await today(ops));
    expect(figures).toEqual({
      day: taipeiDay,
      timeZone: 'Asia/Taipei',
      from: new Date(`${taipeiDay}T00:00:00+08:00`).toISOString(),
      to: new Date(new Date(`${taipeiDay}T00:00:00+08:00`).getTime() + 86_400_000).toISOString(),
      currency: 'TWD',
      orders: 4,
      revenue: unpaid.totals.total + paid.totals.total + preparing.totals.total,
      paid: paid.totals.total + preparing.totals.total,
      // Yesterday's unpaid order still waits for payment today.
      awaitingPayment: 2,
      toShip: 1,
      preparing: 1,
    });
    expect(yesterday.totals.total).toBe(900);
    expect(unpaid.totals.total + paid.totals.total + preparing.totals.total).toBe(1_500);

    // The staff list for that day shows the same orders.
    const list = s.ok(
      await h.app.inject({
        method: 'GET',
        url: `/api/admin/orders?from=${encodeURIComponent(figures.from)}&to=${encodeURIComponent(figures.to)}`,
        headers: bearer(ops),
      }),
    );
    expect(list.total).toBe(4);

    // Support staff read orders, so they read the figures too.
    expect(s.ok(await today(support)).orders).toBe(4);
  });

  it('are not for customers or anonymous callers', async () => {
    const res = await today(customer);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect(JSON.stringify(res.json())).not.toMatch(/revenue/);
    expect((await h.app.inject({ method: 'GET', url: '/api/admin/orders/today' })).statusCode).toBe(401);
  });
});
