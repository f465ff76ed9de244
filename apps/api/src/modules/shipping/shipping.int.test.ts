import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.js';
import { bearer, makeStaff, registerUser, type Signed } from '../../../test/identity-helpers.js';
import { DEFAULT_SHIPPING_METHODS, listActiveMethods, quoteShipping, seedDefaultShippingMethods } from './index.js';

const PICKUP = {
  code: 'seven_eleven_pickup',
  kind: 'store_pickup',
  carrier: 'seven_eleven',
  name: { 'zh-TW': '7-ELEVEN 超商取貨', en: '7-ELEVEN store pickup' },
  fee: { type: 'flat', amount: 60 },
  freeShippingThreshold: 499,
  maxWeightGrams: 5000,
  maxSizeCm: 105,
  minOrderAmount: 1,
  maxOrderAmount: 20000,
};
const HOME = {
  code: 'tcat_home',
  kind: 'home_delivery',
  carrier: 'tcat',
  name: { 'zh-TW': '黑貓宅急便', en: 'T-Cat home delivery' },
  fee: {
    type: 'weight',
    bands: [
      { upToGrams: 5000, fee: 130 },
      { upToGrams: 20000, fee: 200 },
    ],
  },
  freeShippingThreshold: 1500,
  islandSurcharge: 100,
  sortOrder: 20,
};

