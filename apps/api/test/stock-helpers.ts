// What the stock module will do when a product runs out or comes back: append its event in a
// transaction of its own. Tests deliver it with `h.deliverEvents()`.
import type { Db, Tx } from '../src/db/client.js';
import { InventoryEvents } from '../src/modules/inventory/index.js';
import { appendEvent } from '../src/platform/events.js';
import { withTx } from '../src/platform/tx.js';

export type StockChange = 'depleted' | 'restocked';

/** Appends `inventory.<change>` for the product in `tx` (the stock write's transaction). */
export async function appendStockEvent(tx: Tx, change: StockChange, p: { productId: string; variantId: string }): Promise<void> {
  await appendEvent(tx, InventoryEvents[change], { aggregateId: p.productId, payload: { ...p, at: new Date().toISOString() } });
}

/** Appends `inventory.<change>` in a transaction of its own. */
export async function emitStockEvent(db: Db, change: StockChange, p: { productId: string; variantId: string }): Promise<void> {
  await withTx(db, (tx) => appendStockEvent(tx, change, p));
}
