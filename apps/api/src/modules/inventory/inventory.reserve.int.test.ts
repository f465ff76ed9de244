// Reservations against a real PostgreSQL: the counters under concurrency, exactly-once release and
// commit, and the crossing events. Every test ends with the stock invariant.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.js';
import { createDatabase, type Database } from '../../db/client.js';
import { AppError } from '../../platform/errors.js';
import { sqlState, withTx } from '../../platform/tx.js';
import { catalogAdmin, eventsOf, expectStockInvariant, makeProduct, receive, type MadeProduct } from './inventory.fixtures.js';
import { commit, expiredReservations, release, reserve, restock, stockLevels, type ReserveInput } from './inventory.public.js';
import { changeOnHand, changeSettings } from './inventory.service.js';

const later = () => new Date(Date.now() + 30 * 60_000);

describe('stock reservations', () => {
  let h: Harness;
  let wide: Database;
  let who: Awaited<ReturnType<typeof catalogAdmin>>;
  let skuSeq = 0;
  const product = (n = 1) =>
    makeProduct(
      h,
      who,
      Array.from({ length: n }, () => `SIM-${Date.now().toString(36)}-${++skuSeq}`),
    );

  beforeAll(async () => {
    h = await createHarness();
    // More connections than the app's pool, so concurrent transactions really overlap.
    wide = createDatabase({ url: h.database.url, max: 20 });
    who = await catalogAdmin(h);
  });
  afterEach(() => expectStockInvariant(h));
  afterAll(async () => {
    await wide?.close();
    await h?.close();
  });

  /** Runs one reserve in its own transaction (no retry, so a deadlock would show), returning 'ok' or the error. */
  const tryReserve = async (input: ReserveInput) => {
    try {
      await withTx(wide.db, (tx) => reserve(tx, input), { maxAttempts: 1 });
      return 'ok' as const;
    } catch (err) {
      return err;
    }
  };
  const level = async (variantId: string) => (await stockLevels(h.db, [variantId])).get(variantId)!;

  it('lets exactly 10 of 100 concurrent one-unit reservations through with 10 on hand', async () => {
    const p = await product();
    const v = p.variants[0]!.id;
    await receive(h, v, 10);

    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        tryReserve({ reference: randomUUID(), lines: [{ variantId: v, quantity: 1 }], expiresAt: later() }),
      ),
    );

    const ok = results.filter((r) => r === 'ok');
    const failures = results.filter((r) => r !== 'ok');
    console.log(`100 concurrent reservations of 1 with 10 on hand: ${ok.length} ok, ${failures.length} INVENTORY_SHORTAGE`);
    expect(ok).toHaveLength(10);
    for (const f of failures) {
      expect(f).toBeInstanceOf(AppError);
      expect(f).toMatchObject({
        code: 'INVENTORY_SHORTAGE',
        status: 409,
        extra: { lines: [{ variantId: v, requested: 1, available: 0 }] },
      });
    }
    expect(await level(v)).toMatchObject({ onHand: 10, reserved: 10, available: 0, state: 'out' });
    const { rows } = await h.pool.query('SELECT count(*)::int AS n FROM stock_movements WHERE variant_id = $1 AND kind = $2', [
      v,
      'reserve',
    ]);
    expect(rows[0].n).toBe(10);
  });

  it('never deadlocks when two variants are reserved in opposite line orders by 50 concurrent requests each', async () => {
    const a = await product();
    const b = await product();
    const va = a.variants[0]!.id;
    const vb = b.variants[0]!.id;
    await receive(h, va, 60);
    await receive(h, vb, 60);

    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        tryReserve({
          reference: randomUUID(),
          lines:
            i % 2 === 0
              ? [
                  { variantId: va, quantity: 1 },
                  { variantId: vb, quantity: 1 },
                ]
              : [
                  { variantId: vb, quantity: 1 },
                  { variantId: va, quantity: 1 },
                ],
          expiresAt: later(),
        }),
      ),
    );

    const bad = results.filter((r) => r !== 'ok' && !(r instanceof AppError && r.code === 'INVENTORY_SHORTAGE'));
    const deadlocks = results.filter((r) => sqlState(r) === '40P01');
    const ok = results.filter((r) => r === 'ok').length;
    console.log(
      `opposite line orders, 100 requests: ${ok} ok, ${results.length - ok - bad.length} shortage, ${deadlocks.length} deadlocks, ${bad.length} other errors`,
    );
    expect(deadlocks).toEqual([]);
    expect(bad).toEqual([]);
    expect(ok).toBe(60);
    expect(await level(va)).toMatchObject({ reserved: 60, available: 0 });
    expect(await level(vb)).toMatchObject({ reserved: 60, available: 0 });
  });

  it('sums the lines of one variant and reports every short line, changing nothing', async () => {
    const p = await product(2);
    const [v1, v2] = p.variants.map((v) => v.id) as [string, string];
    await receive(h, v1, 3);
    await receive(h, v2, 5);
    const unknown = randomUUID();

    const err = await tryReserve({
      reference: 'order-short',
      lines: [
        { variantId: v1, quantity: 2 },
        { variantId: v2, quantity: 5 },
        { variantId: v1, quantity: 2 },
        { variantId: unknown, quantity: 1 },
      ],
      expiresAt: later(),
    });

    expect(err).toMatchObject({ code: 'INVENTORY_SHORTAGE' });
    const lines = (err as AppError).extra.lines as unknown[];
    expect(lines).toEqual(
      [
        { variantId: v1, requested: 4, available: 3 },
        { variantId: unknown, requested: 1, available: 0 },
      ].sort((x, y) => (x.variantId < y.variantId ? -1 : 1)),
    );
    expect(await level(v2)).toMatchObject({ reserved: 0, available: 5 });
    expect(await eventsOf(h, 'inventory.reserved')).not.toContainEqual(expect.objectContaining({ reference: 'order-short' }));
  });

  it('leaves nothing of a short reservation in a transaction that goes on', async () => {
    const p = await product(2);
    const [v1, v2] = p.variants.map((v) => v.id) as [string, string];
    await receive(h, v1, 5);
    await receive(h, v2, 1);

    const caught = await withTx(h.db, async (tx) => {
      const e = await reserve(tx, {
        reference: 'order-savepoint',
        lines: [
          { variantId: v1, quantity: 2 },
          { variantId: v2, quantity: 2 },
        ],
        expiresAt: later(),
      }).catch((x: unknown) => x);
      await reserve(tx, { reference: 'order-savepoint', lines: [{ variantId: v1, quantity: 1 }], expiresAt: later() });
      return e;
    });

    expect(caught).toMatchObject({ code: 'INVENTORY_SHORTAGE' });
    expect(await level(v1)).toMatchObject({ reserved: 1, available: 4 });
    expect(await level(v2)).toMatchObject({ reserved: 0, available: 1 });
  });

  it('refuses a second reservation of the same reference', async () => {
    const p = await product();
    const v = p.variants[0]!.id;
    await receive(h, v, 5);
    await withTx(h.db, (tx) => reserve(tx, { reference: 'order-twice', lines: [{ variantId: v, quantity: 1 }], expiresAt: later() }));

    const again = await tryReserve({ reference: 'order-twice', lines: [{ variantId: v, quantity: 1 }], expiresAt: later() });

    expect(again).toMatchObject({ code: 'INVENTORY_ALREADY_RESERVED', status: 409 });
    expect(await level(v)).toMatchObject({ reserved: 1 });
  });

  describe('release and commit', () => {
    const reserved = async (quantity = 2): Promise<{ p: MadeProduct; v: string; reference: string }> => {
      const p = await product();
      const v = p.variants[0]!.id;
      await receive(h, v, 5);
      const reference = randomUUID();
      await withTx(h.db, (tx) => reserve(tx, { reference, lines: [{ variantId: v, quantity }], expiresAt: later() }));
      return { p, v, reference };
    };

    it('releases exactly once under 10 concurrent calls', async () => {
      const { v, reference } = await reserved(2);

      const results = await Promise.all(
        Array.from({ length: 10 }, () => withTx(wide.db, (tx) => release(tx, { reference, reason: 'cancelled' }))),
      );

      console.log(`10 concurrent releases: ${results.filter((r) => r.released).length} released`);
      expect(results.filter((r) => r.released)).toEqual([{ released: true, lines: [{ variantId: v, quantity: 2 }] }]);
      expect(results.filter((r) => !r.released)).toHaveLength(9);
      expect(await level(v)).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
      expect((await eventsOf(h, 'inventory.released')).filter((e) => e.reference === reference)).toEqual([
        { reference, reason: 'cancelled' },
      ]);
    });

    it('commits exactly once under 10 concurrent calls', async () => {
      const { v, reference } = await reserved(2);

      const results = await Promise.all(Array.from({ length: 10 }, () => withTx(wide.db, (tx) => commit(tx, { reference }))));

      console.log(`10 concurrent commits: ${results.filter((r) => r.committed).length} committed`);
      expect(results.filter((r) => r.committed)).toHaveLength(1);
      expect(await level(v)).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
      // Paid stock stays sold: a release afterwards finds nothing.
      expect(await withTx(h.db, (tx) => release(tx, { reference, reason: 'late' }))).toEqual({ released: false, lines: [] });
    });

    it('releases an expired reservation once when two sweeps find it at the same time', async () => {
      const p = await product();
      const v = p.variants[0]!.id;
      await receive(h, v, 4);
      const reference = randomUUID();
      await withTx(h.db, (tx) =>
        reserve(tx, { reference, lines: [{ variantId: v, quantity: 3 }], expiresAt: new Date(Date.now() - 1000) }),
      );
      const due = await expiredReservations(h.db, { now: new Date() });
      expect(due).toContain(reference);

      const [one, two] = await Promise.all([0, 1].map(() => withTx(wide.db, (tx) => release(tx, { reference, reason: 'expired' }))));

      expect([one!.released, two!.released].sort()).toEqual([false, true]);
      expect(await level(v)).toMatchObject({ reserved: 0, available: 4 });
      expect(await expiredReservations(h.db, { now: new Date() })).not.toContain(reference);
    });

    it('puts returned units back on hand with restock', async () => {
      const { v, reference } = await reserved(2);
      await withTx(h.db, (tx) => commit(tx, { reference }));

      const after = await withTx(h.db, (tx) =>
        restock(tx, { variantId: v, quantity: 1, reference: `return-${reference}`, actorId: null, reason: 'returned' }),
      );

      expect(after).toMatchObject({ onHand: 4, reserved: 0, available: 4 });
    });
  });

  describe('unlimited variants', () => {
    it('always reserve, and never move their counters', async () => {
      const p = await product();
      const v = p.variants[0]!.id;
      await withTx(h.db, (tx) => changeSettings(tx, { variantId: v, unlimited: true }));

      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          tryReserve({ reference: randomUUID(), lines: [{ variantId: v, quantity: 3 }], expiresAt: later() }),
        ),
      );

      expect(results.every((r) => r === 'ok')).toBe(true);
      expect(await level(v)).toMatchObject({ onHand: 0, reserved: 0, unlimited: true, state: 'in_stock' });
      const { rows } = await h.pool.query<{ reference: string }>('SELECT reference FROM stock_reservations WHERE variant_id = $1 LIMIT 2', [
        v,
      ]);
      await withTx(h.db, (tx) => commit(tx, { reference: rows[0]!.reference }));
      await withTx(h.db, (tx) => release(tx, { reference: rows[1]!.reference, reason: 'cancelled' }));
      expect(await level(v)).toMatchObject({ onHand: 0, reserved: 0 });
    });
  });

  describe('events', () => {
    const forProduct = async (type: string, productId: string) => (await eventsOf(h, type)).filter((e) => e.productId === productId);

    it('writes depleted when the last unit of the last variant goes and restocked when one comes back, once each', async () => {
      const p = await product(2);
      const [v1, v2] = p.variants.map((v) => v.id) as [string, string];
      await receive(h, v1, 2);
      await receive(h, v2, 1);
      expect(await forProduct('inventory.restocked', p.productId)).toHaveLength(1); // first stock ever

      await withTx(h.db, (tx) => reserve(tx, { reference: 'd-1', lines: [{ variantId: v1, quantity: 1 }], expiresAt: later() }));
      await withTx(h.db, (tx) => reserve(tx, { reference: 'd-2', lines: [{ variantId: v1, quantity: 1 }], expiresAt: later() }));
      expect(await forProduct('inventory.depleted', p.productId)).toHaveLength(0); // v2 still has one
      await withTx(h.db, (tx) => reserve(tx, { reference: 'd-3', lines: [{ variantId: v2, quantity: 1 }], expiresAt: later() }));
      const depleted = await forProduct('inventory.depleted', p.productId);
      expect(depleted).toEqual([{ productId: p.productId, variantId: v2, at: expect.any(String) }]);

      await withTx(h.db, (tx) => release(tx, { reference: 'd-1', reason: 'cancelled' }));
      await withTx(h.db, (tx) => release(tx, { reference: 'd-2', reason: 'cancelled' }));
      expect(await forProduct('inventory.restocked', p.productId)).toHaveLength(2);
      expect(await forProduct('inventory.depleted', p.productId)).toHaveLength(1);
    });

    it('writes depleted once when two variants lose their last units concurrently', async () => {
      for (let round = 0; round < 5; round++) {
        const p = await product(2);
        const [v1, v2] = p.variants.map((v) => v.id) as [string, string];
        await receive(h, v1, 1);
        await receive(h, v2, 1);

        await Promise.all(
          [v1, v2].map((v) => tryReserve({ reference: randomUUID(), lines: [{ variantId: v, quantity: 1 }], expiresAt: later() })),
        );

        expect(await forProduct('inventory.depleted', p.productId)).toHaveLength(1);
      }
    });

    it('keeps depleted and restocked in step under a mix of concurrent reservations, releases, commits and counts', async () => {
      const p = await product(2);
      const [v1, v2] = p.variants.map((v) => v.id) as [string, string];
      await receive(h, v1, 3);
      await receive(h, v2, 2);
      const refs: string[] = [];
      let seed = 7;
      const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

      const ops = Array.from({ length: 80 }, (_, i) => {
        const r = next();
        const v = r < 0.5 ? v1 : v2;
        if (r < 0.55 || i % 4 === 0) {
          const reference = `mix-${i}`;
          refs.push(reference);
          return async () => {
            const r = await tryReserve({ reference, lines: [{ variantId: v, quantity: 1 + (i % 2) }], expiresAt: later() });
            if (r !== 'ok' && !(r instanceof AppError && r.code === 'INVENTORY_SHORTAGE')) throw r;
          };
        }
        const ref = () => refs[Math.floor(next() * refs.length)] ?? 'none';
        if (r < 0.75) return () => withTx(wide.db, (tx) => release(tx, { reference: ref(), reason: 'cancelled' }), { maxAttempts: 1 });
        if (r < 0.9) return () => withTx(wide.db, (tx) => commit(tx, { reference: ref() }), { maxAttempts: 1 });
        return () =>
          withTx(
            wide.db,
            (tx) =>
              changeOnHand(tx, {
                changes: [{ variantId: v, mode: 'add', quantity: 2 }],
                kind: 'receive',
                actorId: null,
                reason: 'delivery',
              }),
            { maxAttempts: 1 },
          );
      });
      const results = await Promise.allSettled(ops.map((op) => op()));

      const unexpected = results.filter((r) => r.status === 'rejected');
      expect(unexpected).toEqual([]);
      const restocked = (await forProduct('inventory.restocked', p.productId)).length;
      const depleted = (await forProduct('inventory.depleted', p.productId)).length;
      const available = (await level(v1)).available + (await level(v2)).available;
      console.log(`mixed stock traffic: ${restocked} restocked, ${depleted} depleted, ${available} available at the end`);
      // The first receipt restocked the product; from then on each depleted is followed by one restocked.
      expect(restocked - depleted).toBe(available > 0 ? 1 : 0);
    });

    it('writes low_stock when a variant crosses its threshold downward, not on every change below it', async () => {
      const p = await product();
      const v = p.variants[0]!.id;
      await receive(h, v, 10);
      await withTx(h.db, (tx) => changeSettings(tx, { variantId: v, lowStockThreshold: 3 }));
      const low = async () => (await eventsOf(h, 'inventory.low_stock')).filter((e) => e.variantId === v);

      await withTx(h.db, (tx) => reserve(tx, { reference: 'l-1', lines: [{ variantId: v, quantity: 6 }], expiresAt: later() })); // 4 left
      expect(await low()).toEqual([]);
      await withTx(h.db, (tx) => reserve(tx, { reference: 'l-2', lines: [{ variantId: v, quantity: 1 }], expiresAt: later() })); // 3: crossed
      await withTx(h.db, (tx) => reserve(tx, { reference: 'l-3', lines: [{ variantId: v, quantity: 1 }], expiresAt: later() })); // 2: still below
      expect(await low()).toEqual([{ productId: p.productId, variantId: v, available: 3, threshold: 3, at: expect.any(String) }]);

      await withTx(h.db, (tx) =>
        changeOnHand(tx, { changes: [{ variantId: v, mode: 'add', quantity: 5 }], kind: 'receive', actorId: null, reason: 'delivery' }),
      ); // 15 on hand, 8 reserved: 7, above again
      await withTx(h.db, (tx) =>
        changeOnHand(tx, { changes: [{ variantId: v, mode: 'set', quantity: 8 }], kind: 'adjust', actorId: null, reason: 'count' }),
      ); // 8 on hand: 0, crossed again
      expect(await low()).toHaveLength(2);
      expect(await level(v)).toMatchObject({ onHand: 8, reserved: 8, available: 0, state: 'out' });
    });
  });
});
