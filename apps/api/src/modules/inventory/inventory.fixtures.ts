// Test fixtures for the stock tests: catalog products made through the admin API, stock set through
// the module's own functions, and the stock invariant every stock test ends with.
import { expect } from 'vitest';
import type { Harness } from '../../../test/harness.js';
import { bearer, makeStaff, type Signed } from '../../../test/identity-helpers.js';
import { withTx } from '../../platform/tx.js';
import { changeOnHand } from './inventory.service.js';

export interface MadeProduct {
  productId: string;
  variants: Array<{ id: string; sku: string }>;
}

let seq = 0;

/** An admin, and a category to put products in. */
export async function catalogAdmin(h: Harness): Promise<{ admin: Signed; categoryId: string }> {
  const admin = await makeStaff(h, ['admin']);
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/admin/categories',
    headers: bearer(admin),
    payload: { name: { 'zh-TW': '行動網路', en: 'Mobile data' }, slug: `data-${Date.now().toString(36)}-${++seq}` },
  });
  expect(res.statusCode, res.body).toBe(201);
  const categoryId = res.json().id as string;
  // Variants of one product differ by a sales attribute.
  const plans = Array.from({ length: 10 }, (_, i) => ({ value: `p${i}`, label: { 'zh-TW': `方案 ${i}` } }));
  const attr = await h.app.inject({
    method: 'POST',
    url: '/api/admin/attributes',
    headers: bearer(admin),
    payload: { categoryId, code: 'plan', kind: 'sales', type: 'enum', label: { 'zh-TW': '方案' }, allowedValues: plans },
  });
  expect(attr.statusCode, attr.body).toBe(201);
  return { admin, categoryId };
}

/** A draft product with one variant per SKU. */
export async function makeProduct(h: Harness, who: { admin: Signed; categoryId: string }, skus: string[]): Promise<MadeProduct> {
  const n = ++seq;
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/admin/products',
    headers: bearer(who.admin),
    payload: {
      name: { 'zh-TW': `上網卡 ${n}`, en: `Data pack ${n}` },
      slug: `data-pack-${n}-${Date.now().toString(36)}`,
      primaryCategoryId: who.categoryId,
      variants: skus.map((sku, i) => ({ sku, priceMinor: 300 + i, sortOrder: i, salesAttributes: { plan: `p${i}` } })),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json() as { id: string; variants: Array<{ id: string; sku: string }> };
  return { productId: body.id, variants: body.variants.map((v) => ({ id: v.id, sku: v.sku })) };
}

/** Receives `quantity` units of a variant (a ledger row like staff receipts write). */
export async function receive(h: Harness, variantId: string, quantity: number): Promise<void> {
  await withTx(h.db, (tx) =>
    changeOnHand(tx, { changes: [{ variantId, mode: 'add', quantity }], kind: 'receive', actorId: null, reason: 'test receipt' }),
  );
}

/** Outbox events of the given type, oldest first. */
export async function eventsOf(h: Harness, type: string): Promise<Array<Record<string, unknown>>> {
  const { rows } = await h.pool.query<{ payload: Record<string, unknown> }>(
    'SELECT payload FROM event_outbox WHERE event_type = $1 ORDER BY created_at, id',
    [type],
  );
  return rows.map((r) => r.payload);
}

/** The stock invariant every stock test ends with (shared with the checkout and order tests). */
export { expectStockInvariant } from '../../../test/stock-helpers.js';
