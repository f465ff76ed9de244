// Counting uses against real PostgreSQL, with many checkouts at once: no limit is ever passed,
// and a released use comes back exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.js';
import { createDatabase, type Database } from '../../db/client.js';
import { bearer, makeStaff, type Signed } from '../../../test/identity-helpers.js';
import { AppError } from '../../platform/errors.js';
import { withTx } from '../../platform/tx.js';
import { customerKeyForGuest, customerKeyForUser, finalize, redeem, release, usageFacts, type RedeemInput } from './index.js';

describe('redeem, release and finalize', () => {
  let h: Harness;
  let admin: Signed;
  /** A pool of its own, wide enough for 20 checkouts to really run at once (the app's has 5). */
  let wide: Database;
  let n = 0;

  beforeAll(async () => {
    h = await createHarness();
    wide = createDatabase({ url: h.database.url, max: 20 });
    admin = await makeStaff(h, ['admin']);
  });
  afterAll(async () => {
    await wide?.close();
    await h?.close();
  });

  const post = async (url: string, payload: unknown, status = 201) => {
    const res = await h.app.inject({
      method: 'POST',
      url: `/api${url}`,
      headers: bearer(admin),
      payload: payload as Record<string, unknown>,
    });
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  const name = () => ({ 'zh-TW': `促銷 ${++n}`, en: `Promotion ${n}` });
  const coupon = (over: Record<string, unknown> = {}) =>
    post('/admin/promotions', { name: name(), isCoupon: true, rule: { kind: 'order_fixed', amountOff: 100 }, ...over }) as Promise<{
      id: string;
    }>;
  const automatic = (over: Record<string, unknown> = {}) =>
    post('/admin/promotions', { name: name(), rule: { kind: 'order_fixed', amountOff: 50 }, ...over }) as Promise<{ id: string }>;
  const namedCode = async (promotionId: string, code: string) =>
    (await post(`/admin/promotions/${promotionId}/codes`, { type: 'single', code })).items[0].code as string;

  /** One checkout's transaction: 'ok', or the refusal's reason and limit. */
  const attempt = (input: RedeemInput) =>
    withTx(wide.db, (tx) => redeem(tx, input)).then(
      () => 'ok',
      (err: unknown) => {
        if (err instanceof AppError && err.code === 'COUPON_INVALID') return `${String(err.extra.reason)}:${String(err.extra.limit ?? '')}`;
        throw err;
      },
    );
  const counters = async (id: string) => {
    const { rows } = await h.pool.query<{ uses: number; discount_given: number }>(
      'SELECT uses, discount_given::int FROM promotions WHERE id = $1',
      [id],
    );
    return rows[0]!;
  };
  const tally = (results: string[]) => results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r]: (acc[r] ?? 0) + 1 }), {});

  it('lets exactly 10 of 50 concurrent checkouts use a coupon limited to 10', async () => {
    const promo = await coupon({ totalLimit: 10 });
    const code = await namedCode(promo.id, 'spring10');

    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        attempt({
          reference: `order-${promo.id}-${i}`,
          promotionId: promo.id,
          couponCode: code.toLowerCase(),
          customerKey: customerKeyForGuest(`buyer${i}@example.tw`),
          amount: 100,
        }),
      ),
    );

    expect(tally(results)).toEqual({ ok: 10, 'used_up:total': 40 });
    expect(await counters(promo.id)).toEqual({ uses: 10, discount_given: 1000 });
    const { rows } = await h.pool.query('SELECT count(*)::int AS n FROM promotion_redemptions WHERE promotion_id = $1', [promo.id]);
    expect(rows[0].n).toBe(10);
  });

  it('lets one customer use a once-per-customer promotion once, however many checkouts race', async () => {
    const promo = await automatic({ perCustomerLimit: 1 });
    const customerKey = customerKeyForUser(admin.id);

    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => attempt({ reference: `pc-${promo.id}-${i}`, promotionId: promo.id, customerKey, amount: 50 })),
    );

    expect(tally(results)).toEqual({ ok: 1, 'used_up:per_customer': 9 });
    expect(await counters(promo.id)).toEqual({ uses: 1, discount_given: 50 });
    expect((await usageFacts(h.db, { promotionIds: [promo.id], customerKey }))[promo.id]).toEqual({ remainingUses: null, customerUses: 1 });
  });

  it('counts a single-use code once when it is redeemed concurrently', async () => {
    const promo = await coupon();
    const batch = await post(`/admin/promotions/${promo.id}/codes`, { type: 'batch', count: 3 });
    const code = batch.items[0].code as string;

    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        attempt({
          reference: `su-${promo.id}-${i}`,
          promotionId: promo.id,
          couponCode: code,
          customerKey: customerKeyForGuest(`su${i}@example.tw`),
          amount: 100,
        }),
      ),
    );

    expect(tally(results)).toEqual({ ok: 1, 'used_up:code': 9 });
    expect(await counters(promo.id)).toEqual({ uses: 1, discount_given: 100 });
    const facts = await usageFacts(h.db, { promotionIds: [promo.id], customerKey: null, couponCode: code });
    expect(facts[promo.id]?.remainingUses).toBe(0);
  });

  it('gives a released use back exactly once when five callers release the same reference', async () => {
    const promo = await coupon({ totalLimit: 10, perCustomerLimit: 1 });
    const code = await namedCode(promo.id, `REL${n}`);
    const key = (i: number) => customerKeyForGuest(`rel${i}@example.tw`);
    for (let i = 0; i < 10; i++)
      expect(
        await attempt({ reference: `rel-${promo.id}-${i}`, promotionId: promo.id, couponCode: code, customerKey: key(i), amount: 100 }),
      ).toBe('ok');
    expect(
      await attempt({ reference: `rel-${promo.id}-x`, promotionId: promo.id, couponCode: code, customerKey: key(99), amount: 100 }),
    ).toBe('used_up:total');

    const released = await Promise.all(
      Array.from({ length: 5 }, () => withTx(wide.db, (tx) => release(tx, { reference: `rel-${promo.id}-3` }))),
    );

    expect(released.map((r) => r.released).sort()).toEqual([0, 0, 0, 0, 1]);
    expect(await counters(promo.id)).toEqual({ uses: 9, discount_given: 900 });
    expect((await usageFacts(h.db, { promotionIds: [promo.id], customerKey: key(3) }))[promo.id]).toEqual({
      remainingUses: 1,
      customerUses: 0,
    });
    // The use freed is there for the next shopper, and for the customer who gave it back.
    expect(
      await attempt({ reference: `rel-${promo.id}-again`, promotionId: promo.id, couponCode: code, customerKey: key(3), amount: 100 }),
    ).toBe('ok');
    expect(await counters(promo.id)).toEqual({ uses: 10, discount_given: 1000 });
  });

  it('keeps a finalized use: release afterwards does nothing', async () => {
    const promo = await automatic({ totalLimit: 5 });
    const reference = `paid-${promo.id}`;
    await withTx(h.db, (tx) =>
      redeem(tx, { reference, promotionId: promo.id, customerKey: customerKeyForGuest('paid@example.tw'), amount: 50 }),
    );

    expect(await withTx(h.db, (tx) => finalize(tx, { reference }))).toEqual({ finalized: 1 });
    expect(await withTx(h.db, (tx) => release(tx, { reference }))).toEqual({ released: 0 });
    expect(await withTx(h.db, (tx) => finalize(tx, { reference }))).toEqual({ finalized: 0 });
    expect(await counters(promo.id)).toEqual({ uses: 1, discount_given: 50 });
  });

  it('counts a reference once: a repeat returns the use without counting it again', async () => {
    const promo = await automatic({ totalLimit: 5 });
    const input = {
      reference: `repeat-${promo.id}`,
      promotionId: promo.id,
      customerKey: customerKeyForGuest('again@example.tw'),
      amount: 50,
    };

    const first = await withTx(h.db, (tx) => redeem(tx, input));
    const second = await withTx(h.db, (tx) => redeem(tx, input));

    expect(first).toMatchObject({ counted: true, status: 'active' });
    expect(second).toMatchObject({ id: first.id, counted: false });
    expect(await counters(promo.id)).toEqual({ uses: 1, discount_given: 50 });
  });

  it('leaves nothing behind when refused, so a caller may catch and go on in the same transaction', async () => {
    const promo = await coupon({ totalLimit: 1 });
    const code = await namedCode(promo.id, `ONCE${n}`);
    const other = await automatic();

    const outcome = await withTx(h.db, async (tx) => {
      await redeem(tx, { reference: `sp-a-${promo.id}`, promotionId: promo.id, couponCode: code, customerKey: 'user:a', amount: 100 });
      const refused = await redeem(tx, {
        reference: `sp-b-${promo.id}`,
        promotionId: promo.id,
        couponCode: code,
        customerKey: 'user:b',
        amount: 100,
      }).catch((e: AppError) => e.extra);
      await redeem(tx, { reference: `sp-b-${promo.id}`, promotionId: other.id, customerKey: 'user:b', amount: 50 });
      return refused;
    });

    expect(outcome).toMatchObject({ reason: 'used_up', limit: 'total' });
    expect(await counters(promo.id)).toEqual({ uses: 1, discount_given: 100 });
    const { rows } = await h.pool.query('SELECT reference FROM promotion_redemptions WHERE promotion_id = $1', [promo.id]);
    expect(rows).toEqual([{ reference: `sp-a-${promo.id}` }]);
  });

  it('refuses a paused promotion, a coupon without its code and a code of another coupon as unknown', async () => {
    const paused = await automatic({ status: 'paused' });
    const a = await coupon();
    const b = await coupon();
    const codeOfB = await namedCode(b.id, `BONLY${n}`);
    const base = { customerKey: 'user:c', amount: 10 };

    expect(await attempt({ ...base, reference: 'u1', promotionId: paused.id })).toBe('unknown:');
    expect(await attempt({ ...base, reference: 'u2', promotionId: a.id })).toBe('unknown:');
    expect(await attempt({ ...base, reference: 'u3', promotionId: a.id, couponCode: codeOfB })).toBe('unknown:');
    expect(await attempt({ ...base, reference: 'u4', promotionId: a.id, couponCode: 'NO SUCH CODE' })).toBe('unknown:');
    for (const id of [paused.id, a.id]) expect(await counters(id)).toEqual({ uses: 0, discount_given: 0 });
  });

  it('refuses input no checkout should send: a fractional or negative amount, an empty reference', async () => {
    const promo = await automatic();
    const base = { reference: 'r', promotionId: promo.id, customerKey: 'user:d', amount: 10 };
    for (const bad of [{ amount: 9.5 }, { amount: -1 }, { amount: 2 ** 31 }, { reference: ' ' }, { customerKey: '' }]) {
      await expect(withTx(h.db, (tx) => redeem(tx, { ...base, ...bad }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(await counters(promo.id)).toEqual({ uses: 0, discount_given: 0 });
  });
});
