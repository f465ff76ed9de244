// The catalog's side of stock: when the stock module says a product has no available unit left
// (`inventory.depleted`) or has one again (`inventory.restocked`), the product goes on_shelf →
// sold_out or back, in this handler's own transaction, never in the stock write's.
import { defineHandler } from '../../platform/events.js';
import type { EventHandler } from '../../platform/outbox.js';
import { InventoryEvents } from '../inventory/index.js';
import { bumpCatalogVersion, type CatalogCacheDeps } from './search/index.js';
import { applyAutomaticTransition } from './products.service.js';

/**
 * `catalog.stock-status`: flips the product through the lifecycle's conditional update (logged
 * with no actor, `product.sold_out` / `product.back_in_stock` appended, reindexed; a snapshot when
 * it goes back on the shelf), then invalidates cached catalog reads after the commit. A product not
 * in the step's `from` state (taken off the shelf, frozen, already sold out) is left alone, so a
 * redelivered or late event changes nothing.
 */
export function catalogStockStatusHandler(opts: { cache?: CatalogCacheDeps | undefined } = {}): EventHandler {
  const { cache } = opts;
  return defineHandler({
    name: 'catalog.stock-status',
    events: [InventoryEvents.depleted, InventoryEvents.restocked],
    async handle(tx, payload, event) {
      const action = event.eventType === InventoryEvents.depleted.type ? 'sell_out' : 'restock';
      await applyAutomaticTransition(tx, payload.productId, action);
    },
    ...(cache ? { afterCommit: () => bumpCatalogVersion(cache) } : {}),
  });
}
