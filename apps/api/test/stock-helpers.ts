// What the stock module will do when a product runs out or comes back: append its event in a
// transaction of its own. Tests deliver it with `h.deliverEvents()`.
import { expect } from 'vitest';
import type { Db, Tx } from '../src/db/client.js';
import { InventoryEvents } from '../src/modules/inventory/index.js';
import { appendEvent } from '../src/platform/events.js';
import { withTx } from '../src/platform/tx.js';
import type { Harness } from './harness.js';

export type StockChange = 'depleted' | 'restocked';

/** Appends `inventory.<change>` for the product in `tx` (the stock write's transaction). */
export async function appendStockEvent(tx: Tx, change: StockChange, p: { productId: string; variantId: string }): Promise<void> {
  await appendEvent(tx, InventoryEvents[change], { aggregateId: p.productId, payload: { ...p, at: new Date().toISOString() } });
}

/** Appends `inventory.<change>` in a transaction of its own. */
export async function emitStockEvent(db: Db, change: StockChange, p: { productId: string; variantId: string }): Promise<void> {
  await withTx(db, (tx) => appendStockEvent(tx, change, p));
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
