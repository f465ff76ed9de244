// The staff API for promotions, coupon codes and the stacking policy, through the real app.
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.js';
import { bearer, makeStaff, registerUser, type Signed } from '../../../test/identity-helpers.js';
import { withTx } from '../../platform/tx.js';
import { customerKeyForGuest, redeem, stackingPolicy } from './index.js';

const uuid = () => randomUUID();
const NAME = { 'zh-TW': '週年慶', en: 'Anniversary sale' };

/** One valid rule of every kind, with what the API answers for it (defaults filled in). */
const KINDS: Array<{ rule: Record<string, unknown>; stored: Record<string, unknown>; coupon?: boolean }> = (() => {
  const [p, v, p2, v2] = [uuid(), uuid(), uuid(), uuid()];
  return [
    {
      rule: { kind: 'order_percentage', percentOff: 1000 },
      stored: { kind: 'order_percentage', percentOff: 1000, maxDiscount: null, minSubtotal: 0 },
      coupon: true,
    },
    {
      rule: { kind: 'order_fixed', amountOff: 100, minSubtotal: 1000 },
      stored: { kind: 'order_fixed', amountOff: 100, minSubtotal: 1000 },
      coupon: true,
    },
    {
      rule: { kind: 'free_shipping', minSubtotal: 1500 },
      stored: { kind: 'free_shipping', minSubtotal: 1500, shippingOptionIds: null },
      coupon: true,
    },
    {
      rule: {
        kind: 'spend_tiers',
        tiers: [
          { minSubtotal: 1000, amountOff: 100 },
          { minSubtotal: 2000, amountOff: 300 },
        ],
      },
      stored: {
        kind: 'spend_tiers',
        tiers: [
          { minSubtotal: 1000, amountOff: 100 },
          { minSubtotal: 2000, amountOff: 300 },
        ],
      },
    },
    { rule: { kind: 'bundle_price', groupSize: 3, groupPrice: 999 }, stored: { kind: 'bundle_price', groupSize: 3, groupPrice: 999 } },
    {
      rule: { kind: 'nth_unit_percent', nth: 2, pricePercent: 6000 },
      stored: { kind: 'nth_unit_percent', nth: 2, pricePercent: 6000, grouping: 'same_product' },
    },
    { rule: { kind: 'line_percentage', percentOff: 2000 }, stored: { kind: 'line_percentage', percentOff: 2000 } },
    {
      rule: { kind: 'gift_with_purchase', minSubtotal: 3000, gift: { productId: p, variantId: v } },
      stored: { kind: 'gift_with_purchase', minSubtotal: 3000, gift: { productId: p, variantId: v, quantity: 1 } },
    },
    {
      rule: { kind: 'add_on', minSubtotal: 800, offers: [{ productId: p2, variantId: v2, price: 99, maxPerOrder: 2 }] },
      stored: { kind: 'add_on', minSubtotal: 800, offers: [{ productId: p2, variantId: v2, price: 99, maxPerOrder: 2 }] },
    },
  ];
})();

