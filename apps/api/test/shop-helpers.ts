// A small shop for checkout and order tests: products on the shelf with stock, shipping methods,
// promotions, shoppers (guests by cookie jar, or signed in) and the checkout form they send.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Json } from './api-calls.js';
import { addProductImage } from './catalog-helpers.js';
import type { Harness } from './harness.js';
import { bearer, makeStaff, type Signed } from './identity-helpers.js';

/** A shopper: a jar for the guest cookie and, once signed in, the session. */
export interface Shopper {
  jar: Record<string, string>;
  user?: Signed;
}

export const guest = (): Shopper => ({ jar: {} });
export const member = (user: Signed): Shopper => ({ jar: {}, user });

export const BUYER = { name: '王小明', mobile: '0912345678', email: 'buyer@example.tw' };
export const HOME = { city: '臺北市', district: '中正區', zip: '100', line: '重慶南路一段122號' };
export const STORE = { id: '991182', name: '7-ELEVEN 重慶門市', address: '臺北市中正區重慶南路一段1號', brand: '7-ELEVEN' };

export function shopHelpers(harness: () => Harness) {
  let admin: Signed;
  let category: Json;
  let n = 0;
  const h = () => harness();

  const ok = (res: LightMyRequestResponse, status = 200): Json => {
    expect(res.statusCode, res.body).toBe(status);
    return res.body ? res.json() : {};
  };
  const asAdmin = async (opts: Pick<InjectOptions, 'method' | 'url' | 'payload'>, status = 200) =>
    ok(await h().app.inject({ ...opts, headers: bearer(admin) } as InjectOptions), status);

  /** Admin, a category with a sales attribute; call in beforeAll. */
  const setUp = async (tag: string) => {
    admin = await makeStaff(h(), ['admin']);
    category = await asAdmin(
      { method: 'POST', url: '/api/admin/categories', payload: { name: { 'zh-TW': '茶具' }, slug: `${tag}-tea` } },
      201,
    );
    await asAdmin(
      {
        method: 'POST',
        url: '/api/admin/attributes',
        payload: { categoryId: category.id, code: 'size', kind: 'sales', type: 'text', label: { 'zh-TW': '尺寸', en: 'Size' } },
      },
      201,
    );
    return admin;
  };

  const setStock = (variantId: string, units: number) =>
    asAdmin({ method: 'POST', url: `/api/admin/stock/${variantId}/adjust`, payload: { set: units, reason: 'stocktake' } });

  /** A product on the shelf with one variant per price, each with `stock` units. */
  const product = async (opts: { prices?: number[]; stock?: number; over?: Json } = {}) => {
    const prices = opts.prices ?? [500];
    const p = await asAdmin(
      {
        method: 'POST',
        url: '/api/admin/products',
        payload: {
          name: { 'zh-TW': `茶壺${++n}`, en: `Teapot ${n}` },
          primaryCategoryId: category.id,
          variants: prices.map((priceMinor, i) => ({
            sku: `SHOP-${n}-${i}`,
            salesAttributes: { size: `S${i}` },
            priceMinor,
            weightGrams: 300,
          })),
          ...opts.over,
        },
      },
      201,
    );
    await addProductImage(h(), admin, p.id);
    const t = (body: Json) => asAdmin({ method: 'POST', url: `/api/admin/products/${p.id}/transitions`, payload: body });
    await t({ action: 'submit' });
    await t({ action: 'approve' });
    const live = await t({ action: 'put_on_shelf' });
    for (const v of p.variants) await setStock(v.id, opts.stock ?? 10);
    return live;
  };

  /** Changes a variant's price (a staff edit of the live product). */
  const setPrice = async (productId: string, variantId: string, priceMinor: number) => {
    const current = await asAdmin({ method: 'GET', url: `/api/admin/products/${productId}` });
    await asAdmin({
      method: 'PUT',
      url: `/api/admin/products/${productId}`,
      payload: {
        name: current.name,
        primaryCategoryId: current.primaryCategoryId,
        version: current.version,
        variants: current.variants.map((v: Json) => ({ ...v, priceMinor: v.id === variantId ? priceMinor : v.priceMinor })),
      },
    });
  };

  const shippingMethod = (kind: 'home_delivery' | 'store_pickup', fee = 100) =>
    asAdmin(
      {
        method: 'POST',
        url: '/api/admin/shipping-methods',
        payload:
          kind === 'home_delivery'
            ? {
                code: `home_${++n}`,
                kind,
                carrier: 'tcat',
                name: { 'zh-TW': '黑貓宅急便', en: 'T-Cat' },
                fee: { type: 'flat', amount: fee },
              }
            : {
                code: `pickup_${++n}`,
                kind,
                carrier: 'seven_eleven',
                name: { 'zh-TW': '7-11 取貨', en: '7-ELEVEN pickup' },
                fee: { type: 'flat', amount: fee },
              },
      },
      201,
    );

  const promotion = async (body: Json) =>
    (await asAdmin({ method: 'POST', url: '/api/admin/promotions', payload: { name: { 'zh-TW': `活動${++n}` }, ...body } }, 201))
      .id as string;
  const coupon = async (code: string, body: Json) => {
    const id = await promotion({ isCoupon: true, ...body });
    await asAdmin({ method: 'POST', url: `/api/admin/promotions/${id}/codes`, payload: { type: 'single', code } }, 201);
    return id;
  };

  /** A request as the shopper (its cookie jar and session), by default to the harness's app. */
  const call = async (
    s: Shopper,
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
    app = h().app,
  ) => {
    const cookie = Object.entries(s.jar)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    const res = await app.inject({
      method,
      url: `/api${url}`,
      headers: { ...(cookie ? { cookie } : {}), ...(s.user ? bearer(s.user) : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as Json }),
    });
    for (const c of res.cookies) {
      if (c.name !== 'cart_token') continue;
      if (c.value === '' || (c.maxAge !== undefined && c.maxAge <= 0) || (c.expires && c.expires.getTime() < Date.now()))
        delete s.jar.cart_token;
      else s.jar.cart_token = c.value;
    }
    return res;
  };
  const add = async (s: Shopper, variantId: string, quantity: number) => ok(await call(s, 'POST', '/cart/items', { variantId, quantity }));
  const cartOf = async (s: Shopper) => ok(await call(s, 'GET', '/cart'));
  const session = async (s: Shopper) => ok(await call(s, 'GET', '/checkout/session')).orderId as string;

  /** The checkout form for what the cart shows now (its total as `expected`). */
  const form = async (s: Shopper, over: Json = {}): Promise<Json> => {
    const cart = await cartOf(s);
    return {
      orderId: await session(s),
      buyer: BUYER,
      paymentMethod: 'bank_transfer',
      acceptTerms: true,
      expected: { total: cart.totals.total },
      ...over,
    };
  };
  const checkout = (s: Shopper, body: Json, key?: string) => call(s, 'POST', '/checkout', body, key ? { 'idempotency-key': key } : {});

  const stockOf = async (variantId: string) => {
    const { rows } = await h().pool.query('SELECT on_hand, reserved FROM stock_levels WHERE variant_id = $1', [variantId]);
    const r = rows[0] as { on_hand: number; reserved: number };
    return { onHand: r.on_hand, reserved: r.reserved, available: r.on_hand - r.reserved };
  };
  const count = async (sql: string, params: unknown[] = []) => Number((await h().pool.query(sql, params)).rows[0].n);

  return {
    setUp,
    asAdmin,
    ok,
    product,
    setStock,
    setPrice,
    shippingMethod,
    promotion,
    coupon,
    call,
    add,
    cartOf,
    session,
    form,
    checkout,
    stockOf,
    count,
    admin: () => admin,
    category: () => category,
  };
}
