// A guest creates an account from their order: through the order's token only, the order then in
// the new member's list, the register route's rules for passwords and existing e-mails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../../test/api-calls.js';
import { createHarness, type Harness } from '../../../test/harness.js';
import { bearer, cookiesOf, registerUser, uniqueEmail } from '../../../test/identity-helpers.js';
import { BUYER, guest, member, shopHelpers, STORE, type Shopper } from '../../../test/shop-helpers.js';

describe('POST /api/orders/:id/account', () => {
  let h: Harness;
  const s = shopHelpers(() => h);
  let pickup: Json;

  beforeAll(async () => {
    h = await createHarness();
    await s.setUp('guest-account');
    pickup = await s.shippingMethod('store_pickup', 0);
  });
  afterAll(() => h?.close());

  const place = async (shopper: Shopper, email: string) => {
    const p = await s.product({ prices: [450] });
    await s.add(shopper, p.variants[0].id, 1);
    const body = await s.form(shopper, { shippingMethodId: pickup.id, store: STORE, buyer: { ...BUYER, email } });
    return s.ok(await s.checkout(shopper, body), 201) as Json;
  };
  const createAccount = (orderId: string, token: string | null, payload: Json) =>
    h.app.inject({
      method: 'POST',
      url: `/api/orders/${orderId}/account${token === null ? '' : `?token=${encodeURIComponent(token)}`}`,
      payload,
    });
  const PASSWORD = 'Oolong-mountain-2026';

  it('makes an account for the buyer’s e-mail, signs it in, and lists the order as the member’s', async () => {
    const email = uniqueEmail('guest');
    const placed = await place(guest(), email);
    const other = await place(guest(), email);

    const res = await createAccount(placed.order.id, placed.orderToken, { password: PASSWORD, locale: 'en' });

    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ orderId: placed.order.id, user: { email, displayName: BUYER.name, locale: 'en', emailVerified: false } });
    expect(cookiesOf(res)).toMatchObject({ access_token: expect.any(String), refresh_token: expect.any(String) });
    const mine = s.ok(await h.app.inject({ method: 'GET', url: '/api/orders', headers: bearer(body) }));
    // Only the order whose link was used: the other guest order of that address stays a guest's.
    expect(mine.items.map((o: Json) => o.id)).toEqual([placed.order.id]);
    expect(s.ok(await h.app.inject({ method: 'GET', url: `/api/orders/${placed.order.id}`, headers: bearer(body) })).id).toBe(
      placed.order.id,
    );
    expect((await h.app.inject({ method: 'GET', url: `/api/orders/${other.order.id}`, headers: bearer(body) })).statusCode).toBe(404);
    // The new member signs in with that password, and the verification mail is on its way.
    const login = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: email, password: PASSWORD } });
    expect(login.statusCode).toBe(200);
    await h.deliverEvents();
    const mails = await h.pool.query('SELECT template FROM mail_messages WHERE lower("to") = lower($1) ORDER BY created_at', [email]);
    expect(mails.rows.map((m: { template: string }) => m.template).sort()).toEqual(['order_placed', 'order_placed', 'verify_email']);
    // The guest link still opens the order; a second account from it is refused.
    expect(s.ok(await s.call(guest(), 'GET', `/orders/${placed.order.id}?token=${placed.orderToken}`)).id).toBe(placed.order.id);
    const again = await createAccount(placed.order.id, placed.orderToken, { password: PASSWORD });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ORDER_HAS_ACCOUNT' });
  });

  it('answers 404 without the order’s own token, and creates nothing', async () => {
    const email = uniqueEmail('guest');
    const one = await place(guest(), email);
    const two = await place(guest(), uniqueEmail('guest'));
    for (const token of [null, two.orderToken, 'not-a-token']) {
      const res = await createAccount(one.order.id, token, { password: PASSWORD });
      expect(res.statusCode, String(token)).toBe(404);
      expect(res.json()).toMatchObject({ code: 'ORDER_NOT_FOUND' });
    }
    const login = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: email, password: PASSWORD } });
    expect(login.statusCode).toBe(401);
  });

  it('answers 409 EMAIL_TAKEN when the e-mail has an account, like registering, and leaves the order a guest’s', async () => {
    const existing = await registerUser(h);
    const placed = await place(guest(), existing.email);
    const res = await createAccount(placed.order.id, placed.orderToken, { password: PASSWORD });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'EMAIL_TAKEN' });
    expect(s.ok(await h.app.inject({ method: 'GET', url: '/api/orders', headers: bearer(existing) })).items).toEqual([]);
  });

  it('refuses a weak password with the register route’s rules', async () => {
    const email = uniqueEmail('guest');
    const placed = await place(guest(), email);
    for (const password of ['short', 'password1234']) {
      const res = await createAccount(placed.order.id, placed.orderToken, { password });
      expect(res.statusCode, password).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    const login = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: email, password: 'password1234' } });
    expect(login.statusCode).toBe(401);
  });

  it('refuses a member’s own order (it has an account already)', async () => {
    const a = await registerUser(h);
    const placed = await place(member(a), a.email);
    const found = s.ok(
      await s.call(guest(), 'POST', '/orders/lookup', { orderNumber: placed.order.orderNumber, email: a.email, mobile: BUYER.mobile }),
    );
    const res = await createAccount(placed.order.id, found.token, { password: PASSWORD });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'ORDER_HAS_ACCOUNT' });
  });
});
