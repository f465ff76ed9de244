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

/**
 * The stock invariant, for every variant with stock: on hand = received + adjustments − sold
 * (committed) + restocked, by the ledger; reserved = the active counted reservations (and the
 * ledger's reserved deltas); available = on hand − reserved ≥ 0; the newest ledger row carries the
 * current counters.
 */
export async function expectStockInvariant(h: Harness): Promise<void> {
  const { rows } = await h.pool.query<{
    variant_id: string;
    on_hand: number;
    reserved: number;
    unlimited: boolean;
    received: number;
    sold: number;
    restocked: number;
    ledger_reserved: number;
    stray_on_hand: number;
    active_reserved: number;
    last_on_hand: number | null;
    last_reserved: number | null;
  }>(`
    SELECT l.variant_id, l.on_hand, l.reserved, l.unlimited,
      coalesce((SELECT sum(on_hand_delta) FROM stock_movements m WHERE m.variant_id = l.variant_id AND kind IN ('receive','adjust','import')), 0)::int AS received,
      coalesce((SELECT -sum(on_hand_delta) FROM stock_movements m WHERE m.variant_id = l.variant_id AND kind = 'commit'), 0)::int AS sold,
      coalesce((SELECT sum(on_hand_delta) FROM stock_movements m WHERE m.variant_id = l.variant_id AND kind = 'restock'), 0)::int AS restocked,
      coalesce((SELECT sum(reserved_delta) FROM stock_movements m WHERE m.variant_id = l.variant_id), 0)::int AS ledger_reserved,
      coalesce((SELECT sum(abs(on_hand_delta)) FROM stock_movements m WHERE m.variant_id = l.variant_id AND kind IN ('reserve','release')), 0)::int AS stray_on_hand,
      coalesce((SELECT sum(quantity) FROM stock_reservations r WHERE r.variant_id = l.variant_id AND status = 'active' AND counted), 0)::int AS active_reserved,
      (SELECT on_hand_after FROM stock_movements m WHERE m.variant_id = l.variant_id ORDER BY created_at DESC LIMIT 1) AS last_on_hand,
      (SELECT reserved_after FROM stock_movements m WHERE m.variant_id = l.variant_id ORDER BY created_at DESC LIMIT 1) AS last_reserved
    FROM stock_levels l`);
  for (const r of rows) {
    const where = `variant ${r.variant_id}`;
    expect(r.on_hand, `${where}: on hand = received + adjustments − sold + restocked`).toBe(r.received - r.sold + r.restocked);
    expect(r.stray_on_hand, `${where}: reserve/release never move on hand`).toBe(0);
    expect(r.reserved, `${where}: reserved = active reservations`).toBe(r.active_reserved);
    expect(r.reserved, `${where}: reserved = the ledger's reserved deltas`).toBe(r.ledger_reserved);
    expect(r.reserved, `${where}: reserved ≥ 0`).toBeGreaterThanOrEqual(0);
    expect(r.on_hand - r.reserved, `${where}: available ≥ 0`).toBeGreaterThanOrEqual(0);
    if (r.last_on_hand !== null)
      expect([r.last_on_hand, r.last_reserved], `${where}: the newest ledger row has the counters`).toEqual([r.on_hand, r.reserved]);
  }
}
