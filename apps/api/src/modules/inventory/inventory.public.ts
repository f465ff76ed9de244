// What the inventory module offers other modules and app.ts (re-exported by its index.ts).

/**
 * Stock inside the caller's transaction (`tx`). Every stock write locks the products it touches
 * (advisory, product-id order) and then the stock rows (variant-id order), so callers that take
 * stock together with other locks take them in the global order: cart → stock → promotion usage →
 * order → payment. Each write appends a ledger row per variant and its outbox events in `tx`.
 *
 * - `reserve(tx, { reference, lines, expiresAt, actorId? })`: holds units for a reference (an
 *   order). Lines of the same variant are summed; one conditional UPDATE per variant takes units only
 *   while on hand − reserved covers them (unlimited variants always pass, counters untouched). Any
 *   line short → 409 INVENTORY_SHORTAGE with `lines: [{ variantId, requested, available }]` and
 *   nothing of the call stays (it runs in a savepoint); the caller normally lets its transaction
 *   roll back. A variant with no stock row is short with available 0. A reference that already has
 *   active reservations → 409 INVENTORY_ALREADY_RESERVED. Appends `inventory.reserved`.
 * - `release(tx, { reference, reason })`: active reservations of the reference → released, their
 *   units available again. Exactly once: a later or concurrent call finds nothing and answers
 *   `{ released: false }`. Appends `inventory.released` when it did release.
 * - `commit(tx, { reference })`: active reservations → committed (paid): on hand and reserved both
 *   drop by the quantity. Exactly once, like release (`{ committed: false }` the second time).
 * - `restock(tx, { variantId, quantity, reference, actorId, reason })`: returned units back on hand.
 *   404 STOCK_NOT_FOUND for a variant the catalog does not know.
 * - `stockLevels(db | tx, variantIds)`: a Map with every asked id → `{ onHand, reserved, available,
 *   unlimited, lowStockThreshold, state }`; a variant without a stock row reads as 0, `out`.
 * - `seedDemoStock(db, [{ sku, quantity }])`: the demo catalog's units, received once per SKU.
 * - `productStock(db | tx, productId)`: what a shopper may know (per sold variant: state, units left
 *   while low); 404 PRODUCT_NOT_FOUND for a product shoppers cannot see.
 * - `extendReservations(tx, { reference, until })`: the reference's active reservations expire at
 *   `until` where they would expire earlier (an offline payment code's deadline); answers how many moved.
 * - `lockStockOf(tx, reference)`: the stock locks `release`/`commit` of the reference would take,
 *   taken ahead (for a transaction that must update an order row before it releases the stock).
 * - `expiredReservations(db | tx, { now, limit? })`: references with an active reservation past
 *   its expiry (oldest first), for the sweep that cancels their orders and calls `release`.
 *
 * Events (same transaction): `inventory.depleted` when a product's available units over all its
 * variants reach 0, `inventory.restocked` when they come back above 0, `inventory.low_stock` when a
 * variant's available falls to its threshold or below; each on the crossing only.
 */
export {
  commit,
  expiredReservations,
  extendReservations,
  lockStockOf,
  productStock,
  seedDemoStock,
  release,
  reserve,
  restock,
  stockLevels,
  type ReserveInput,
  type Shortage,
} from './inventory.service.js';
export type { InventoryDeps, ReservationLine, StockLevel, StockState } from './inventory.types.js';

/**
 * Staff use cases `(deps, { actor, context, … })`, authorizing on the `stock` resource (read or
 * update) and each writing in its own transaction: list, low list, one variant with its ledger,
 * adjust (delta or set, reason required), threshold/unlimited, CSV import (all or nothing).
 */
export { adjustStock, getStock, importStock, listStock, lowStock, updateStockSettings } from './stock-admin.service.js';

/** `/api/admin/stock…` and the shoppers' `/api/stock/products/{id}` (register each with `{ deps }` under `/api`). */
export { inventoryRoutes, stockStorefrontRoutes } from './inventory.routes.js';
