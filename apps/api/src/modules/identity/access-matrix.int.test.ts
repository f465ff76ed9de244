// Who may call which identity/admin route (and the shipping configuration, the cart, the store details, checkout, orders, payments and refunds), with the built-in policies (migrations/0002): every
// route × every kind of caller. A customer on someone else's things gets 404, staff
// without the right policy get 403, nobody signed in gets 401.
import { randomUUID } from 'node:crypto';
import { formatTaipeiDate, formatTaipeiDateTime, signFields, STAGE_AIO } from '@shop/ecpay';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addProductImage } from '../../../test/catalog-helpers.js';
import { createHarness, type Harness } from '../../../test/harness.js';
import { bearer, loginUser, makeStaff, registerUser, type Signed } from '../../../test/identity-helpers.js';

const ACTORS = ['anonymous', 'A', 'B', 'ops', 'support', 'admin'] as const;
type ActorName = (typeof ACTORS)[number];
type Expected = Record<ActorName, number>;

const everyone = (status: number): Expected => ({ anonymous: 401, A: status, B: status, ops: status, support: status, admin: status });
/** A's own things: A and admin; B, ops and support see "not found". */
const ownerAndAdmin = (status: number): Expected => ({ anonymous: 401, A: status, B: 404, ops: 404, support: 404, admin: status });
/** A's things through A's address book, which support may read (support-reads-customers). */
const ownerSupportAndAdminRead: Expected = { anonymous: 401, A: 200, B: 404, ops: 404, support: 200, admin: 200 };
/** Reached through `/users/me/…`: only the owner has A's address in *their* book (admin too has its own). */
const ownerOnly = (status: number): Expected => ({ anonymous: 401, A: status, B: 404, ops: 404, support: 404, admin: 404 });
const staffReads: Expected = { anonymous: 401, A: 403, B: 403, ops: 403, support: 200, admin: 200 };
const adminOnly = (status: number): Expected => ({ anonymous: 401, A: 403, B: 403, ops: 403, support: 403, admin: status });
/** Stock and shipping configuration: operations staff and admins (ops-operations / ops-shipping-methods, admin-everything). */
const opsAndAdmin = (status: number): Expected => ({ anonymous: 401, A: 403, B: 403, ops: status, support: 403, admin: status });
/** Public reads: anyone, signed in or not. */
const anyone = (status: number): Expected => ({ anonymous: status, A: status, B: status, ops: status, support: status, admin: status });
/** A line of A's cart: only A finds it; everyone else (a guest without A's cookie too) gets 404. */
const cartOwnerOnly = (status: number): Expected => ({ anonymous: 404, A: status, B: 404, ops: 404, support: 404, admin: 404 });
/** Promotions, coupon codes and the stacking policy (ops-promotions): operations staff and admins. */
const promotionStaff = (status: number): Expected => ({ anonymous: 401, A: 403, B: 403, ops: status, support: 403, admin: status });

const ADDRESS = {
  recipientName: '王小明',
  phone: '0912345678',
  postalCode: '100',
  city: '臺北市',
  district: '中正區',
  line1: '重慶南路一段122號',
};
const CHANGED_ADDRESS = { ...ADDRESS, recipientName: '林大華', line1: '忠孝東路四段1號' };
const SHIPPING_METHOD = {
  kind: 'store_pickup',
  carrier: 'family_mart',
  name: { 'zh-TW': '全家取貨', en: 'FamilyMart pickup' },
  fee: { type: 'flat', amount: 60 },
};
const OFF_POLICY = { name: 'matrix-probe', effect: 'deny', actions: ['refund'], resourceTypes: ['order'], conditions: [], enabled: false };

interface Prepared extends Pick<InjectOptions, 'method' | 'url' | 'payload' | 'headers'> {
  /** What the caller would notice afterwards; `ok` when the call was allowed. */
  verify?: (ok: boolean) => Promise<void>;
}
interface Row {
  route: string;
  expected: Expected;
  prepare: () => Promise<Prepared> | Prepared;
}