describe('staff API: promotions, coupon codes, pricing settings', () => {
  let h: Harness;
  let admin: Signed;
  let ops: Signed;
  let support: Signed;
  let customer: Signed;

  beforeAll(async () => {
    h = await createHarness();
    admin = await makeStaff(h, ['admin']);
    ops = await makeStaff(h, ['ops']);
    support = await makeStaff(h, ['support']);
    customer = await registerUser(h);
  });
  afterAll(() => h?.close());

  const call = (who: Signed | null, opts: Pick<InjectOptions, 'method' | 'url' | 'payload'>) =>
    h.app.inject({ ...opts, url: `/api${opts.url}`, headers: who ? bearer(who) : {} } as InjectOptions);
  const ok = async (opts: Pick<InjectOptions, 'method' | 'url' | 'payload'>, status = 200, who: Signed = admin) => {
    const res = await call(who, opts);
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  const create = (body: Record<string, unknown>) => ok({ method: 'POST', url: '/admin/promotions', payload: { name: NAME, ...body } }, 201);
  const fieldErrors = async (body: Record<string, unknown>, method: 'POST' | 'PATCH' = 'POST', url = '/admin/promotions') => {
    const res = await call(admin, { method, url, payload: method === 'POST' ? { name: NAME, ...body } : body });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    return (res.json().errors as Array<{ path: string; code: string }>).map((e) => `${e.path} ${e.code}`);
  };
  const eventsOf = async (id: string) =>
    (
      await h.pool.query<{ event_type: string }>('SELECT event_type FROM event_outbox WHERE aggregate_id = $1 ORDER BY created_at, id', [
        id,
      ])
    ).rows.map((r) => r.event_type);

  describe('creating', () => {
    it.each(KINDS)('creates a $rule.kind promotion', async ({ rule, stored, coupon }) => {
      const created = await create({
        rule,
        isCoupon: coupon ?? false,
        totalLimit: 100,
        startsAt: '2026-01-01T00:00:00+08:00',
        endsAt: '2026-12-31T16:00:00Z',
      });

      expect(created).toMatchObject({
        kind: rule.kind,
        rule: stored,
        name: NAME,
        description: null,
        isCoupon: coupon ?? false,
        scope: { type: 'all' },
        status: 'active',
        priority: 0,
        exclusive: false,
        startsAt: '2025-12-31T16:00:00.000Z',
        endsAt: '2026-12-31T16:00:00.000Z',
        totalLimit: 100,
        perCustomerLimit: null,
        uses: 0,
        discountGiven: 0,
        remainingUses: 100,
        codeCount: 0,
        createdBy: admin.id,
        updatedBy: admin.id,
        version: 1,
      });
      expect(await ok({ method: 'GET', url: `/admin/promotions/${created.id}` })).toEqual(created);
      expect(await eventsOf(created.id)).toEqual(['promotion.created']);
    });

    it.each([
      {
        what: 'a percentage of 0',
        body: { rule: { kind: 'order_percentage', percentOff: 0 } },
        expected: 'body.rule.percentOff too_small',
      },
      {
        what: 'a percentage above 100 %',
        body: { rule: { kind: 'line_percentage', percentOff: 10_001 } },
        expected: 'body.rule.percentOff too_big',
      },
      { what: 'a negative amount', body: { rule: { kind: 'order_fixed', amountOff: -5 } }, expected: 'body.rule.amountOff too_small' },
      {
        what: 'a fractional amount',
        body: { rule: { kind: 'order_fixed', amountOff: 9.5 } },
        expected: 'body.rule.amountOff invalid_type',
      },
      {
        what: 'a cap of 0',
        body: { rule: { kind: 'order_percentage', percentOff: 1000, maxDiscount: 0 } },
        expected: 'body.rule.maxDiscount too_small',
      },
      {
        what: 'tiers going down',
        body: {
          rule: {
            kind: 'spend_tiers',
            tiers: [
              { minSubtotal: 2000, amountOff: 300 },
              { minSubtotal: 1000, amountOff: 400 },
            ],
          },
        },
        expected: 'body.rule.tiers.1.minSubtotal tiers_not_ascending',
      },
      {
        what: 'a higher tier taking off less',
        body: {
          rule: {
            kind: 'spend_tiers',
            tiers: [
              { minSubtotal: 1000, amountOff: 300 },
              { minSubtotal: 2000, amountOff: 200 },
            ],
          },
        },
        expected: 'body.rule.tiers.1.amountOff tiers_not_ascending',
      },
      { what: 'no tiers', body: { rule: { kind: 'spend_tiers', tiers: [] } }, expected: 'body.rule.tiers too_small' },
      {
        what: 'a bundle of one',
        body: { rule: { kind: 'bundle_price', groupSize: 1, groupPrice: 100 } },
        expected: 'body.rule.groupSize too_small',
      },
      {
        what: 'an nth unit at full price',
        body: { rule: { kind: 'nth_unit_percent', nth: 2, pricePercent: 10_000 } },
        expected: 'body.rule.pricePercent too_big',
      },
      {
        what: 'a gift variant that is no uuid',
        body: { rule: { kind: 'gift_with_purchase', minSubtotal: 1000, gift: { productId: uuid(), variantId: 'cup-1' } } },
        expected: 'body.rule.gift.variantId invalid_format',
      },
      {
        what: 'an add-on at price 0',
        body: { rule: { kind: 'add_on', offers: [{ productId: uuid(), variantId: uuid(), price: 0 }] } },
        expected: 'body.rule.offers.0.price too_small',
      },
      {
        what: 'one variant offered twice',
        body: (() => {
          const o = { productId: uuid(), variantId: uuid(), price: 99 };
          return { rule: { kind: 'add_on', offers: [o, { ...o, price: 49 }] } };
        })(),
        expected: 'body.rule.offers duplicate',
      },
      {
        what: 'a category scope with a bad id',
        body: { rule: { kind: 'line_percentage', percentOff: 1000 }, scope: { type: 'categories', categoryIds: ['tea'] } },
        expected: 'body.scope.categoryIds.0 invalid_format',
      },
      {
        what: 'an end before the start',
        body: { rule: { kind: 'order_fixed', amountOff: 10 }, startsAt: '2026-05-01T00:00:00Z', endsAt: '2026-04-01T00:00:00Z' },
        expected: 'body.endsAt dates_out_of_order',
      },
      {
        what: 'a coupon of a line-level kind',
        body: { isCoupon: true, rule: { kind: 'bundle_price', groupSize: 2, groupPrice: 100 } },
        expected: 'body.rule.kind not_a_coupon_kind',
      },
      {
        what: 'a start in year 0 (PostgreSQL has none)',
        body: { rule: { kind: 'order_fixed', amountOff: 10 }, startsAt: '0000-06-01T00:00:00Z' },
        expected: 'body.startsAt out_of_range',
      },
      {
        what: 'a total limit of 0',
        body: { rule: { kind: 'order_fixed', amountOff: 10 }, totalLimit: 0 },
        expected: 'body.totalLimit too_small',
      },
    ])('refuses $what, naming the field', async ({ body, expected }) => {
      expect(await fieldErrors(body)).toContain(expected);
    });

    it('refuses an unknown kind and a rule missing its fields', async () => {
      expect((await fieldErrors({ rule: { kind: 'buy_one_get_two' } })).some((e) => e.startsWith('body.rule'))).toBe(true);
      expect(await fieldErrors({ rule: { kind: 'order_fixed' } })).toContain('body.rule.amountOff invalid_type');
    });
  });

  describe('editing', () => {
    it('applies an edit made on the current version and refuses a stale one with 409 VERSION_CONFLICT', async () => {
      const p = await create({ rule: { kind: 'order_fixed', amountOff: 100 } });

      const edited = await ok({
        method: 'PATCH',
        url: `/admin/promotions/${p.id}`,
        payload: { version: 1, name: { 'zh-TW': '改名' }, rule: { kind: 'order_fixed', amountOff: 150 }, priority: 5 },
      });
      const stale = await call(ops, { method: 'PATCH', url: `/admin/promotions/${p.id}`, payload: { version: 1, priority: 9 } });

      expect(edited).toMatchObject({
        version: 2,
        name: { 'zh-TW': '改名' },
        rule: { amountOff: 150, minSubtotal: 0 },
        priority: 5,
        updatedBy: admin.id,
        createdBy: admin.id,
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
      expect((await ok({ method: 'GET', url: `/admin/promotions/${p.id}` })).priority).toBe(5);
      expect(await eventsOf(p.id)).toEqual(['promotion.created', 'promotion.updated']);
    });

    it('keeps the kind, checks dates against the stored ones and keeps the limit above the uses counted', async () => {
      const p = await create({ rule: { kind: 'order_fixed', amountOff: 100 }, startsAt: '2026-03-01T00:00:00Z', totalLimit: 5 });
      for (const reference of ['o-1', 'o-2']) {
        await withTx(h.db, (tx) =>
          redeem(tx, { reference, promotionId: p.id, customerKey: customerKeyForGuest('a@example.tw'), amount: 100 }),
        );
      }
      const url = `/admin/promotions/${p.id}`;

      expect(await fieldErrors({ version: 1, rule: { kind: 'order_percentage', percentOff: 1000 } }, 'PATCH', url)).toEqual([
        'body.rule.kind kind_fixed',
      ]);
      expect(await fieldErrors({ version: 1, endsAt: '2026-02-01T00:00:00Z' }, 'PATCH', url)).toEqual(['body.endsAt dates_out_of_order']);
      expect(await fieldErrors({ version: 1, totalLimit: 1 }, 'PATCH', url)).toEqual(['body.totalLimit below_uses']);
      // Counted uses do not move the version: an editor who read it before the checkouts still saves.
      expect(await ok({ method: 'PATCH', url, payload: { version: 1, totalLimit: 2 } })).toMatchObject({
        totalLimit: 2,
        uses: 2,
        discountGiven: 200,
        remainingUses: 0,
        version: 2,
      });
    });
  });

  describe('pausing, resuming, archiving', () => {
    it('moves along the status table and refuses the rest with 409', async () => {
      const p = await create({ rule: { kind: 'line_percentage', percentOff: 1000 } });
      const move = (action: string) => call(ops, { method: 'POST', url: `/admin/promotions/${p.id}/${action}` });
      const steps: string[] = [];
      for (const action of ['resume', 'pause', 'pause', 'resume', 'archive', 'resume', 'pause', 'archive']) {
        const res = await move(action);
        steps.push(
          `${action} → ${res.statusCode} ${res.statusCode === 200 ? res.json().status : `${res.json().code} (${res.json().currentStatus})`}`,
        );
      }

      expect(steps).toEqual([
        'resume → 409 PROMOTION_TRANSITION_REFUSED (active)',
        'pause → 200 paused',
        'pause → 409 PROMOTION_TRANSITION_REFUSED (paused)',
        'resume → 200 active',
        'archive → 200 archived',
        'resume → 409 PROMOTION_TRANSITION_REFUSED (archived)',
        'pause → 409 PROMOTION_TRANSITION_REFUSED (archived)',
        'archive → 409 PROMOTION_TRANSITION_REFUSED (archived)',
      ]);
      const archived = await ok({ method: 'GET', url: `/admin/promotions/${p.id}` });
      const edit = await call(admin, {
        method: 'PATCH',
        url: `/admin/promotions/${p.id}`,
        payload: { version: archived.version, priority: 1 },
      });
      expect(edit.statusCode).toBe(409);
      expect(edit.json().code).toBe('PROMOTION_ARCHIVED');
      expect(await eventsOf(p.id)).toEqual(['promotion.created', 'promotion.paused', 'promotion.resumed', 'promotion.archived']);
      expect((await call(admin, { method: 'POST', url: `/admin/promotions/${uuid()}/pause` })).json().code).toBe('PROMOTION_NOT_FOUND');
    });

    it('lists by status, kind and type with uses and money given', async () => {
      const c = await create({ isCoupon: true, rule: { kind: 'free_shipping' } });
      await ok({ method: 'POST', url: `/admin/promotions/${c.id}/pause` });

      const coupons = await ok({ method: 'GET', url: '/admin/promotions?type=coupon&status=paused&kind=free_shipping' });
      const automatic = await ok({ method: 'GET', url: '/admin/promotions?type=automatic&pageSize=2' });

      expect(coupons.items.map((p: { id: string }) => p.id)).toContain(c.id);
      expect(coupons.items.every((p: { isCoupon: boolean; status: string }) => p.isCoupon && p.status === 'paused')).toBe(true);
      expect(automatic).toMatchObject({ page: 1, pageSize: 2 });
      expect(automatic.items).toHaveLength(2);
      expect(automatic.total).toBeGreaterThan(2);
      expect(automatic.items[0]).toHaveProperty('discountGiven');
    });
  });

  describe('coupon codes', () => {
    it('generates a batch of distinct single-use codes in the readable alphabet, lists and exports them', async () => {
      const p = await create({ isCoupon: true, rule: { kind: 'order_fixed', amountOff: 50 } });

      const batch = await ok(
        { method: 'POST', url: `/admin/promotions/${p.id}/codes`, payload: { type: 'batch', count: 200, prefix: 'vip-', length: 8 } },
        201,
      );
      const named = await ok(
        { method: 'POST', url: `/admin/promotions/${p.id}/codes`, payload: { type: 'single', code: ' Tea-Lover ' } },
        201,
      );

      const codes = batch.items.map((c: { code: string }) => c.code) as string[];
      expect(new Set(codes).size).toBe(200);
      for (const c of codes) expect(c).toMatch(/^VIP-[A-HJ-NP-Z2-9]{8}$/);
      expect(
        batch.items.every(
          (c: { singleUse: boolean; batchId: string; uses: number }) => c.singleUse && c.batchId === batch.batchId && c.uses === 0,
        ),
      ).toBe(true);
      expect(named).toMatchObject({ batchId: null, items: [{ code: 'TEA-LOVER', singleUse: false, uses: 0 }] });

      const page = await ok({ method: 'GET', url: `/admin/promotions/${p.id}/codes?pageSize=50&page=2` });
      expect(page).toMatchObject({ total: 201, page: 2, pageSize: 50 });
      expect(page.items).toHaveLength(50);
      expect((await ok({ method: 'GET', url: `/admin/promotions/${p.id}/codes?batchId=${batch.batchId}` })).total).toBe(200);
      expect((await ok({ method: 'GET', url: `/admin/promotions/${p.id}` })).codeCount).toBe(201);

      const csv = await call(ops, { method: 'GET', url: `/admin/promotions/${p.id}/codes.csv?batchId=${batch.batchId}` });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toBe(`attachment; filename="promotion-${p.id}-codes.csv"`);
      const lines = csv.body.trimEnd().split('\r\n');
      expect(lines[0]).toBe('code,single_use,uses,batch_id,created_at');
      expect(
        lines
          .slice(1)
          .map((l) => l.split(',')[0])
          .sort(),
      ).toEqual([...codes].sort());
    });

    it('refuses a code another coupon has in any case, codes for an automatic promotion, and codes for an archived coupon', async () => {
      const a = await create({ isCoupon: true, rule: { kind: 'order_fixed', amountOff: 50 } });
      const b = await create({ isCoupon: true, rule: { kind: 'order_fixed', amountOff: 50 } });
      const auto = await create({ rule: { kind: 'order_fixed', amountOff: 50 } });
      await ok({ method: 'POST', url: `/admin/promotions/${a.id}/codes`, payload: { type: 'single', code: 'WELCOME2026' } }, 201);
      const add = (id: string, code: string) =>
        call(admin, { method: 'POST', url: `/admin/promotions/${id}/codes`, payload: { type: 'single', code } });

      const taken = await add(b.id, 'welcome2026');
      const notCoupon = await add(auto.id, 'AUTO-CODE');
      await ok({ method: 'POST', url: `/admin/promotions/${b.id}/archive` });
      const gone = await add(b.id, 'LATE-CODE');

      expect([taken.statusCode, taken.json().code, taken.json().code === 'COUPON_CODE_TAKEN' && taken.json().detail]).toEqual([
        409,
        'COUPON_CODE_TAKEN',
        'The code WELCOME2026 is taken.',
      ]);
      expect([notCoupon.statusCode, notCoupon.json().code]).toEqual([409, 'PROMOTION_NOT_COUPON']);
      expect([gone.statusCode, gone.json().code]).toEqual([409, 'PROMOTION_ARCHIVED']);
      expect((await add(a.id, 'no spaces allowed')).statusCode).toBe(400);
    });
  });

  describe('pricing settings', () => {
    it('answers the default policy, changes it, and the cart reads the change', async () => {
      expect(await ok({ method: 'GET', url: '/admin/pricing-settings' })).toEqual({
        stackingPolicy: 'automatic_then_coupon',
        updatedAt: null,
        updatedBy: null,
      });

      const saved = await ok({ method: 'PUT', url: '/admin/pricing-settings', payload: { stackingPolicy: 'best_only' } }, 200, ops);

      expect(saved).toMatchObject({ stackingPolicy: 'best_only', updatedBy: ops.id });
      expect(await ok({ method: 'GET', url: '/admin/pricing-settings' })).toEqual(saved);
      expect(await stackingPolicy(h.db)).toBe('best_only');
      expect(
        (await call(admin, { method: 'PUT', url: '/admin/pricing-settings', payload: { stackingPolicy: 'everything' } })).statusCode,
      ).toBe(400);
      await ok({ method: 'PUT', url: '/admin/pricing-settings', payload: { stackingPolicy: 'automatic_then_coupon' } });
    });
  });

  describe('who may', () => {
    it('answers a customer and support staff 403 and nobody signed in 401, as the catalog does, and changes nothing', async () => {
      const p = await create({ rule: { kind: 'order_fixed', amountOff: 10 } });
      const requests: Array<Pick<InjectOptions, 'method' | 'url' | 'payload'>> = [
        { method: 'GET', url: '/admin/promotions' },
        { method: 'POST', url: '/admin/promotions', payload: { name: NAME, rule: { kind: 'order_fixed', amountOff: 10 } } },
        { method: 'GET', url: `/admin/promotions/${p.id}` },
        { method: 'PATCH', url: `/admin/promotions/${p.id}`, payload: { version: 1, priority: 3 } },
        { method: 'POST', url: `/admin/promotions/${p.id}/pause` },
        { method: 'GET', url: '/admin/pricing-settings' },
        { method: 'PUT', url: '/admin/pricing-settings', payload: { stackingPolicy: 'stack_all' } },
      ];
      for (const r of requests) {
        for (const [who, status] of [
          [customer, 403],
          [support, 403],
          [null, 401],
        ] as const) {
          const res = await call(who, r);
          expect(`${r.method} ${r.url} → ${res.statusCode} ${res.json().code}`).toBe(
            `${r.method} ${r.url} → ${status} ${status === 403 ? 'FORBIDDEN' : 'AUTH_UNAUTHORIZED'}`,
          );
        }
      }
      expect(await ok({ method: 'GET', url: `/admin/promotions/${p.id}` })).toMatchObject({ version: 1, status: 'active', priority: 0 });
      expect(await stackingPolicy(h.db)).toBe('automatic_then_coupon');
    });
  });
});
