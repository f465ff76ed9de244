// The staff stock API: list, low list, one variant with its ledger, adjust, settings, CSV import.
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.js';
import { bearer, makeStaff, registerUser, type Signed } from '../../../test/identity-helpers.js';
import { withTx } from '../../platform/tx.js';
import { catalogAdmin, eventsOf, expectStockInvariant, makeProduct, receive } from './inventory.fixtures.js';
import { reserve } from './inventory.public.js';

describe('staff stock API', () => {
  let h: Harness;
  let who: Awaited<ReturnType<typeof catalogAdmin>>;
  let ops: Signed;
  let customer: Signed;
  let seq = 0;
  const sku = () => `TEA-${Date.now().toString(36)}-${++seq}`.toUpperCase();
  const product = (n = 1) => makeProduct(h, who, Array.from({ length: n }, sku));
  const as = (user: Signed, opts: Omit<InjectOptions, 'headers'> & { headers?: Record<string, string> }) =>
    h.app.inject({ ...opts, headers: { ...bearer(user), ...opts.headers } } as InjectOptions);

  beforeAll(async () => {
    h = await createHarness();
    who = await catalogAdmin(h);
    ops = await makeStaff(h, ['ops']);
    customer = await registerUser(h);
  });
  afterEach(() => expectStockInvariant(h));
  afterAll(() => h?.close());

  describe('adjust', () => {
    it('receives by delta, counts by set, and writes each with its reason to the ledger, newest first', async () => {
      const p = await product();
      const v = p.variants[0]!;
      const url = `/api/admin/stock/${v.id}/adjust`;

      const received = await as(ops, { method: 'POST', url, payload: { delta: 12, kind: 'receive', reason: '進貨', reference: 'PO-7' } });
      const counted = await as(ops, { method: 'POST', url, payload: { set: 9, reason: 'stocktake' } });
      const corrected = await as(ops, { method: 'POST', url, payload: { delta: -2, reason: 'broken' } });

      expect(received.statusCode, received.body).toBe(200);
      expect(received.json()).toMatchObject({
        variantId: v.id,
        productId: p.productId,
        sku: v.sku,
        onHand: 12,
        reserved: 0,
        available: 12,
        state: 'in_stock',
      });
      expect(counted.json()).toMatchObject({ onHand: 9 });
      expect(corrected.json()).toMatchObject({ onHand: 7, available: 7 });
      const detail = await as(ops, { method: 'GET', url: `/api/admin/stock/${v.id}?pageSize=2` });
      expect(detail.statusCode, detail.body).toBe(200);
      expect(detail.json()).toMatchObject({
        onHand: 7,
        sku: v.sku,
        ledger: {
          total: 3,
          page: 1,
          pageSize: 2,
          items: [
            { kind: 'adjust', onHandDelta: -2, onHandAfter: 7, reason: 'broken', actorId: ops.id },
            { kind: 'adjust', onHandDelta: -3, onHandAfter: 9, reason: 'stocktake' },
          ],
        },
      });
      const page2 = (await as(ops, { method: 'GET', url: `/api/admin/stock/${v.id}?pageSize=2&page=2` })).json();
      expect(page2.ledger.items).toEqual([
        expect.objectContaining({ kind: 'receive', onHandDelta: 12, reason: '進貨', reference: 'PO-7' }),
      ]);
    });

    it.each([
      { what: 'no reason', payload: { delta: 1 } },
      { what: 'an empty reason', payload: { delta: 1, reason: '  ' } },
      { what: 'both delta and set', payload: { delta: 1, set: 3, reason: 'x' } },
      { what: 'neither', payload: { reason: 'x' } },
      { what: 'a zero delta', payload: { delta: 0, reason: 'x' } },
      { what: 'a fractional delta', payload: { delta: 1.5, reason: 'x' } },
      { what: 'a negative count', payload: { set: -1, reason: 'x' } },
      { what: 'a receipt that removes', payload: { delta: -1, kind: 'receive', reason: 'x' } },
    ])('answers 400 VALIDATION_FAILED for $what and changes nothing', async ({ payload }) => {
      const p = await product();
      const v = p.variants[0]!.id;
      await receive(h, v, 3);

      const res = await as(ops, { method: 'POST', url: `/api/admin/stock/${v}/adjust`, payload });

      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect((await as(ops, { method: 'GET', url: `/api/admin/stock/${v}` })).json()).toMatchObject({ onHand: 3 });
    });

    it('refuses to take on hand below what is reserved (409 STOCK_BELOW_RESERVED)', async () => {
      const p = await product();
      const v = p.variants[0]!.id;
      await receive(h, v, 5);
      await withTx(h.db, (tx) =>
        reserve(tx, { reference: randomUUID(), lines: [{ variantId: v, quantity: 4 }], expiresAt: new Date(Date.now() + 60_000) }),
      );

      const res = await as(ops, { method: 'POST', url: `/api/admin/stock/${v}/adjust`, payload: { set: 3, reason: 'count' } });
      const negative = await as(ops, { method: 'POST', url: `/api/admin/stock/${v}/adjust`, payload: { delta: -9, reason: 'loss' } });

      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({ code: 'STOCK_BELOW_RESERVED', onHand: 5, reserved: 4, result: 3 });
      expect(negative.json()).toMatchObject({ code: 'STOCK_BELOW_RESERVED', result: -4 });
    });

    it('answers 404 STOCK_NOT_FOUND for a variant the catalog does not know', async () => {
      const id = randomUUID();
      const adjust = await as(ops, { method: 'POST', url: `/api/admin/stock/${id}/adjust`, payload: { delta: 1, reason: 'x' } });
      const read = await as(ops, { method: 'GET', url: `/api/admin/stock/${id}` });
      const patch = await as(ops, { method: 'PATCH', url: `/api/admin/stock/${id}`, payload: { lowStockThreshold: 2 } });
      for (const res of [adjust, read, patch]) expect(res.json()).toMatchObject({ status: 404, code: 'STOCK_NOT_FOUND' });
    });

    it('shows a variant that never had stock as out, with an empty ledger', async () => {
      const p = await product();
      const res = await as(ops, { method: 'GET', url: `/api/admin/stock/${p.variants[0]!.id}` });
      expect(res.json()).toMatchObject({ onHand: 0, available: 0, state: 'out', productId: p.productId, ledger: { items: [], total: 0 } });
    });
  });

  describe('settings', () => {
    it('sets the threshold and the unlimited flag; an unlimited variant is in stock and restocks its product', async () => {
      const p = await product();
      const v = p.variants[0]!.id;
      await receive(h, v, 4);
      const url = `/api/admin/stock/${v}`;

      const low = await as(ops, { method: 'PATCH', url, payload: { lowStockThreshold: 5 } });
      expect(low.statusCode, low.body).toBe(200);
      expect(low.json()).toMatchObject({ lowStockThreshold: 5, state: 'low' });

      await as(ops, { method: 'POST', url: `${url}/adjust`, payload: { set: 0, reason: 'voucher codes are generated' } });
      expect((await eventsOf(h, 'inventory.depleted')).filter((e) => e.productId === p.productId)).toHaveLength(1);
      const unlimited = await as(ops, { method: 'PATCH', url, payload: { unlimited: true } });
      expect(unlimited.json()).toMatchObject({ unlimited: true, state: 'in_stock', onHand: 0 });
      expect((await eventsOf(h, 'inventory.restocked')).filter((e) => e.productId === p.productId)).toHaveLength(2);

      const empty = await as(ops, { method: 'PATCH', url, payload: {} });
      expect(empty.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    });
  });

  describe('lists', () => {
    it('lists stock lowest first, filters low and out, finds by SKU part, and pages', async () => {
      const p = await product(3);
      const [a, b, c] = p.variants as [{ id: string; sku: string }, { id: string; sku: string }, { id: string; sku: string }];
      await receive(h, a.id, 2);
      await receive(h, b.id, 50);
      await as(ops, { method: 'PATCH', url: `/api/admin/stock/${a.id}`, payload: { lowStockThreshold: 3 } });
      await as(ops, { method: 'PATCH', url: `/api/admin/stock/${c.id}`, payload: { lowStockThreshold: 1 } });
      const ours = (items: Array<{ variantId: string }>) => items.map((i) => i.variantId).filter((id) => [a.id, b.id, c.id].includes(id));

      const all = (await as(ops, { method: 'GET', url: '/api/admin/stock?pageSize=100' })).json();
      const low = (await as(ops, { method: 'GET', url: '/api/admin/stock/low?pageSize=100' })).json();
      const out = (await as(ops, { method: 'GET', url: '/api/admin/stock?filter=out&pageSize=100' })).json();
      const bySku = (
        await as(ops, { method: 'GET', url: `/api/admin/stock?sku=${encodeURIComponent(b.sku.slice(-6).toLowerCase())}` })
      ).json();
      const paged = (await as(ops, { method: 'GET', url: '/api/admin/stock?pageSize=1&page=2' })).json();

      expect(ours(all.items)).toEqual([c.id, a.id, b.id]);
      expect(ours(low.items)).toEqual([c.id, a.id]);
      expect(low.items.find((i: { variantId: string }) => i.variantId === a.id)).toMatchObject({
        sku: a.sku,
        available: 2,
        lowStockThreshold: 3,
        state: 'low',
      });
      expect(ours(out.items)).toEqual([c.id]);
      expect(bySku.items.map((i: { sku: string }) => i.sku)).toEqual([b.sku]);
      expect(paged).toMatchObject({ page: 2, pageSize: 1, total: all.total });
      expect(paged.items).toHaveLength(1);
    });

    it('lists one product’s variants: those that ever had stock, whatever other products hold', async () => {
      const p = await product(3);
      const other = await product(1);
      const [a, b] = p.variants as [{ id: string; sku: string }, { id: string; sku: string }];
      await receive(h, a.id, 4);
      await as(ops, { method: 'POST', url: `/api/admin/stock/${b.id}/adjust`, payload: { set: 7, reason: 'count' } });
      await receive(h, other.variants[0]!.id, 1);

      const res = await as(ops, { method: 'GET', url: `/api/admin/stock?productId=${p.productId}&pageSize=100` });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.total).toBe(2);
      expect(body.items).toEqual([
        expect.objectContaining({ variantId: a.id, productId: p.productId, sku: a.sku, onHand: 4, available: 4 }),
        expect.objectContaining({ variantId: b.id, productId: p.productId, sku: b.sku, onHand: 7, available: 7 }),
      ]);
      const none = (await as(ops, { method: 'GET', url: `/api/admin/stock?productId=${randomUUID()}` })).json();
      expect(none).toMatchObject({ items: [], total: 0 });
      const bad = await as(ops, { method: 'GET', url: '/api/admin/stock?productId=not-an-id' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });

  describe('import', () => {
    const importCsv = (csv: string, user: Signed = ops) =>
      as(user, { method: 'POST', url: '/api/admin/stock/import', payload: csv, headers: { 'content-type': 'text/csv' } });

    it('applies a valid file (text/csv or JSON) all at once', async () => {
      const p = await product(2);
      const [a, b] = p.variants as [{ id: string; sku: string }, { id: string; sku: string }];
      await receive(h, b.id, 10);

      const res = await importCsv(`sku,quantity,mode\r\n${a.sku},7,set\r\n"${b.sku}",+3,add\r\n`);
      const json = await as(ops, {
        method: 'POST',
        url: '/api/admin/stock/import',
        payload: { csv: `SKU,Quantity,Mode\n${a.sku},-2,ADD\n` },
      });

      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        applied: 2,
        items: [
          { row: 2, sku: a.sku, variantId: a.id, mode: 'set', quantity: 7, onHandBefore: 0, onHandAfter: 7 },
          { row: 3, sku: b.sku, variantId: b.id, mode: 'add', quantity: 3, onHandBefore: 10, onHandAfter: 13 },
        ],
      });
      expect(json.statusCode, json.body).toBe(200);
      expect(json.json().items[0]).toMatchObject({ onHandBefore: 7, onHandAfter: 5 });
      const ledger = (await as(ops, { method: 'GET', url: `/api/admin/stock/${a.id}` })).json().ledger.items;
      expect(ledger.map((m: { kind: string; onHandDelta: number }) => [m.kind, m.onHandDelta])).toEqual([
        ['import', -2],
        ['import', 7],
      ]);
    });

    it('applies nothing when a row is bad, and names each bad row', async () => {
      const p = await product(3);
      const [a, b, c] = p.variants as Array<{ id: string; sku: string }> as [
        { id: string; sku: string },
        { id: string; sku: string },
        { id: string; sku: string },
      ];
      await receive(h, a.id, 5);
      await receive(h, c.id, 4);
      await withTx(h.db, (tx) =>
        reserve(tx, { reference: randomUUID(), lines: [{ variantId: c.id, quantity: 3 }], expiresAt: new Date(Date.now() + 60_000) }),
      );
      const csv = [
        'sku,quantity,mode',
        `${a.sku},9,set`, // 2: fine alone
        'NO-SUCH-SKU,1,add', // 3
        `${b.sku},1.5,add`, // 4
        `${b.sku},2,replace`, // 5 (and a duplicate)
        `${a.sku},-10,add`, // 6: duplicate of row 2
        `${c.sku},-2,add`, // 7: 2 on hand < 3 reserved
        `,1,add`, // 8
      ].join('\n');

      const res = await importCsv(csv);

      expect(res.statusCode, res.body).toBe(400);
      const body = res.json();
      expect(body).toMatchObject({ status: 400, code: 'IMPORT_INVALID' });
      expect(body.errors.map((e: { row: number; code: string }) => `${e.row} ${e.code}`)).toEqual(
        ['4 QUANTITY_INVALID', '5 SKU_DUPLICATE', '5 MODE_INVALID', '6 SKU_DUPLICATE', '8 SKU_REQUIRED', '3 SKU_UNKNOWN'].sort(
          (x, y) => Number.parseInt(x) - Number.parseInt(y),
        ),
      );
      // Only once the file reads well is the result checked against stock.
      const stock = async (id: string) => (await as(ops, { method: 'GET', url: `/api/admin/stock/${id}` })).json();
      const fixed = ['sku,quantity,mode', `${b.sku},2,set`, `${c.sku},-2,add`, `${a.sku},-6,add`].join('\n');
      const below = await importCsv(fixed);
      expect(below.json().errors).toEqual([
        { row: 3, column: 'quantity', code: 'RESULT_BELOW_RESERVED', sku: c.sku, message: expect.any(String) },
        { row: 4, column: 'quantity', code: 'RESULT_NEGATIVE', sku: a.sku, message: expect.any(String) },
      ]);
      expect(await stock(b.id)).toMatchObject({ onHand: 0, ledger: { total: 0 } });
      expect(await stock(a.id)).toMatchObject({ onHand: 5, ledger: { total: 1 } });
      expect(await stock(c.id)).toMatchObject({ onHand: 4, reserved: 3 });
    });

    it('imports 2,000 rows in one go', async () => {
      const p = await product();
      // Variants straight into the catalog's table: the API would take minutes to make this many.
      const prefix = `BULK-${Date.now().toString(36)}`;
      await h.pool.query(
        `INSERT INTO variants (product_id, sku, price_minor, sales_attributes) SELECT $1, $2 || '-' || g, 100, jsonb_build_object('n', g::text) FROM generate_series(1, 2000) g`,
        [p.productId, prefix],
      );
      const csv = `sku,quantity,mode\n${Array.from({ length: 2000 }, (_, i) => `${prefix}-${i + 1},${i % 7},${i % 2 ? 'add' : 'set'}`).join('\n')}`;

      const started = performance.now();
      const res = await importCsv(csv);
      const ms = Math.round(performance.now() - started);

      console.log(`stock import of 2,000 rows: ${res.statusCode} in ${ms} ms`);
      expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
      expect(res.json().applied).toBe(2000);
      const { rows } = await h.pool.query(
        'SELECT count(*)::int AS n, sum(on_hand)::int AS units FROM stock_levels l JOIN variants v ON v.id = l.variant_id WHERE v.sku LIKE $1',
        [`${prefix}-%`],
      );
      expect(rows[0]).toEqual({ n: 2000, units: Array.from({ length: 2000 }, (_, i) => i % 7).reduce((a, b) => a + b, 0) });
    });

    it.each([
      { what: 'an empty body', csv: '', code: 'FILE_EMPTY' },
      { what: 'a missing column', csv: 'sku,quantity\nA,1\n', code: 'CSV_MISSING_COLUMN' },
      { what: 'an unknown column', csv: 'sku,quantity,mode,price\nA,1,set,3\n', code: 'CSV_UNKNOWN_COLUMN' },
      { what: 'an unclosed quote', csv: 'sku,quantity,mode\n"A,1,set\n', code: 'CSV_UNCLOSED_QUOTE' },
      { what: 'a header only', csv: 'sku,quantity,mode\n', code: 'FILE_EMPTY' },
    ])('answers 400 IMPORT_INVALID ($what)', async ({ csv, code }) => {
      const res = await importCsv(csv);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'IMPORT_INVALID', errors: [expect.objectContaining({ code })] });
    });

    it('answers 400 for JSON without csv', async () => {
      const res = await as(ops, { method: 'POST', url: '/api/admin/stock/import', payload: { rows: [] } });
      expect(res.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    });
  });

  describe('access', () => {
    it('gives customers 403 on every stock route and anonymous callers 401', async () => {
      const p = await product();
      const v = p.variants[0]!.id;
      const calls: Array<Omit<InjectOptions, 'headers'>> = [
        { method: 'GET', url: '/api/admin/stock' },
        { method: 'GET', url: '/api/admin/stock/low' },
        { method: 'GET', url: `/api/admin/stock/${v}` },
        { method: 'POST', url: `/api/admin/stock/${v}/adjust`, payload: { delta: 1, reason: 'x' } },
        { method: 'PATCH', url: `/api/admin/stock/${v}`, payload: { unlimited: true } },
        { method: 'POST', url: '/api/admin/stock/import', payload: { csv: `sku,quantity,mode\n${p.variants[0]!.sku},5,set` } },
      ];
      for (const c of calls) {
        const res = await as(customer, c);
        expect(res.statusCode, `${c.method} ${c.url}`).toBe(403);
        expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
        expect((await h.app.inject(c as InjectOptions)).statusCode).toBe(401);
      }
      expect((await as(ops, { method: 'GET', url: `/api/admin/stock/${v}` })).json()).toMatchObject({ onHand: 0, ledger: { total: 0 } });
    });
  });
});