describe('access matrix: identity and admin routes × callers', () => {
  let h: Harness;
  const users = {} as Record<Exclude<ActorName, 'anonymous'>, Signed>;
  let addressOfA: string;

  const headersOf = (actor: ActorName) => (actor === 'anonymous' ? {} : bearer(users[actor]));
  const call = (actor: ActorName, opts: Pick<InjectOptions, 'method' | 'url' | 'payload' | 'headers'>) =>
    h.app.inject({ ...opts, headers: { ...opts.headers, ...headersOf(actor) } } as InjectOptions);
  const asAdmin = async (opts: Pick<InjectOptions, 'method' | 'url' | 'payload'>, status = 200) => {
    const res = await call('admin', opts);
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };

  // ---- fresh fixtures for rows that change or remove things ----
  const newAddressOfA = async (): Promise<string> => {
    const res = await call('A', { method: 'POST', url: '/api/users/me/addresses', payload: ADDRESS });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  };
  const addressOfAExists = async (id: string) =>
    (await call('A', { method: 'GET', url: `/api/users/me/addresses/${id}` })).statusCode === 200;
  const newSessionOfA = async (): Promise<{ id: string; signed: Signed }> => {
    const signed = await loginUser(h, users.A.email);
    const list = await h.app.inject({ method: 'GET', url: '/api/users/me/sessions', headers: bearer(signed) });
    const current = (list.json().items as Array<{ id: string; current: boolean }>).find((s) => s.current);
    return { id: current!.id, signed };
  };
  const adminView = (userId: string) => asAdmin({ method: 'GET', url: `/api/admin/users/${userId}` });
  const newPolicy = async (): Promise<string> =>
    (await asAdmin({ method: 'POST', url: '/api/admin/policies', payload: OFF_POLICY }, 201)).id;
  /** A catalog variant to count stock of, made once through the admin API. */
  let variant: { id: string; sku: string } | undefined;
  const stockVariant = async () => {
    if (variant) return variant;
    const category = await asAdmin(
      { method: 'POST', url: '/api/admin/categories', payload: { name: { 'zh-TW': '茶葉' }, slug: 'matrix-tea' } },
      201,
    );
    const product = await asAdmin(
      {
        method: 'POST',
        url: '/api/admin/products',
        payload: {
          name: { 'zh-TW': '烏龍茶' },
          slug: 'matrix-oolong',
          primaryCategoryId: category.id,
          variants: [{ sku: 'MATRIX-OOLONG', priceMinor: 500 }],
        },
      },
      201,
    );
    variant = product.variants[0] as { id: string; sku: string };
    return variant;
  };
  const ledgerSize = async (variantId: string): Promise<number> =>
    (await asAdmin({ method: 'GET', url: `/api/admin/stock/${variantId}` })).ledger.total;
  /** A stock write whose ledger row shows up when (and only when) the call was allowed. */
  const stockWrite = async (request: Pick<InjectOptions, 'method' | 'url' | 'payload'>): Promise<Prepared> => {
    const v = await stockVariant();
    const before = await ledgerSize(v.id);
    return { ...request, verify: async (ok) => expect(await ledgerSize(v.id)).toBe(before + (ok ? 1 : 0)) };
  };
  const newShippingMethod = async (): Promise<string> =>
    (
      await asAdmin(
        { method: 'POST', url: '/api/admin/shipping-methods', payload: { ...SHIPPING_METHOD, code: `m_${randomUUID().slice(0, 8)}` } },
        201,
      )
    ).id;
  const shippingMethod = (id: string) => asAdmin({ method: 'GET', url: `/api/admin/shipping-methods/${id}` });
  const policyById = async (id: string) =>
    ((await asAdmin({ method: 'GET', url: '/api/admin/policies' })).items as Array<{ id: string; name: string }>).find((p) => p.id === id);

  /** A variant on the shelf with stock, made once through the admin API, for cart rows. */
  let sellable: string | undefined;
  const sellableVariant = async (): Promise<string> => {
    if (sellable) return sellable;
    const v = await stockVariant();
    const product = (await asAdmin({ method: 'GET', url: `/api/admin/stock/${v.id}` })).productId as string;
    await addProductImage(h, users.admin, product);
    for (const action of ['submit', 'approve', 'put_on_shelf'])
      await asAdmin({ method: 'POST', url: `/api/admin/products/${product}/transitions`, payload: { action } });
    await asAdmin({ method: 'POST', url: `/api/admin/stock/${v.id}/adjust`, payload: { set: 1000, reason: 'matrix' } });
    sellable = v.id;
    return sellable;
  };
  /** A fresh line in A's cart. */
  const lineOfA = async (): Promise<string> => {
    await call('A', { method: 'DELETE', url: '/api/cart/coupon' });
    const cart = await call('A', { method: 'POST', url: '/api/cart/items', payload: { variantId: await sellableVariant(), quantity: 1 } });
    expect(cart.statusCode, cart.body).toBe(200);
    return (cart.json().lines as Array<{ id: string }>)[0]!.id;
  };
  const quantityOfALine = async (id: string) =>
    ((await call('A', { method: 'GET', url: '/api/cart' })).json().lines as Array<{ id: string; quantity: number }>).find(
      (l) => l.id === id,
    )?.quantity;

  const storeSettings = () => asAdmin({ method: 'GET', url: '/api/admin/store/settings' });
  const legalPage = (slug: string) => asAdmin({ method: 'GET', url: `/api/admin/store/pages/${slug}` });

  const newPromotion = async (over: Record<string, unknown> = {}): Promise<string> =>
    (
      await asAdmin(
        {
          method: 'POST',
          url: '/api/admin/promotions',
          payload: { name: { 'zh-TW': '矩陣' }, rule: { kind: 'order_fixed', amountOff: 10 }, ...over },
        },
        201,
      )
    ).id;
  const promotionById = (id: string) => asAdmin({ method: 'GET', url: `/api/admin/promotions/${id}` });
  const promotionMove = (action: 'pause' | 'resume' | 'archive', before: string, after: string) => ({
    route: `POST /api/admin/promotions/{id}/${action}`,
    expected: promotionStaff(200),
    prepare: async () => {
      const id = await newPromotion({ status: before === 'paused' ? 'paused' : 'active' });
      return {
        method: 'POST' as const,
        url: `/api/admin/promotions/${id}/${action}`,
        verify: async (ok: boolean) => expect((await promotionById(id)).status).toBe(ok ? after : before),
      };
    },
  });

  /** A's checkout form for what A's cart shows now: one more unit, store pickup, the shown total. */
  const checkoutFormOfA = async (): Promise<Record<string, unknown>> => {
    await lineOfA();
    const methodId = await newShippingMethod();
    const cart = await call('A', { method: 'PUT', url: '/api/cart/shipping-method', payload: { methodId } });
    expect(cart.statusCode, cart.body).toBe(200);
    const session = await call('A', { method: 'GET', url: '/api/checkout/session' });
    return {
      orderId: session.json().orderId,
      buyer: { name: '顧客甲', mobile: '0912345678', email: users.A.email },
      shippingMethodId: methodId,
      store: { id: '991182', name: '全家 重慶店', address: '臺北市中正區重慶南路一段1號', brand: 'FamilyMart' },
      paymentMethod: 'bank_transfer',
      acceptTerms: true,
      expected: { total: cart.json().totals.total },
    };
  };
  /** A fresh unpaid order of A's. */
  const orderOfA = async (): Promise<{ id: string; version: number; orderNumber: string }> => {
    const res = await call('A', { method: 'POST', url: '/api/checkout', payload: await checkoutFormOfA() });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().order;
  };
  const orderStatus = async (id: string) => (await asAdmin({ method: 'GET', url: `/api/admin/orders/${id}` })).status as string;
  const ecpayAttempts = async (orderId: string) =>
    (await h.pool.query("SELECT status, code_info FROM payments WHERE order_id = $1 AND provider = 'ecpay'", [orderId])).rows as Array<{
      status: string;
      code_info: unknown;
    }>;
  /** A fresh order of A's that A started paying through ECPay: its id and the cashier form's fields. */
  const ecpayOrderOfA = async () => {
    const { id } = await orderOfA();
    const res = await call('A', { method: 'POST', url: `/api/orders/${id}/payments`, payload: { method: 'atm' } });
    expect(res.statusCode, res.body).toBe(201);
    return { id, fields: res.json().form.fields as Record<string, string> };
  };
  /** A notice as ECPay's server posts it: urlencoded, signed with the merchant's keys. */
  const ecpayNotice = (path: string, fields: Record<string, string>): Prepared => ({
    method: 'POST',
    url: `/api/payments/ecpay/${path}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(signFields(fields, STAGE_AIO, 'sha256')).toString(),
  });
  const noticeBase = (f: Record<string, string>) => ({
    CustomField1: '',
    CustomField2: '',
    CustomField3: '',
    CustomField4: '',
    MerchantID: f.MerchantID!,
    MerchantTradeNo: f.MerchantTradeNo!,
    StoreID: '',
    TradeAmt: f.TotalAmount!,
    TradeDate: f.MerchantTradeDate!,
    TradeNo: `26120709${String(Date.now()).slice(-8)}`,
  });
  let sharedOrderOfA: { id: string; version: number; orderNumber: string } | undefined;
  const readableOrderOfA = async () => (sharedOrderOfA ??= await orderOfA());
  /** Orders: A's own, operations staff and admins; support reads. */
  const orderReaders: Expected = { anonymous: 401, A: 200, B: 404, ops: 200, support: 200, admin: 200 };
  const orderStaffReaders: Expected = { anonymous: 401, A: 403, B: 403, ops: 200, support: 200, admin: 200 };

  // refunds
  const BANK = { bankCode: '812', account: '00012345678901', holder: '顧客甲' };
  /** A fresh order of A's, paid by bank transfer (staff saw the money). */
  const paidOrderOfA = async (): Promise<string> => {
    const { id } = await orderOfA();
    await asAdmin({ method: 'POST', url: `/api/admin/orders/${id}/transition`, payload: { to: 'paid' } });
    return id;
  };
  /** A's refund request for one of A's paid orders (the whole order, by transfer). */
  const refundOfA = async (): Promise<{ orderId: string; refundId: string }> => {
    const orderId = await paidOrderOfA();
    const res = await call('A', {
      method: 'POST',
      url: `/api/orders/${orderId}/refunds`,
      payload: { reason: 'matrix', bankAccount: BANK },
    });
    expect(res.statusCode, res.body).toBe(201);
    return { orderId, refundId: res.json().id };
  };
  const refundStatus = async (id: string) => (await asAdmin({ method: 'GET', url: `/api/admin/refunds/${id}` })).status as string;
  const refundsOfOrder = async (orderId: string) => (await asAdmin({ method: 'GET', url: `/api/admin/orders/${orderId}` })).refunds.length;
  let sharedRefundOfA: string | undefined;
  /** Refund requests: support staff and admins (support-tickets-refunds, admin-everything). */
  const refundStaff = (status: number): Expected => ({ anonymous: 401, A: 403, B: 403, ops: 403, support: status, admin: status });
  const refundRows: Row[] = [
    {
      route: 'POST /api/orders/{A’s}/refunds',
      expected: { anonymous: 401, A: 201, B: 404, ops: 404, support: 201, admin: 201 },
      prepare: async () => {
        const orderId = await paidOrderOfA();
        return {
          method: 'POST',
          url: `/api/orders/${orderId}/refunds`,
          payload: { reason: 'matrix', bankAccount: BANK },
          verify: async (ok) => expect(await refundsOfOrder(orderId)).toBe(ok ? 1 : 0),
        };
      },
    },
    { route: 'GET /api/admin/refunds', expected: refundStaff(200), prepare: () => ({ method: 'GET', url: '/api/admin/refunds' }) },
    {
      route: 'GET /api/admin/refunds/{id}',
      expected: refundStaff(200),
      prepare: async () => ({ method: 'GET', url: `/api/admin/refunds/${(sharedRefundOfA ??= (await refundOfA()).refundId)}` }),
    },
    {
      route: 'POST /api/admin/refunds/{id}/approve',
      expected: refundStaff(200),
      prepare: async () => {
        const { refundId } = await refundOfA();
        return {
          method: 'POST',
          url: `/api/admin/refunds/${refundId}/approve`,
          payload: {},
          verify: async (ok) => expect(await refundStatus(refundId)).toBe(ok ? 'processing' : 'requested'),
        };
      },
    },
    {
      route: 'POST /api/admin/refunds/{id}/reject',
      expected: refundStaff(200),
      prepare: async () => {
        const { refundId } = await refundOfA();
        return {
          method: 'POST',
          url: `/api/admin/refunds/${refundId}/reject`,
          payload: { reason: 'matrix' },
          verify: async (ok) => expect(await refundStatus(refundId)).toBe(ok ? 'rejected' : 'requested'),
        };
      },
    },
    {
      route: 'POST /api/admin/refunds/{id}/complete',
      expected: refundStaff(200),
      prepare: async () => {
        const { refundId } = await refundOfA();
        await asAdmin({ method: 'POST', url: `/api/admin/refunds/${refundId}/approve`, payload: {} });
        return {
          method: 'POST',
          url: `/api/admin/refunds/${refundId}/complete`,
          payload: { outcome: 'succeeded' },
          verify: async (ok) => expect(await refundStatus(refundId)).toBe(ok ? 'succeeded' : 'processing'),
        };
      },
    },
    {
      route: 'POST /api/admin/orders/{id}/refunds',
      expected: refundStaff(201),
      prepare: async () => {
        const orderId = await paidOrderOfA();
        return {
          method: 'POST',
          url: `/api/admin/orders/${orderId}/refunds`,
          payload: { reason: 'matrix', bankAccount: BANK },
          verify: async (ok) => expect(await refundsOfOrder(orderId)).toBe(ok ? 1 : 0),
        };
      },
    },
  ];

  const rows: Row[] = [
    { route: 'GET /api/auth/me', expected: everyone(200), prepare: () => ({ method: 'GET', url: '/api/auth/me' }) },
    { route: 'GET /api/users/me/profile', expected: everyone(200), prepare: () => ({ method: 'GET', url: '/api/users/me/profile' }) },
    {
      route: 'PUT /api/users/me/profile',
      expected: everyone(200),
      prepare: () => ({ method: 'PUT', url: '/api/users/me/profile', payload: { locale: 'en' } }),
    },
    {
      route: 'GET /api/users/{A}/profile',
      expected: ownerAndAdmin(200),
      prepare: () => ({ method: 'GET', url: `/api/users/${users.A.id}/profile` }),
    },
    {
      route: 'PUT /api/users/{A}/profile',
      expected: ownerAndAdmin(200),
      prepare: async () => {
        const name = `A-${randomUUID().slice(0, 8)}`;
        const before = (await call('A', { method: 'GET', url: '/api/users/me/profile' })).json().displayName;
        return {
          method: 'PUT',
          url: `/api/users/${users.A.id}/profile`,
          payload: { displayName: name },
          verify: async (ok) => {
            const now = (await call('A', { method: 'GET', url: '/api/users/me/profile' })).json().displayName;
            expect(now).toBe(ok ? name : before);
          },
        };
      },
    },
    { route: 'GET /api/users/me/addresses', expected: everyone(200), prepare: () => ({ method: 'GET', url: '/api/users/me/addresses' }) },
    {
      route: 'POST /api/users/me/addresses',
      expected: everyone(201),
      prepare: () => ({ method: 'POST', url: '/api/users/me/addresses', payload: ADDRESS }),
    },
    {
      route: 'GET /api/users/{A}/addresses',
      expected: ownerSupportAndAdminRead,
      prepare: () => ({ method: 'GET', url: `/api/users/${users.A.id}/addresses` }),
    },
    {
      route: 'POST /api/users/{A}/addresses',
      expected: ownerAndAdmin(201),
      prepare: async () => {
        const count = async () => (await call('A', { method: 'GET', url: '/api/users/me/addresses' })).json().items.length as number;
        const before = await count();
        return {
          method: 'POST',
          url: `/api/users/${users.A.id}/addresses`,
          payload: ADDRESS,
          verify: async (ok) => expect(await count()).toBe(ok ? before + 1 : before),
        };
      },
    },
    // Through `/users/me/…` the book is the caller's own, so A's address is in nobody else's.
    {
      route: 'GET /api/users/me/addresses/{A’s}',
      expected: ownerOnly(200),
      prepare: () => ({ method: 'GET', url: `/api/users/me/addresses/${addressOfA}` }),
    },
    {
      route: 'PUT /api/users/me/addresses/{A’s}',
      expected: ownerOnly(200),
      prepare: async () => {
        const id = await newAddressOfA();
        return {
          method: 'PUT',
          url: `/api/users/me/addresses/${id}`,
          payload: CHANGED_ADDRESS,
          verify: async (ok) => {
            const now = (await call('A', { method: 'GET', url: `/api/users/me/addresses/${id}` })).json();
            expect(now).toMatchObject(ok ? CHANGED_ADDRESS : ADDRESS);
          },
        };
      },
    },
    {
      route: 'DELETE /api/users/me/addresses/{A’s}',
      expected: ownerOnly(204),
      prepare: async () => {
        const id = await newAddressOfA();
        return {
          method: 'DELETE',
          url: `/api/users/me/addresses/${id}`,
          verify: async (ok) => expect(await addressOfAExists(id)).toBe(!ok),
        };
      },
    },
    {
      route: 'GET /api/users/{A}/addresses/{A’s}',
      expected: ownerSupportAndAdminRead,
      prepare: () => ({ method: 'GET', url: `/api/users/${users.A.id}/addresses/${addressOfA}` }),
    },
    {
      route: 'PUT /api/users/{A}/addresses/{A’s}',
      expected: ownerAndAdmin(200),
      prepare: async () => {
        const id = await newAddressOfA();
        return {
          method: 'PUT',
          url: `/api/users/${users.A.id}/addresses/${id}`,
          payload: CHANGED_ADDRESS,
          verify: async (ok) => {
            const now = (await call('A', { method: 'GET', url: `/api/users/me/addresses/${id}` })).json();
            expect(now).toMatchObject(ok ? CHANGED_ADDRESS : ADDRESS);
          },
        };
      },
    },
    {
      route: 'DELETE /api/users/{A}/addresses/{A’s}',
      expected: ownerAndAdmin(204),
      prepare: async () => {
        const id = await newAddressOfA();
        return {
          method: 'DELETE',
          url: `/api/users/${users.A.id}/addresses/${id}`,
          verify: async (ok) => expect(await addressOfAExists(id)).toBe(!ok),
        };
      },
    },
    { route: 'GET /api/users/me/sessions', expected: everyone(200), prepare: () => ({ method: 'GET', url: '/api/users/me/sessions' }) },
    {
      // admin-everything covers sessions too, so an admin can end a customer's session.
      route: 'DELETE /api/users/me/sessions/{A’s other session}',
      expected: ownerAndAdmin(204),
      prepare: async () => {
        const session = await newSessionOfA();
        return {
          method: 'DELETE',
          url: `/api/users/me/sessions/${session.id}`,
          verify: async (ok) => {
            const res = await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(session.signed) });
            expect(res.statusCode).toBe(ok ? 401 : 200);
          },
        };
      },
    },
    { route: 'GET /api/admin/users', expected: staffReads, prepare: () => ({ method: 'GET', url: '/api/admin/users' }) },
    { route: 'GET /api/admin/users/{A}', expected: staffReads, prepare: () => ({ method: 'GET', url: `/api/admin/users/${users.A.id}` }) },
    {
      route: 'GET /api/admin/users/{A}/login-log',
      expected: staffReads,
      prepare: () => ({ method: 'GET', url: `/api/admin/users/${users.A.id}/login-log` }),
    },
    {
      route: 'POST /api/admin/users/{user}/roles',
      expected: adminOnly(200),
      prepare: async () => {
        const target = await registerUser(h);
        return {
          method: 'POST',
          url: `/api/admin/users/${target.id}/roles`,
          payload: { role: 'ops' },
          verify: async (ok) => expect((await adminView(target.id)).roles).toEqual(ok ? ['customer', 'ops'] : ['customer']),
        };
      },
    },
    {
      route: 'DELETE /api/admin/users/{user}/roles/ops',
      expected: adminOnly(200),
      prepare: async () => {
        const target = await makeStaff(h, ['ops']);
        return {
          method: 'DELETE',
          url: `/api/admin/users/${target.id}/roles/ops`,
          verify: async (ok) => expect((await adminView(target.id)).roles).toEqual(ok ? ['customer'] : ['customer', 'ops']),
        };
      },
    },
    {
      route: 'POST /api/admin/users/{user}/disable',
      expected: adminOnly(200),
      prepare: async () => {
        const target = await registerUser(h);
        return {
          method: 'POST',
          url: `/api/admin/users/${target.id}/disable`,
          verify: async (ok) => {
            // The target notices on its next request.
            const res = await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(target) });
            expect(res.statusCode).toBe(ok ? 401 : 200);
            expect((await adminView(target.id)).status).toBe(ok ? 'disabled' : 'active');
          },
        };
      },
    },
    {
      route: 'POST /api/admin/users/{disabled user}/enable',
      expected: adminOnly(200),
      prepare: async () => {
        const target = await registerUser(h);
        await asAdmin({ method: 'POST', url: `/api/admin/users/${target.id}/disable` });
        return {
          method: 'POST',
          url: `/api/admin/users/${target.id}/enable`,
          verify: async (ok) => expect((await adminView(target.id)).status).toBe(ok ? 'active' : 'disabled'),
        };
      },
    },
    { route: 'GET /api/admin/policies', expected: adminOnly(200), prepare: () => ({ method: 'GET', url: '/api/admin/policies' }) },
    {
      route: 'POST /api/admin/policies',
      expected: adminOnly(201),
      prepare: () => {
        const name = `probe-${randomUUID()}`;
        return {
          method: 'POST',
          url: '/api/admin/policies',
          payload: { ...OFF_POLICY, name },
          verify: async (ok) => {
            const all = (await asAdmin({ method: 'GET', url: '/api/admin/policies' })).items as Array<{ name: string }>;
            expect(all.filter((p) => p.name === name)).toHaveLength(ok ? 1 : 0);
          },
        };
      },
    },
    {
      route: 'PUT /api/admin/policies/{id}',
      expected: adminOnly(200),
      prepare: async () => {
        const id = await newPolicy();
        return {
          method: 'PUT',
          url: `/api/admin/policies/${id}`,
          payload: { ...OFF_POLICY, name: 'matrix-probe-renamed' },
          verify: async (ok) => expect((await policyById(id))?.name).toBe(ok ? 'matrix-probe-renamed' : 'matrix-probe'),
        };
      },
    },
    {
      route: 'DELETE /api/admin/policies/{id}',
      expected: adminOnly(204),
      prepare: async () => {
        const id = await newPolicy();
        return {
          method: 'DELETE',
          url: `/api/admin/policies/${id}`,
          verify: async (ok) => expect(await policyById(id)).toEqual(ok ? undefined : expect.anything()),
        };
      },
    },
    {
      route: 'POST /api/admin/policies/evaluate',
      expected: adminOnly(200),
      prepare: () => ({
        method: 'POST',
        url: '/api/admin/policies/evaluate',
        payload: { userId: users.A.id, action: 'read', resource: { type: 'address', ownerId: users.A.id } },
      }),
    },
    { route: 'GET /api/admin/outbox/dead', expected: adminOnly(200), prepare: () => ({ method: 'GET', url: '/api/admin/outbox/dead' }) },
    { route: 'GET /api/admin/mailbox', expected: adminOnly(200), prepare: () => ({ method: 'GET', url: '/api/admin/mailbox' }) },
    { route: 'GET /api/admin/stock', expected: opsAndAdmin(200), prepare: () => ({ method: 'GET', url: '/api/admin/stock' }) },
    { route: 'GET /api/admin/stock/low', expected: opsAndAdmin(200), prepare: () => ({ method: 'GET', url: '/api/admin/stock/low' }) },
    {
      route: 'GET /api/admin/stock/{variant}',
      expected: opsAndAdmin(200),
      prepare: async () => ({ method: 'GET', url: `/api/admin/stock/${(await stockVariant()).id}` }),
    },
    {
      route: 'POST /api/admin/stock/{variant}/adjust',
      expected: opsAndAdmin(200),
      prepare: async () =>
        stockWrite({
          method: 'POST',
          url: `/api/admin/stock/${(await stockVariant()).id}/adjust`,
          payload: { delta: 2, kind: 'receive', reason: 'matrix' },
        }),
    },
    {
      route: 'PATCH /api/admin/stock/{variant}',
      expected: opsAndAdmin(200),
      prepare: async () => ({ method: 'PATCH', url: `/api/admin/stock/${(await stockVariant()).id}`, payload: { lowStockThreshold: 1 } }),
    },
    {
      route: 'POST /api/admin/stock/import',
      expected: opsAndAdmin(200),
      prepare: async () =>
        stockWrite({
          method: 'POST',
          url: '/api/admin/stock/import',
          payload: { csv: `sku,quantity,mode\n${(await stockVariant()).sku},1,add\n` },
        }),
    },
    { route: 'GET /api/cart', expected: anyone(200), prepare: () => ({ method: 'GET', url: '/api/cart' }) },
    {
      route: 'POST /api/cart/items',
      expected: anyone(200),
      prepare: async () => ({ method: 'POST', url: '/api/cart/items', payload: { variantId: await sellableVariant(), quantity: 1 } }),
    },
    {
      route: 'PATCH /api/cart/items/{id}',
      expected: cartOwnerOnly(200),
      prepare: async () => {
        const id = await lineOfA();
        const before = (await quantityOfALine(id))!;
        return {
          method: 'PATCH',
          url: `/api/cart/items/${id}`,
          payload: { quantity: before + 1 },
          verify: async (ok) => expect(await quantityOfALine(id)).toBe(ok ? before + 1 : before),
        };
      },
    },
    {
      route: 'DELETE /api/cart/items/{id}',
      expected: cartOwnerOnly(200),
      prepare: async () => {
        const id = await lineOfA();
        return {
          method: 'DELETE',
          url: `/api/cart/items/${id}`,
          verify: async (ok) => expect(await quantityOfALine(id)).toEqual(ok ? undefined : expect.any(Number)),
        };
      },
    },
    // Anyone may try a code; an unknown one is refused the same way for every caller.
    {
      route: 'POST /api/cart/coupon',
      expected: anyone(409),
      prepare: () => ({ method: 'POST', url: '/api/cart/coupon', payload: { code: 'NO-SUCH-CODE' } }),
    },
    { route: 'DELETE /api/cart/coupon', expected: anyone(200), prepare: () => ({ method: 'DELETE', url: '/api/cart/coupon' }) },
    {
      route: 'PUT /api/cart/shipping-method',
      expected: anyone(200),
      prepare: () => ({ method: 'PUT', url: '/api/cart/shipping-method', payload: { methodId: null } }),
    },
    { route: 'GET /api/shipping-methods', expected: anyone(200), prepare: () => ({ method: 'GET', url: '/api/shipping-methods' }) },
    {
      route: 'GET /api/admin/shipping-methods',
      expected: opsAndAdmin(200),
      prepare: () => ({ method: 'GET', url: '/api/admin/shipping-methods' }),
    },
    {
      route: 'POST /api/admin/shipping-methods',
      expected: opsAndAdmin(201),
      prepare: () => {
        const code = `m_${randomUUID().slice(0, 8)}`;
        return {
          method: 'POST',
          url: '/api/admin/shipping-methods',
          payload: { ...SHIPPING_METHOD, code },
          verify: async (ok) => {
            const all = (await asAdmin({ method: 'GET', url: '/api/admin/shipping-methods' })).items as Array<{ code: string }>;
            expect(all.filter((m) => m.code === code)).toHaveLength(ok ? 1 : 0);
          },
        };
      },
    },
    {
      route: 'GET /api/admin/shipping-methods/{id}',
      expected: opsAndAdmin(200),
      prepare: async () => ({ method: 'GET', url: `/api/admin/shipping-methods/${await newShippingMethod()}` }),
    },
    {
      route: 'PATCH /api/admin/shipping-methods/{id}',
      expected: opsAndAdmin(200),
      prepare: async () => {
        const id = await newShippingMethod();
        return {
          method: 'PATCH',
          url: `/api/admin/shipping-methods/${id}`,
          payload: { fee: { type: 'flat', amount: 0 } },
          verify: async (ok) => expect((await shippingMethod(id)).fee).toEqual({ type: 'flat', amount: ok ? 0 : 60 }),
        };
      },
    },
    {
      route: 'DELETE /api/admin/shipping-methods/{id}',
      expected: opsAndAdmin(204),
      prepare: async () => {
        const id = await newShippingMethod();
        return {
          method: 'DELETE',
          url: `/api/admin/shipping-methods/${id}`,
          verify: async (ok) => expect((await shippingMethod(id)).active).toBe(!ok),
        };
      },
    },
    // The shop's details and legal pages: anyone reads what the storefront shows; only admins edit.
    { route: 'GET /api/store', expected: anyone(200), prepare: () => ({ method: 'GET', url: '/api/store' }) },
    {
      route: 'GET /api/store/pages/{slug}',
      expected: anyone(200),
      prepare: () => ({ method: 'GET', url: '/api/store/pages/returns?locale=en' }),
    },
    {
      route: 'GET /api/admin/store/settings',
      expected: adminOnly(200),
      prepare: () => ({ method: 'GET', url: '/api/admin/store/settings' }),
    },
    {
      route: 'PUT /api/admin/store/settings',
      expected: adminOnly(200),
      prepare: async () => {
        const before = await storeSettings();
        const { version: _version, updatedAt: _at, ...current } = before;
        const phone = before.phone === '0223456789' ? '0287654321' : '0223456789';
        return {
          method: 'PUT',
          url: '/api/admin/store/settings',
          payload: { ...current, phone, version: before.version },
          verify: async (ok) => expect((await storeSettings()).phone).toBe(ok ? phone : before.phone),
        };
      },
    },
    {
      route: 'GET /api/admin/store/pages/{slug}',
      expected: adminOnly(200),
      prepare: () => ({ method: 'GET', url: '/api/admin/store/pages/terms' }),
    },
    {
      route: 'PUT /api/admin/store/pages/{slug}',
      expected: adminOnly(200),
      prepare: async () => {
        const before = await legalPage('terms');
        const text = `條款 ${randomUUID()}`;
        return {
          method: 'PUT',
          url: '/api/admin/store/pages/terms',
          payload: { version: before.version, body: { 'zh-TW': text, en: '' } },
          verify: async (ok) => expect((await legalPage('terms')).body['zh-TW']).toBe(ok ? text : before.body['zh-TW']),
        };
      },
    },
    { route: 'GET /api/admin/promotions', expected: promotionStaff(200), prepare: () => ({ method: 'GET', url: '/api/admin/promotions' }) },
    {
      route: 'POST /api/admin/promotions',
      expected: promotionStaff(201),
      prepare: async () => {
        const count = async () => (await asAdmin({ method: 'GET', url: '/api/admin/promotions' })).total as number;
        const before = await count();
        return {
          method: 'POST',
          url: '/api/admin/promotions',
          payload: { name: { 'zh-TW': '滿千折百' }, rule: { kind: 'order_fixed', amountOff: 100, minSubtotal: 1000 } },
          verify: async (ok) => expect(await count()).toBe(ok ? before + 1 : before),
        };
      },
    },
    {
      route: 'GET /api/admin/promotions/{id}',
      expected: promotionStaff(200),
      prepare: async () => ({ method: 'GET', url: `/api/admin/promotions/${await newPromotion()}` }),
    },
    {
      route: 'PATCH /api/admin/promotions/{id}',
      expected: promotionStaff(200),
      prepare: async () => {
        const id = await newPromotion();
        return {
          method: 'PATCH',
          url: `/api/admin/promotions/${id}`,
          payload: { version: 1, priority: 7 },
          verify: async (ok) => expect((await promotionById(id)).priority).toBe(ok ? 7 : 0),
        };
      },
    },
    promotionMove('pause', 'active', 'paused'),
    promotionMove('resume', 'paused', 'active'),
    promotionMove('archive', 'active', 'archived'),
    {
      route: 'POST /api/admin/promotions/{coupon}/codes',
      expected: promotionStaff(201),
      prepare: async () => {
        const id = await newPromotion({ isCoupon: true });
        return {
          method: 'POST',
          url: `/api/admin/promotions/${id}/codes`,
          payload: { type: 'batch', count: 3 },
          verify: async (ok) => expect((await promotionById(id)).codeCount).toBe(ok ? 3 : 0),
        };
      },
    },
    {
      route: 'GET /api/admin/promotions/{id}/codes',
      expected: promotionStaff(200),
      prepare: async () => ({ method: 'GET', url: `/api/admin/promotions/${await newPromotion({ isCoupon: true })}/codes` }),
    },
    {
      route: 'GET /api/admin/promotions/{id}/codes.csv',
      expected: promotionStaff(200),
      prepare: async () => ({ method: 'GET', url: `/api/admin/promotions/${await newPromotion({ isCoupon: true })}/codes.csv` }),
    },
    {
      route: 'GET /api/admin/pricing-settings',
      expected: promotionStaff(200),
      prepare: () => ({ method: 'GET', url: '/api/admin/pricing-settings' }),
    },
    {
      route: 'PUT /api/admin/pricing-settings',
      expected: promotionStaff(200),
      prepare: async () => {
        const policy = async () => (await asAdmin({ method: 'GET', url: '/api/admin/pricing-settings' })).stackingPolicy as string;
        const before = await policy();
        const next = before === 'stack_all' ? 'best_only' : 'stack_all';
        return {
          method: 'PUT',
          url: '/api/admin/pricing-settings',
          payload: { stackingPolicy: next },
          verify: async (ok) => expect(await policy()).toBe(ok ? next : before),
        };
      },
    },
    { route: 'GET /api/orders', expected: everyone(200), prepare: () => ({ method: 'GET', url: '/api/orders' }) },
    {
      route: 'GET /api/orders/{A’s}',
      expected: orderReaders,
      prepare: async () => ({ method: 'GET', url: `/api/orders/${(await readableOrderOfA()).id}` }),
    },
    {
      route: 'POST /api/orders/{A’s}/cancel',
      expected: { anonymous: 401, A: 200, B: 404, ops: 200, support: 404, admin: 200 },
      prepare: async () => {
        const { id } = await orderOfA();
        return {
          method: 'POST',
          url: `/api/orders/${id}/cancel`,
          payload: {},
          verify: async (ok) => expect(await orderStatus(id)).toBe(ok ? 'cancelled' : 'pending_payment'),
        };
      },
    },
    {
      route: 'POST /api/orders/{A’s}/payments',
      expected: { anonymous: 401, A: 201, B: 404, ops: 201, support: 404, admin: 201 },
      prepare: async () => {
        const { id } = await orderOfA();
        return {
          method: 'POST',
          url: `/api/orders/${id}/payments`,
          payload: { method: 'credit' },
          verify: async (ok) => expect((await ecpayAttempts(id)).map((p) => p.status)).toEqual(ok ? ['pending'] : []),
        };
      },
    },
    {
      // ECPay's server: no session, the body's signature is what counts.
      route: 'POST /api/payments/ecpay/notify',
      expected: anyone(200),
      prepare: async () => {
        const { id, fields } = await ecpayOrderOfA();
        return {
          ...ecpayNotice('notify', {
            ...noticeBase(fields),
            PaymentDate: formatTaipeiDateTime(new Date()),
            PaymentType: 'ATM_TAISHIN',
            PaymentTypeChargeFee: '0',
            RtnCode: '1',
            RtnMsg: '交易成功',
            SimulatePaid: '0',
          }),
          verify: async (ok) => expect(await orderStatus(id)).toBe(ok ? 'paid' : 'pending_payment'),
        };
      },
    },
    {
      route: 'POST /api/payments/ecpay/payment-info',
      expected: anyone(200),
      prepare: async () => {
        const { id, fields } = await ecpayOrderOfA();
        return {
          ...ecpayNotice('payment-info', {
            ...noticeBase(fields),
            BankCode: '812',
            ExpireDate: formatTaipeiDate(new Date(Date.now() + 3 * 86_400_000)),
            PaymentType: 'ATM_TAISHIN',
            RtnCode: '2',
            RtnMsg: 'Get VirtualAccount Succeeded',
            vAccount: '9103522850923456',
          }),
          verify: async (ok) =>
            expect((await ecpayAttempts(id))[0]?.code_info ?? null).toEqual(ok ? expect.objectContaining({ kind: 'atm' }) : null),
        };
      },
    },
    {
      route: 'POST /api/orders/lookup',
      expected: anyone(200),
      prepare: async () => ({
        method: 'POST',
        url: '/api/orders/lookup',
        payload: { orderNumber: (await readableOrderOfA()).orderNumber, email: users.A.email, mobile: '0912345678' },
      }),
    },
    {
      route: 'GET /api/checkout/session',
      expected: { ...anyone(200), anonymous: 409 },
      prepare: () => ({ method: 'GET', url: '/api/checkout/session' }),
    },
    {
      route: 'POST /api/checkout (A’s form)',
      expected: { anonymous: 409, A: 201, B: 409, ops: 409, support: 409, admin: 409 },
      prepare: async () => ({ method: 'POST', url: '/api/checkout', payload: await checkoutFormOfA() }),
    },
    {
      route: 'POST /api/orders/{A’s}/account (no token)',
      expected: { anonymous: 404, A: 404, B: 404, ops: 404, support: 404, admin: 404 },
      prepare: async () => ({
        method: 'POST',
        url: `/api/orders/${(await readableOrderOfA()).id}/account`,
        payload: { password: 'Oolong-mountain-2026' },
      }),
    },
    {
      route: 'POST /api/orders/{A’s}/account (its token)',
      expected: { anonymous: 409, A: 409, B: 409, ops: 409, support: 409, admin: 409 },
      prepare: async () => {
        const { id, orderNumber } = await readableOrderOfA();
        const found = await call('anonymous', {
          method: 'POST',
          url: '/api/orders/lookup',
          payload: { orderNumber, email: users.A.email, mobile: '0912345678' },
        });
        expect(found.statusCode, found.body).toBe(200);
        return {
          method: 'POST',
          url: `/api/orders/${id}/account?token=${encodeURIComponent(found.json().token)}`,
          payload: { password: 'Oolong-mountain-2026' },
          // A's order stays A's, whoever asked.
          verify: async () => expect((await call('A', { method: 'GET', url: `/api/orders/${id}` })).statusCode).toBe(200),
        };
      },
    },
    {
      route: 'GET /api/admin/orders/today',
      expected: orderStaffReaders,
      prepare: () => ({ method: 'GET', url: '/api/admin/orders/today' }),
    },
    { route: 'GET /api/admin/orders', expected: orderStaffReaders, prepare: () => ({ method: 'GET', url: '/api/admin/orders' }) },
    { route: 'GET /api/admin/orders.csv', expected: orderStaffReaders, prepare: () => ({ method: 'GET', url: '/api/admin/orders.csv' }) },
    {
      route: 'GET /api/admin/orders/{id}',
      expected: orderStaffReaders,
      prepare: async () => ({ method: 'GET', url: `/api/admin/orders/${(await readableOrderOfA()).id}` }),
    },
    {
      route: 'PATCH /api/admin/orders/{id}',
      expected: opsAndAdmin(200),
      prepare: async () => {
        const { id, version } = await orderOfA();
        return {
          method: 'PATCH',
          url: `/api/admin/orders/${id}`,
          payload: { version, note: 'matrix' },
          verify: async (ok) => expect((await asAdmin({ method: 'GET', url: `/api/admin/orders/${id}` })).note).toBe(ok ? 'matrix' : null),
        };
      },
    },
    {
      route: 'POST /api/admin/orders/{id}/transition',
      expected: opsAndAdmin(200),
      prepare: async () => {
        const { id } = await orderOfA();
        return {
          method: 'POST',
          url: `/api/admin/orders/${id}/transition`,
          payload: { to: 'payment_failed' },
          verify: async (ok) => expect(await orderStatus(id)).toBe(ok ? 'payment_failed' : 'pending_payment'),
        };
      },
    },
    {
      route: 'POST /api/admin/orders/{id}/cancel',
      expected: opsAndAdmin(200),
      prepare: async () => {
        const { id } = await orderOfA();
        return {
          method: 'POST',
          url: `/api/admin/orders/${id}/cancel`,
          payload: { reason: 'matrix' },
          verify: async (ok) => expect(await orderStatus(id)).toBe(ok ? 'cancelled' : 'pending_payment'),
        };
      },
    },
    {
      // An order without ECPay attempts: nothing to ask ECPay, the answer says so.
      route: 'POST /api/admin/orders/{id}/payments/reconcile',
      expected: opsAndAdmin(200),
      prepare: async () => ({ method: 'POST', url: `/api/admin/orders/${(await readableOrderOfA()).id}/payments/reconcile` }),
    },
    {
      route: 'GET /api/admin/payments/reconciliations',
      expected: orderStaffReaders,
      prepare: () => ({ method: 'GET', url: '/api/admin/payments/reconciliations?date=2026-12-07' }),
    },
    // payment views
    {
      route: 'GET /api/admin/orders/{id}/payments',
      expected: orderStaffReaders,
      prepare: async () => ({ method: 'GET', url: `/api/admin/orders/${(await readableOrderOfA()).id}/payments` }),
    },
    {
      route: 'GET /api/admin/payments/flagged',
      expected: orderStaffReaders,
      prepare: () => ({ method: 'GET', url: '/api/admin/payments/flagged?page=1&pageSize=20' }),
    },
    // refunds
    ...refundRows,
    // payment settings: anyone reads what checkout offers; only admins read and edit the settings.
    { route: 'GET /api/store/payments', expected: anyone(200), prepare: () => ({ method: 'GET', url: '/api/store/payments' }) },
    {
      route: 'GET /api/admin/store/payments',
      expected: adminOnly(200),
      prepare: () => ({ method: 'GET', url: '/api/admin/store/payments' }),
    },
    {
      route: 'PUT /api/admin/store/payments',
      expected: adminOnly(200),
      prepare: async () => {
        const before = await asAdmin({ method: 'GET', url: '/api/admin/store/payments' });
        const { version, updatedAt: _at, ...current } = before;
        const atmDays = before.atmDays === 3 ? 4 : 3;
        return {
          method: 'PUT',
          url: '/api/admin/store/payments',
          payload: { ...current, atmDays, version },
          verify: async (ok) =>
            expect((await asAdmin({ method: 'GET', url: '/api/admin/store/payments' })).atmDays).toBe(ok ? atmDays : before.atmDays),
        };
      },
    },
  ];

  const cases = rows.flatMap((row) => ACTORS.map((actor) => ({ route: row.route, actor, status: row.expected[actor], row })));

  beforeAll(async () => {
    h = await createHarness();
    users.A = await registerUser(h, { displayName: '顧客甲' });
    users.B = await registerUser(h, { displayName: '顧客乙' });
    users.ops = await makeStaff(h, ['ops']);
    users.support = await makeStaff(h, ['support']);
    users.admin = await makeStaff(h, ['admin']);
    addressOfA = await newAddressOfA();
  });
  afterAll(() => h?.close());

  const codeFor = (status: number) =>
    status === 401
      ? 'AUTH_UNAUTHORIZED'
      : status === 403
        ? 'FORBIDDEN'
        : status === 404
          ? expect.stringMatching(/_NOT_FOUND$/)
          : expect.any(String);

  it('has a row for every payments and refunds route the API documents (a new one is added here the day it lands)', () => {
    const shape = (route: string) => route.replace(/\{[^}]*\}/g, '{}');
    const doc = h.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
      .filter((route) => /\/(payments|refunds)\b/.test(route))
      .map(shape);
    expect(documented.length).toBeGreaterThan(10);
    const covered = new Set(rows.map((row) => shape(row.route)));
    expect(documented.filter((route) => !covered.has(route))).toEqual([]);
  });

  it.each(cases)('$route as $actor → $status', async ({ actor, status, row }) => {
    const { verify, ...request } = await row.prepare();

    const res = await call(actor, request);

    expect(res.statusCode, res.body).toBe(status);
    if (status >= 400) expect(res.json()).toMatchObject({ status, code: codeFor(status) });
    await verify?.(status < 300);
  });

  describe('customer B and customer A’s things', () => {
    const snapshotOfA = async () => ({
      profile: (await call('A', { method: 'GET', url: '/api/users/me/profile' })).json(),
      addresses: (await call('A', { method: 'GET', url: '/api/users/me/addresses' })).json(),
      sessions: (await call('A', { method: 'GET', url: '/api/users/me/sessions' })).json(),
    });

    it('gets 404 for reading or changing A’s profile and addresses, and A’s data stays as it was', async () => {
      const a = users.A.id;
      const before = await snapshotOfA();
      const bookOfB = async () => (await call('B', { method: 'GET', url: '/api/users/me/addresses' })).json();
      const bookOfBBefore = await bookOfB();
      const attempts: Array<Pick<InjectOptions, 'method' | 'url' | 'payload'>> = [
        { method: 'GET', url: `/api/users/${a}/profile` },
        { method: 'PUT', url: `/api/users/${a}/profile`, payload: { displayName: 'hijacked', phone: '0987654321', locale: 'en' } },
        { method: 'GET', url: `/api/users/${a}/addresses` },
        { method: 'POST', url: `/api/users/${a}/addresses`, payload: CHANGED_ADDRESS },
        { method: 'GET', url: `/api/users/${a}/addresses/${addressOfA}` },
        { method: 'PUT', url: `/api/users/${a}/addresses/${addressOfA}`, payload: { ...CHANGED_ADDRESS, isDefault: true } },
        { method: 'DELETE', url: `/api/users/${a}/addresses/${addressOfA}` },
        { method: 'GET', url: `/api/users/me/addresses/${addressOfA}` },
        { method: 'PUT', url: `/api/users/me/addresses/${addressOfA}`, payload: CHANGED_ADDRESS },
        { method: 'DELETE', url: `/api/users/me/addresses/${addressOfA}` },
        { method: 'DELETE', url: `/api/users/me/sessions/${before.sessions.items[0].id}` },
      ];

      const statuses: string[] = [];
      for (const attempt of attempts) statuses.push(`${attempt.method} ${attempt.url} → ${(await call('B', attempt)).statusCode}`);

      expect(statuses).toEqual(attempts.map((x) => `${x.method} ${x.url} → 404`));
      expect(await snapshotOfA()).toEqual(before);
      // And nothing landed in B's own book instead.
      expect(await bookOfB()).toEqual(bookOfBBefore);
    });

    /** The problem document without what differs per request, and with the asked id blanked out. */
    const comparable = (res: LightMyRequestResponse, askedId: string) => {
      const { traceId: _traceId, instance: _instance, ...rest } = res.json();
      return {
        status: res.statusCode,
        contentType: res.headers['content-type'],
        body: JSON.parse(JSON.stringify(rest).replaceAll(askedId, '<id>')),
      };
    };

    it.each([
      {
        what: 'an address through my book',
        method: 'GET' as const,
        url: (id: string) => `/api/users/me/addresses/${id}`,
        existing: async () => addressOfA,
      },
      {
        what: 'an address through A’s book',
        method: 'GET' as const,
        url: (id: string) => `/api/users/${users.A.id}/addresses/${id}`,
        existing: async () => addressOfA,
      },
      {
        what: 'a change to an address',
        method: 'PUT' as const,
        url: (id: string) => `/api/users/me/addresses/${id}`,
        existing: async () => addressOfA,
      },
      { what: 'a profile', method: 'GET' as const, url: (id: string) => `/api/users/${id}/profile`, existing: async () => users.A.id },
      {
        what: 'ending a session',
        method: 'DELETE' as const,
        url: (id: string) => `/api/users/me/sessions/${id}`,
        existing: async () => (await newSessionOfA()).id,
      },
      { what: 'removing a line of A’s cart', method: 'DELETE' as const, url: (id: string) => `/api/cart/items/${id}`, existing: lineOfA },
    ])('answers $what of A exactly as one that does not exist', async ({ method, url, existing }) => {
      const existingId = await existing();
      const missingId = randomUUID();
      const payload = method === 'PUT' ? CHANGED_ADDRESS : undefined;

      const mine = await call('B', { method, url: url(existingId), payload });
      const missing = await call('B', { method, url: url(missingId), payload });

      expect(mine.statusCode).toBe(404);
      expect(comparable(mine, existingId)).toEqual(comparable(missing, missingId));
    });
  });
});
