// The shop-wide sets the cart keeps in memory follow every write, from any process, on the next read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness.js';
import { readVersions } from '../../platform/read-versions.js';
import { listActiveMethodsAt, seedDefaultShippingMethods } from '../shipping/index.js';
import { shopPricing } from './index.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDefaultShippingMethods(t.db);
});
afterAll(async () => {
  await t?.destroy();
});

const now = new Date();
const current = async () => {
  const v = await readVersions(t.db);
  const [pricing, methods] = await Promise.all([shopPricing(t.db, now, v.pricing), listActiveMethodsAt(t.db, v.shipping)]);
  return { ...pricing, methods: methods.map((m) => m.code) };
};
// Written with plain SQL, as another process (or a person at psql) would: nothing in this process hears of it.
const insertPromotion = (name: string, over = '') =>
  t.pool.query(
    `INSERT INTO promotions (kind, name, rule, scope, status, is_coupon${over ? ', starts_at' : ''})
     VALUES ('order_fixed', $1, '{"kind":"order_fixed","amountOff":50}', '{"type":"all"}', 'active', false${over ? `, ${over}` : ''})
     RETURNING id`,
    [JSON.stringify({ 'zh-TW': name })],
  );

describe('shop-wide reads kept in memory', () => {
  it('sees promotions, the stacking policy and shipping methods written elsewhere on the next read', async () => {
    const before = await current();
    expect(before.automatic).toEqual([]);
    expect(before.policy).toBe('automatic_then_coupon');
    expect(before.methods.length).toBeGreaterThan(1);

    const { rows } = await insertPromotion('滿額折 50');
    expect((await current()).automatic.map((p) => p.id)).toEqual([rows[0].id]);

    await t.pool.query(`UPDATE promotions SET status = 'paused', version = version + 1 WHERE id = $1`, [rows[0].id]);
    expect((await current()).automatic).toEqual([]);

    await t.pool.query(`INSERT INTO pricing_settings (id, stacking_policy) VALUES (1, 'best_only')`);
    expect((await current()).policy).toBe('best_only');

    await t.pool.query(`UPDATE shipping_methods SET active = false WHERE code = $1`, [before.methods[0]]);
    expect((await current()).methods).toEqual(before.methods.slice(1));
  });

  it('starts a promotion at its start time without any write', async () => {
    const { rows } = await insertPromotion('明天開始', `now() + interval '1 day'`);
    expect((await current()).automatic.map((p) => p.id)).not.toContain(rows[0].id);
    const v = await readVersions(t.db);
    const tomorrow = new Date(Date.now() + 2 * 86_400_000);
    expect((await shopPricing(t.db, tomorrow, v.pricing)).automatic.map((p) => p.id)).toContain(rows[0].id);
  });

  it('keeps its version when checkouts count uses', async () => {
    const { rows } = await insertPromotion('計次');
    const v = await readVersions(t.db);
    await t.pool.query(`UPDATE promotions SET uses = uses + 1, discount_given = discount_given + 50 WHERE id = $1`, [rows[0].id]);
    expect(await readVersions(t.db)).toEqual(v);
  });
});