describe('shipping methods', () => {
  let h: Harness;
  let ops: Signed;
  let admin: Signed;
  let support: Signed;
  let customer: Signed;

  const call = (who: Signed | null, opts: Pick<InjectOptions, 'method' | 'url' | 'payload' | 'headers'>) =>
    h.app.inject({ ...opts, headers: { ...(who ? bearer(who) : {}), ...opts.headers } } as InjectOptions);
  const create = async (body: Record<string, unknown>, who: Signed = ops) => {
    const res = await call(who, { method: 'POST', url: '/api/admin/shipping-methods', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string } & Record<string, unknown>;
  };
  const publicList = async (headers: Record<string, string> = {}, query = '') => {
    const res = await call(null, { method: 'GET', url: `/api/shipping-methods${query}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { locale: string; items: Array<{ code: string; name: string }> };
  };

  beforeAll(async () => {
    h = await createHarness();
    ops = await makeStaff(h, ['ops']);
    admin = await makeStaff(h, ['admin']);
    support = await makeStaff(h, ['support']);
    customer = await registerUser(h);
  });
  beforeEach(async () => {
    await h.pool.query('TRUNCATE shipping_methods');
  });
  afterAll(() => h?.close());

  describe('staff configure methods', () => {
    it('creates a method with defaults for what was left out', async () => {
      const created = await create(PICKUP);

      expect(created).toMatchObject({ ...PICKUP, active: true, sortOrder: 0, islandSurcharge: 0, unknownItemWeightGrams: 500 });
      const read = await call(ops, { method: 'GET', url: `/api/admin/shipping-methods/${created.id}` });
      expect(read.json()).toEqual(created);
    });

    it('edits some fields and keeps the rest', async () => {
      const created = await create(HOME);

      const res = await call(admin, {
        method: 'PATCH',
        url: `/api/admin/shipping-methods/${created.id}`,
        payload: { fee: { type: 'flat', amount: 150 }, freeShippingThreshold: null, name: { 'zh-TW': '黑貓宅配', en: 'T-Cat' } },
      });

      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        ...HOME,
        fee: { type: 'flat', amount: 150 },
        freeShippingThreshold: null,
        name: { 'zh-TW': '黑貓宅配', en: 'T-Cat' },
      });
      expect(new Date(res.json().updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(String(created.updatedAt)).getTime());
    });

    it('deactivates on DELETE (twice is fine), keeps the row, and brings it back with PATCH', async () => {
      const created = await create(PICKUP);
      const url = `/api/admin/shipping-methods/${created.id}`;

      expect((await call(ops, { method: 'DELETE', url })).statusCode).toBe(204);
      expect((await call(ops, { method: 'DELETE', url })).statusCode).toBe(204);

      expect((await call(ops, { method: 'GET', url })).json()).toMatchObject({ active: false });
      expect((await publicList()).items).toEqual([]);
      const back = await call(ops, { method: 'PATCH', url, payload: { active: true } });
      expect(back.json()).toMatchObject({ active: true });
      expect((await publicList()).items.map((m) => m.code)).toEqual(['seven_eleven_pickup']);
    });

    it('lists every method to staff by sort order, inactive ones too', async () => {
      const home = await create(HOME);
      await create({ ...PICKUP, sortOrder: 10 });
      await call(ops, { method: 'DELETE', url: `/api/admin/shipping-methods/${home.id}` });

      const res = await call(ops, { method: 'GET', url: '/api/admin/shipping-methods' });

      expect(res.json().items.map((m: { code: string; active: boolean }) => [m.code, m.active])).toEqual([
        ['seven_eleven_pickup', true],
        ['tcat_home', false],
      ]);
    });

    it('refuses a code another method has (409), on create and on edit', async () => {
      await create(PICKUP);
      const home = await create(HOME);

      const again = await call(ops, { method: 'POST', url: '/api/admin/shipping-methods', payload: { ...HOME, code: PICKUP.code } });
      const renamed = await call(ops, { method: 'PATCH', url: `/api/admin/shipping-methods/${home.id}`, payload: { code: PICKUP.code } });

      for (const res of [again, renamed]) {
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json()).toMatchObject({ code: 'SHIPPING_METHOD_CODE_TAKEN', status: 409 });
      }
    });

    it.each([
      { method: 'GET' as const, payload: undefined },
      { method: 'PATCH' as const, payload: { active: false } },
      { method: 'DELETE' as const, payload: undefined },
    ])('answers 404 SHIPPING_METHOD_NOT_FOUND to $method of an unknown id', async ({ method, payload }) => {
      const res = await call(ops, { method, url: '/api/admin/shipping-methods/00000000-0000-4000-8000-000000000000', payload });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'SHIPPING_METHOD_NOT_FOUND' });
    });
  });

  describe('validation: 400 with the field and a stable code', () => {
    it.each([
      { what: 'a code with capitals', body: { ...PICKUP, code: 'Seven' }, path: 'body.code' },
      { what: 'no code', body: { ...PICKUP, code: undefined }, path: 'body.code' },
      { what: 'an unknown kind', body: { ...PICKUP, kind: 'drone' }, path: 'body.kind' },
      { what: 'an unknown carrier', body: { ...PICKUP, carrier: 'ups' }, path: 'body.carrier' },
      {
        what: 'a store chain for home delivery',
        body: { ...HOME, carrier: 'family_mart' },
        path: 'body.carrier',
        code: 'carrier_not_of_kind',
      },
      { what: 'a carrier for store pickup', body: { ...PICKUP, carrier: 'hct' }, path: 'body.carrier', code: 'carrier_not_of_kind' },
      { what: 'no English name', body: { ...PICKUP, name: { 'zh-TW': '取貨' } }, path: 'body.name.en' },
      { what: 'a blank zh-TW name', body: { ...PICKUP, name: { 'zh-TW': '  ', en: 'x' } }, path: 'body.name.zh-TW' },
      { what: 'a negative flat fee', body: { ...PICKUP, fee: { type: 'flat', amount: -1 } }, path: 'body.fee.amount' },
      { what: 'a fractional fee', body: { ...PICKUP, fee: { type: 'flat', amount: 60.5 } }, path: 'body.fee.amount' },
      { what: 'an unknown fee type', body: { ...PICKUP, fee: { type: 'by_distance', amount: 1 } }, path: 'body.fee.type' },
      { what: 'no weight bands', body: { ...HOME, fee: { type: 'weight', bands: [] } }, path: 'body.fee.bands' },
      {
        what: 'weight bands out of order',
        body: {
          ...HOME,
          fee: {
            type: 'weight',
            bands: [
              { upToGrams: 5000, fee: 130 },
              { upToGrams: 5000, fee: 200 },
            ],
          },
        },
        path: 'body.fee.bands.1.upToGrams',
        code: 'bands_not_ascending',
      },
      { what: 'a free-shipping threshold of 0', body: { ...PICKUP, freeShippingThreshold: 0 }, path: 'body.freeShippingThreshold' },
      { what: 'a negative surcharge', body: { ...HOME, islandSurcharge: -100 }, path: 'body.islandSurcharge' },
      { what: 'a weight limit of 0', body: { ...PICKUP, maxWeightGrams: 0 }, path: 'body.maxWeightGrams' },
      { what: 'a size limit of 0', body: { ...PICKUP, maxSizeCm: 0 }, path: 'body.maxSizeCm' },
      {
        what: 'a minimum above the maximum',
        body: { ...PICKUP, minOrderAmount: 500, maxOrderAmount: 499 },
        path: 'body.maxOrderAmount',
        code: 'amount_range_inverted',
      },
      { what: 'an unknown-weight default of 0', body: { ...PICKUP, unknownItemWeightGrams: 0 }, path: 'body.unknownItemWeightGrams' },
      { what: 'a negative sort order', body: { ...PICKUP, sortOrder: -1 }, path: 'body.sortOrder' },
      { what: 'active as a string', body: { ...PICKUP, active: 'yes' }, path: 'body.active' },
    ])('POST with $what', async ({ body, path, code }) => {
      const res = await call(ops, { method: 'POST', url: '/api/admin/shipping-methods', payload: body });

      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      const errors = res.json().errors as Array<{ path: string; code: string }>;
      expect(errors.map((e) => e.path)).toContain(path);
      if (code) expect(errors.find((e) => e.path === path)?.code).toBe(code);
    });

    it.each([
      { what: 'a store chain on a home delivery method', patch: { carrier: 'ok_mart' }, path: 'body.carrier', code: 'carrier_not_of_kind' },
      { what: 'the kind without the carrier', patch: { kind: 'store_pickup' }, path: 'body.carrier', code: 'carrier_not_of_kind' },
      {
        what: 'a minimum above the stored maximum',
        patch: { maxOrderAmount: 100, minOrderAmount: 200 },
        path: 'body.maxOrderAmount',
        code: 'amount_range_inverted',
      },
      { what: 'nothing', patch: {}, path: 'body' },
      { what: 'null for a required field', patch: { fee: null }, path: 'body.fee' },
    ])('PATCH with $what', async ({ patch, path, code }) => {
      const home = await create(HOME);

      const res = await call(ops, { method: 'PATCH', url: `/api/admin/shipping-methods/${home.id}`, payload: patch });

      expect(res.statusCode, res.body).toBe(400);
      const errors = res.json().errors as Array<{ path: string; code: string }>;
      expect(errors.map((e) => e.path)).toContain(path);
      if (code) expect(errors.find((e) => e.path === path)?.code).toBe(code);
      expect((await call(ops, { method: 'GET', url: `/api/admin/shipping-methods/${home.id}` })).json()).toEqual(home);
    });

    it('answers 400 to an id that is no uuid', async () => {
      const res = await call(ops, { method: 'GET', url: '/api/admin/shipping-methods/not-a-uuid' });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].path).toBe('params.id');
    });
  });

  describe('the storefront list', () => {
    beforeEach(async () => {
      await create({ ...PICKUP, sortOrder: 10 });
      await create(HOME);
      const off = await create({
        ...PICKUP,
        code: 'ok_mart_pickup',
        carrier: 'ok_mart',
        name: { 'zh-TW': 'OK超商取貨', en: 'OK Mart store pickup' },
      });
      await call(ops, { method: 'DELETE', url: `/api/admin/shipping-methods/${off.id}` });
    });

    it('shows the active methods in zh-TW to anyone, with the rules of their fees', async () => {
      const list = await publicList();

      expect(list.locale).toBe('zh-TW');
      expect(list.items).toEqual([
        expect.objectContaining({
          code: 'seven_eleven_pickup',
          name: '7-ELEVEN 超商取貨',
          fee: { type: 'flat', amount: 60 },
          freeShippingThreshold: 499,
          maxWeightGrams: 5000,
        }),
        expect.objectContaining({ code: 'tcat_home', name: '黑貓宅急便', islandSurcharge: 100 }),
      ]);
      expect(list.items[0]).not.toHaveProperty('active');
    });

    it.each([
      {
        how: '?locale=en',
        headers: {} as Record<string, string>,
        query: '?locale=en',
        locale: 'en',
        names: ['7-ELEVEN store pickup', 'T-Cat home delivery'],
      },
      {
        how: 'Accept-Language en-US',
        headers: { 'accept-language': 'en-US,en;q=0.9' },
        query: '',
        locale: 'en',
        names: ['7-ELEVEN store pickup', 'T-Cat home delivery'],
      },
      {
        how: 'Accept-Language zh-Hant-TW',
        headers: { 'accept-language': 'zh-Hant-TW' },
        query: '',
        locale: 'zh-TW',
        names: ['7-ELEVEN 超商取貨', '黑貓宅急便'],
      },
      {
        how: '?locale=zh-TW over Accept-Language en',
        headers: { 'accept-language': 'en' },
        query: '?locale=zh-TW',
        locale: 'zh-TW',
        names: ['7-ELEVEN 超商取貨', '黑貓宅急便'],
      },
    ])('names them by $how', async ({ headers, query, locale, names }) => {
      const list = await publicList(headers, query);
      expect(list.locale).toBe(locale);
      expect(list.items.map((m) => m.name)).toEqual(names);
    });

    it('answers the same to a signed-in customer', async () => {
      const res = await call(customer, { method: 'GET', url: '/api/shipping-methods' });
      expect(res.json().items).toHaveLength(2);
    });

    it('refuses an unknown locale (400)', async () => {
      const res = await call(null, { method: 'GET', url: '/api/shipping-methods?locale=fr' });
      expect(res.statusCode).toBe(400);
    });
  });

  describe('who may do what', () => {
    const writes = (id: string): Array<Pick<InjectOptions, 'method' | 'url' | 'payload'>> => [
      { method: 'GET', url: '/api/admin/shipping-methods' },
      { method: 'POST', url: '/api/admin/shipping-methods', payload: { ...PICKUP, code: 'probe' } },
      { method: 'GET', url: `/api/admin/shipping-methods/${id}` },
      { method: 'PATCH', url: `/api/admin/shipping-methods/${id}`, payload: { fee: { type: 'flat', amount: 0 } } },
      { method: 'DELETE', url: `/api/admin/shipping-methods/${id}` },
    ];

    it.each([
      { who: 'a customer', status: 403 },
      { who: 'support staff', status: 403 },
      { who: 'nobody signed in', status: 401 },
    ])('$who may not read or change the configuration ($status), and nothing changes', async ({ who, status }) => {
      const caller = who === 'a customer' ? customer : who === 'support staff' ? support : null;
      const method = await create(PICKUP);

      const statuses = [];
      for (const req of writes(method.id)) statuses.push((await call(caller, req)).statusCode);

      expect(statuses).toEqual(writes(method.id).map(() => status));
      expect((await call(ops, { method: 'GET', url: '/api/admin/shipping-methods' })).json().items).toEqual([method]);
    });
  });

  describe('default methods', () => {
    it('are added once, when there are none, and quote like the carriers charge', async () => {
      expect(await seedDefaultShippingMethods(h.db)).toEqual({ inserted: DEFAULT_SHIPPING_METHODS.length });
      expect(await seedDefaultShippingMethods(h.db)).toEqual({ inserted: 0 });

      const methods = await listActiveMethods(h.db);
      expect(methods.map((m) => m.code)).toEqual([
        'seven_eleven_pickup',
        'family_mart_pickup',
        'hi_life_pickup',
        'ok_mart_pickup',
        'tcat_home',
        'hct_home',
        'post_home',
      ]);
      const quote = quoteShipping({
        methods,
        lines: [{ quantity: 2, weightGrams: 800, virtual: false, storePickupEligible: true }],
        subtotal: 600,
        destination: { city: '澎湖縣', district: '馬公市' },
      });
      const fees = quote.needsShipping ? quote.quotes.map((q) => (q.available ? q.fee : q.reason)) : [];
      expect(fees).toEqual([0, 0, 65, 70, 230, 270, 100]);
    });

    it('are not added when staff configured any method, even an inactive one', async () => {
      const own = await create(HOME);
      await call(ops, { method: 'DELETE', url: `/api/admin/shipping-methods/${own.id}` });

      expect(await seedDefaultShippingMethods(h.db)).toEqual({ inserted: 0 });
      expect(await listActiveMethods(h.db)).toEqual([]);
    });

    it('are added once when two processes start together', async () => {
      const results = await Promise.all([seedDefaultShippingMethods(h.db), seedDefaultShippingMethods(h.db)]);

      expect(results.map((r) => r.inserted).sort()).toEqual([0, DEFAULT_SHIPPING_METHODS.length]);
    });
  });
});
